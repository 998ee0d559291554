// The licences of everything the npm package ships: the Rust crates its wasm is built from
// (normal dependencies of order-sla for wasm32, proc macros included) and its npm
// dependencies (none at run time). Writes docs/licenses.md; with --check, fails when a
// licence is not one of ALLOWED or a shipped crate is missing from that file with its
// licence (versions are not compared: Cargo.lock is resolved anew on each machine).
// Offline: reads `cargo metadata`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const ALLOWED = new Set(['MIT', 'Apache-2.0', 'Apache-2.0 WITH LLVM-exception', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', 'Zlib', 'Unicode-3.0', 'Unlicense', '0BSD']);

const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--filter-platform', 'wasm32-unknown-unknown'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 }));
const byId = new Map(meta.packages.map((p) => [p.id, p]));
const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
// Walk normal (not dev, not build) dependencies from the crate itself.
const shipped = new Map();
const walk = (id) => {
  if (shipped.has(id)) return;
  shipped.set(id, byId.get(id));
  for (const d of nodes.get(id).deps) if (d.dep_kinds.some((k) => k.kind === null)) walk(d.pkg);
};
walk(meta.resolve.root);
const rows = [...shipped.values()].filter((p) => p.name !== 'order-sla').map((p) => ({ name: p.name, version: p.version, license: p.license ?? '(none)' }))
  .sort((a, b) => a.name.localeCompare(b.name));

// An SPDX expression is acceptable when each OR alternative is a conjunction of allowed ones
// and at least one alternative is wholly allowed.
const acceptable = (expr) => expr.replace(/[()]/g, '').split(/\s+OR\s+|\//).some((alt) => alt.split(/\s+AND\s+/).every((l) => ALLOWED.has(l.trim())));
const bad = rows.filter((r) => !acceptable(r.license));
const npm = JSON.parse(readFileSync(`${root}js/package.json`, 'utf8'));
const npmDeps = Object.keys(npm.dependencies ?? {});

const text = `# Licences of what the package ships

Written by \`node scripts/licenses.mjs\` (checked by the test command with \`--check\`): the
Rust crates the wasm is built from (normal dependencies for wasm32, proc macros included) and the npm package's run
time dependencies (${npmDeps.length === 0 ? 'none' : npmDeps.join(', ')}). order-sla itself is
${meta.packages.find((p) => p.name === 'order-sla').license}. Allowed licences:
${[...ALLOWED].join(', ')}.

| crate | version | licence |
|---|---|---|
${rows.map((r) => `| ${r.name} | ${r.version} | ${r.license} |`).join('\n')}
`;

const file = `${root}docs/licenses.md`;
if (process.argv.includes('--check')) {
  let ok = bad.length === 0;
  for (const r of bad) console.error(`licences: ${r.name} ${r.version} is ${r.license}, not allowed`);
  const listed = readFileSync(file, 'utf8');
  for (const r of rows) {
    if (!listed.includes(`| ${r.name} | `) || !listed.split('\n').some((l) => l.startsWith(`| ${r.name} | `) && l.endsWith(` | ${r.license} |`))) {
      console.error(`licences: ${r.name} (${r.license}) is not in docs/licenses.md: run node scripts/licenses.mjs`);
      ok = false;
    }
  }
  if (!ok) process.exit(1);
  console.log(`licences: ${rows.length} crates, all allowed`);
} else {
  writeFileSync(file, text);
  if (bad.length > 0) process.exit(1);
}
