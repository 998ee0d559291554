// The same check as an app built by a bundler (esbuild, browser conditions): the package is
// imported by name and the wasm URL is handed to init(), as with any bundler that does not
// copy assets referenced by `new URL(..., import.meta.url)`.
import init, * as api from 'order-sla';
import { checkCorpus } from './corpus-check.js';

const json = async (url) => (await fetch(url)).json();
try {
  await init('/pkg/wasm/order_sla_bg.wasm');
  const [corpus, expected] = await Promise.all([json('/tests/corpus/corpus.json'), json('/tests/corpus/expected.json')]);
  window.__result = await checkCorpus(api, corpus, expected, 'chromium-bundled');
} catch (e) {
  window.__result = { error: String(e?.stack ?? e) };
}
document.body.textContent = 'done';
