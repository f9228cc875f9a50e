// Writes worker/core/phone-metadata.generated.json: libphonenumber-js's "min" metadata without the
// number formats (only formatting uses them; Countersign parses, validates and stores E.164). This
// halves what the worker bundles (about 9 KB gzip). Run by `npm run phone-metadata` after upgrading
// libphonenumber-js; the file is committed (no install script), and worker/core/phone.test.ts fails
// when it no longer matches the installed library.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const full = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.min.json'), 'utf8'));

/** Index 4 of each territory's entry holds its formats in the v4 metadata layout. */
export function trim(metadata) {
  if (metadata.version !== 4) throw new Error(`unexpected libphonenumber-js metadata version ${metadata.version}`);
  const copy = structuredClone(metadata);
  for (const group of [copy.countries, copy.nonGeographic ?? {}]) {
    for (const entry of Object.values(group)) if (Array.isArray(entry[4])) entry[4] = [];
  }
  return copy;
}

writeFileSync(new URL('../worker/core/phone-metadata.generated.json', import.meta.url), JSON.stringify(trim(full)));
