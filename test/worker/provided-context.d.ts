/** What vitest's globalSetup files provide to the worker tests (`inject(...)` in a test). */
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local Web Push service (test/worker/push-service.ts), `http://localhost:PORT`. */
    pushService: string;
  }
}
