// The package's declarations as TypeScript users meet them: the packed tarball installed into
// three projects (ESM resolving like a bundler, ESM under Node 16 resolution, CommonJS under
// Node 16 resolution), each `tsc --strict` with `skipLibCheck: false` and no DOM or Node
// types (`lib: ["es2022"]`, `types: []`), over the usage files of tests/types and every
// JavaScript code block of the README and docs/*.md. A bundler project gets the browser
// entry's declarations (browser.d.ts, its `default` condition), Node projects the full
// build's (index.d.ts, index.d.cts from CommonJS).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = `${root}target/types`;
const tsc = `${root}node_modules/typescript/bin/tsc`;
const KINDS = {
  'esm-bundler': { type: 'module', compilerOptions: { module: 'esnext', moduleResolution: 'bundler' }, build: 'browser' },
  'esm-node16': { type: 'module', compilerOptions: { module: 'node16', moduleResolution: 'node16' }, build: 'full' },
  'cjs-node16': { type: 'commonjs', compilerOptions: { module: 'node16', moduleResolution: 'node16' }, build: 'full' },
};

/** The JavaScript code blocks of the README and docs: `{ file, index, code }`. */
function docBlocks() {
  const files = ['README.md', ...readdirSync(`${root}docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const out = [];
  for (const file of files) {
    const text = readFileSync(`${root}${file}`, 'utf8');
    let index = 0;
    for (const m of text.matchAll(/^```(?:js|javascript|ts|typescript)\n([\s\S]*?)^```/gm)) out.push({ file, index: index++, code: m[1] });
  }
  return out;
}

// What the docs' snippets take as given (a policy, an order, a page's helpers), declared so
// that the snippets themselves are checked as written.
const PRELUDE = {
  full: `import type { Policy, Order, TrackingEvent, Engine } from 'order-sla';
declare const policy: Policy;
declare const order: Order;
declare const events: TrackingEvent[];
declare const engine: Engine;
declare function createReadStream(path: string): AsyncIterable<Uint8Array>;
declare function page(what: unknown): void;
`,
  browser: `import type { Order } from 'order-sla';
declare const cart: Order;
declare const bytes: Uint8Array;
declare function fetch(url: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> }>;
`,
  module: `import type { Policy } from 'order-sla/module';
declare const policy: Policy;
`,
  both: `declare const console: { log(...what: unknown[]): void; error(...what: unknown[]): void };
`,
};

/** A snippet as a module: its imports first, the rest in an async function (so that CommonJS,
 * which has no top-level await, takes it too). */
function moduleOf({ code }, build) {
  const lines = code.split('\n');
  const imports = lines.filter((l) => /^import /.test(l));
  const body = lines.filter((l) => !/^import /.test(l));
  return `${imports.join('\n')}\n${PRELUDE[build]}${PRELUDE.both}export async function snippet(): Promise<void> {\n${body.join('\n')}\n}\n`;
}

before(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const r = spawnSync('npm', ['pack', `${root}pkg`, '--pack-destination', work, '--json', '--silent'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const tarball = JSON.parse(r.stdout)[0].filename;
  const blocks = docBlocks();
  for (const [kind, { type, compilerOptions, build }] of Object.entries(KINDS)) {
    const dir = `${work}/${kind}`;
    mkdirSync(`${dir}/src`, { recursive: true });
    writeFileSync(`${dir}/package.json`, JSON.stringify({ name: kind, private: true, type, dependencies: { 'order-sla': `file:../${tarball}` } }));
    const i = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--no-package-lock'], { cwd: dir, encoding: 'utf8' });
    assert.equal(i.status, 0, i.stderr);
    writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({
      compilerOptions: { ...compilerOptions, target: 'es2022', lib: ['es2022'], types: [], strict: true, skipLibCheck: false, noEmit: true, isolatedModules: true },
      include: ['src'],
    }, null, 2));
    copyFileSync(`${root}tests/types/${build === 'full' ? 'usage.ts' : 'usage-browser.ts'}`, `${dir}/src/usage.ts`);
    // Vercel's `?module` imports, declared as its docs tell projects to.
    writeFileSync(`${dir}/src/wasm-module.d.ts`, "declare module '*.wasm?module' { const module: object; export default module; }\n");
    // The snippets that load the wasm themselves (`init`) are the browser's, except those of
    // `order-sla/module` (the full build, an ES module: checked in the ESM projects); the rest
    // run where the full build does.
    for (const b of blocks) {
      const module = /order-sla\/module/.test(b.code);
      const forBrowser = /\binit\b/.test(b.code) && !module;
      if (module ? type !== 'module' : forBrowser !== (build === 'browser')) continue;
      writeFileSync(`${dir}/src/${b.file.replace(/[/.]/g, '_')}_${b.index}.ts`, moduleOf(b, module ? 'module' : build));
    }
  }
});

for (const kind of Object.keys(KINDS)) {
  test(`tsc --strict type-checks the usage and the docs' snippets in a ${kind} project`, () => {
    const r = spawnSync(process.execPath, [tsc, '-p', `${work}/${kind}`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const checked = readdirSync(`${work}/${kind}/src`);
    assert.ok(checked.length >= 3, checked.join(', '));
  });
}
