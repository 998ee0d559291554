// Node CommonJS: require('order-sla') resolves the package's `require` condition (node.cjs).
const { readFileSync } = require('node:fs');
const api = require('order-sla');

const read = (name) => JSON.parse(readFileSync(`${__dirname}/corpus/${name}`, 'utf8'));
import('./corpus-check.js').then(async ({ checkCorpus }) => {
  const result = await checkCorpus(api, read('corpus.json'), read('expected.json'), 'node-cjs', undefined, read('expected-full.json'));
  result.calendar = api.calendar('gb-eng').nextWorkingDay('2026-12-24');
  console.log(JSON.stringify(result));
});
