// The corpus in a real browser, through the package's browser entry (one await init()).
import init, * as api from '../../pkg/browser.js';
import { checkCorpus } from './corpus-check.js';

const json = async (url) => (await fetch(url)).json();
try {
  await init();
  const [corpus, expected] = await Promise.all([json('../corpus/corpus.json'), json('../corpus/expected.json')]);
  window.__result = await checkCorpus(api, corpus, expected, 'chromium');
} catch (e) {
  window.__result = { error: String(e?.stack ?? e) };
}
document.body.textContent = 'done';
