// The corpus in a real browser, through the package's browser entry (one await init()).
import init, * as api from '../../pkg/browser.js';
import { checkCorpus } from './corpus-check.js';

const json = async (url) => (await fetch(url)).json();
// The browser build loads compiled policies: the test compiled the corpus's (2026-2027) in Node.
const bytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const compile = async (corpus) =>
  Object.fromEntries(await Promise.all(Object.keys(corpus.policies).map(async (id) => [id, await bytes(`../../target/browser/compiled/${id}.osla`)])));
try {
  await init();
  const [corpus, expected] = await Promise.all([json('../corpus/corpus.json'), json('../corpus/expected.json')]);
  window.__result = await checkCorpus(api, corpus, expected, 'chromium', await compile(corpus));
} catch (e) {
  window.__result = { error: String(e?.stack ?? e) };
}
document.body.textContent = 'done';
