// The same script under Node (ESM), Bun and Deno: imports the package by name, so each
// runtime's export condition picks its entry, then checks the corpus and prints one line.
import { readFileSync } from 'node:fs';
import * as api from 'order-sla';
import { checkCorpus } from './corpus-check.js';

const read = (name) => JSON.parse(readFileSync(new URL(`./corpus/${name}`, import.meta.url), 'utf8'));
const runtime = globalThis.Deno ? 'deno' : globalThis.Bun ? 'bun' : 'node';
const result = await checkCorpus(api, read('corpus.json'), read('expected.json'), runtime, undefined, read('expected-full.json'));
result.calendar = api.calendar('gb-eng').nextWorkingDay('2026-12-24');
console.log(JSON.stringify(result));
