/**
 * What every part of an Account works over: the one object's SQLite storage and its synchronous
 * transaction (a recovery or a risky sign-in writes several parts' tables in one transaction).
 */
export type AccountStorage = Pick<DurableObjectStorage, 'sql' | 'transactionSync'>;
