/** Per test file on Deno: the file's server stops (and its data goes) after its tests. */
import { afterAll } from 'vitest';
import { stop } from './worker-under-test.ts';

afterAll(stop);
