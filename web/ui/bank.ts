/**
 * The bank's name and real phone number (`GET /api/config`, from BANK_NAME and BANK_PHONE), read
 * once per page and kept on this device, so that a screen opened offline, or before the answer,
 * still names the bank and dials its real number.
 */
import { useEffect, useState } from 'preact/hooks';
import type { BankConfig } from '../../shared/bank.ts';
import { client, unwrap } from '../api.ts';

const storageKey = 'countersign.bank';

function stored(): BankConfig | null {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Partial<BankConfig> | null;
    return typeof value?.bankName === 'string' && typeof value.bankPhone === 'string' ? (value as BankConfig) : null;
  } catch {
    return null;
  }
}

let known: BankConfig | null = null;
let reading: Promise<BankConfig | null> | null = null;

/** Reads the config once for this page (later calls share the first answer). */
export function readBank(): Promise<BankConfig | null> {
  reading ??= unwrap(client.api.config.$get())
    .then((config) => {
      known = config;
      try {
        localStorage.setItem(storageKey, JSON.stringify(config));
      } catch {
        // Private mode: known for this page only.
      }
      return config;
    })
    .catch(() => {
      reading = null;
      return known;
    });
  return reading;
}

/** The bank as last known on this device (null only before the very first answer). */
export function useBank(): BankConfig | null {
  const [bank, setBank] = useState<BankConfig | null>(() => (known ??= stored()));
  useEffect(() => {
    let live = true;
    void readBank().then((config) => live && config && setBank(config));
    return () => {
      live = false;
    };
  }, []);
  return bank;
}
