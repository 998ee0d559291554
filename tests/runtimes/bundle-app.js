// The same check as an app built by a bundler (esbuild, browser conditions): the package is
// imported by name and the wasm URL is handed to init(), as with any bundler that does not
// copy assets referenced by `new URL(..., import.meta.url)`.
import init, * as api from 'order-sla';
import { checkCorpus } from './corpus-check.js';

const json = async (url) => (await fetch(url)).json();
// The browser build loads compiled policies: the test compiled the corpus's (2026-2027) in Node.
const bytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const compile = async (corpus) =>
  Object.fromEntries(await Promise.all(Object.keys(corpus.policies).map(async (id) => [id, await bytes(`/target/browser/compiled/${id}.osla`)])));
try {
  await init('/pkg/wasm/lean/order_sla_bg.wasm');
  const [corpus, expected] = await Promise.all([json('/tests/corpus/corpus.json'), json('/tests/corpus/expected.json')]);
  window.__result = await checkCorpus(api, corpus, expected, 'chromium-bundled', await compile(corpus));
} catch (e) {
  window.__result = { error: String(e?.stack ?? e) };
}
document.body.textContent = 'done';
