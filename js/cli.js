#!/usr/bin/env node
// order-sla: delivery promises from the command line.
// Bad input exits with code 2 and one readable message; never a stack trace.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine, validatePolicy, calendar, presets, presetsVersion, OrderSlaError, version, tzdataVersion } from './node.js';
import { runAudit, parseNow as readNow } from './audit-cli.js';
import { terminalText, atomicFile } from './cli-io.js';

// Everything printed is safe for a terminal: control characters that came with the input
// (an ESC sequence in an order id, a bidi override in a name) are shown escaped.
const print = (...parts) => process.stdout.write(`${terminalText(parts.join(' '))}\n`);
// A reader that stops early (`| head`) closes the pipe: that ends the output, not in a crash.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const printError = (...parts) => process.stderr.write(`${terminalText(parts.join(' '))}\n`);

const HELP = `order-sla ${version} (tzdata ${tzdataVersion})

Usage:
  order-sla promise   [--policy FILE] [--order FILE] [--now ISO] [--confidence 0.9] [--json]
  order-sla deadlines --arrive-by YYYY-MM-DD --country CC [--region R] [--postal-code P]
                      [--policy FILE] [--now ISO] [--json]
  order-sla validate  --policy FILE [--json]
  order-sla track     [--promise FILE | --order FILE] [--events FILE] [--service ID]
                      [--policy FILE] [--now ISO] [--json]
  order-sla calendar  ID [--year YYYY] [--policy FILE] [--json]
  order-sla calendar  --list [--json]
  order-sla compile   [--policy FILE] [--years 2026-2027] --out FILE
  order-sla audit     --policy FILE [--now ISO] [--format table|json|ndjson|csv|html]
                      [--out FILE] [--input-format ndjson|csv] [--strict] [--workers N]
                      [--raw] INPUT...

Without --policy/--order/--events the embedded example store is used. FILE may be - for stdin.
--now is the checkout instant (default: the current time), e.g. 2026-11-28T10:20:00Z; an
order with placedAt is promised (and counted down) from it. promise --policy needs --order.
track evaluates an order's milestones against its events: --promise is the stored promise,
--order recomputes it at the order's placedAt. --service is the option chosen (default: the
order's only service, or the promise's only available option).
calendar prints a calendar's closed days for a year: a preset (us, gb-eng, ups, ...; see
--list) or, with --policy, one of the policy's own calendars.
compile writes the policy compiled for orders placed in the given years (default: this year
and next) for the browser build, which loads only compiled policies (- for stdout).
audit tracks every order of NDJSON or CSV files (- for stdin) at --now and prints the summary
(table), or writes it (json), per-order results (ndjson, csv) or an HTML report; bad rows are
reported on stderr with file and line and the run goes on (--strict: stops at the first);
rows are tracked on --workers threads (default: one per core), results in input order.
CSV cells that a spreadsheet would take for a formula get a leading ' (--raw: as they are).
--out files are written whole or not at all, and never over an input.
Exit codes: 0 ok, 2 invalid input or usage, 1 internal error.`;

class UsageError extends Error {}

const FLAGS = {
  promise: ['policy', 'order', 'now', 'confidence', 'json'],
  deadlines: ['policy', 'arrive-by', 'country', 'region', 'postal-code', 'now', 'confidence', 'json'],
  validate: ['policy', 'json'],
  calendar: ['policy', 'year', 'list', 'json'],
  track: ['policy', 'order', 'promise', 'events', 'service', 'now', 'json'],
  compile: ['policy', 'years', 'out'],
  audit: ['policy', 'now', 'format', 'out', 'input-format', 'strict', 'workers', 'raw'],
};
const BOOLEAN = new Set(['json', 'list', 'strict', 'raw']);
// Commands that take positional arguments: one calendar id; audit's input files.
const POSITIONAL = { calendar: 1, audit: Infinity };

function parseArgs(argv) {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-V') return { command: 'version' };
  if (!Object.hasOwn(FLAGS, command)) throw new UsageError(`unknown command "${command}" (try: promise, deadlines, validate, track, calendar, compile, audit)`);
  const flags = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    if (POSITIONAL[command] && (arg === '-' || !arg.startsWith('-')) && (flags._?.length ?? 0) < POSITIONAL[command]) {
      (flags._ ??= []).push(arg);
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !FLAGS[command].includes(m[1])) throw new UsageError(`unknown option "${arg}" for ${command}`);
    if (BOOLEAN.has(m[1])) flags[m[1]] = true;
    else if (m[2] !== undefined) flags[m[1]] = m[2];
    else if (i + 1 < rest.length) flags[m[1]] = rest[++i];
    else throw new UsageError(`${arg} needs a value`);
  }
  return { command, flags };
}

const example = (name) => fileURLToPath(new URL(`./examples/store/${name}`, import.meta.url));

function readText(file, what) {
  try {
    if (file !== '-' && statSync(file).isDirectory()) throw new UsageError(`cannot read the ${what} file "${file}": it is a folder`);
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read the ${what} file "${file}": ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
}

const parseNow = (s) => readNow(s, UsageError);

const WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Dates are formatted from their fields, not through the host's zone or locale.
function day(date) {
  const [y, m, d] = date.split('-').map(Number);
  return `${WD[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MON[m - 1]}`;
}
function localTime(moment) {
  const [date, rest] = moment.local.split('T');
  return `${day(date)} ${rest.slice(0, 5)} ${moment.zone}`;
}
function window(w) {
  const conf = w.confidence === null ? '' : ` (${Math.round(w.confidence * 100)}% confidence)`;
  return (w.earliest === w.latest ? `arrives ${day(w.earliest)}` : `arrives ${day(w.earliest)} - ${day(w.latest)}`) + conf;
}
function countdown(ms) {
  if (ms <= 0) return 'no time: the deadline has passed';
  const min = Math.floor(ms / 60000);
  const d = Math.floor(min / 1440), h = Math.floor((min % 1440) / 60), m = min % 60;
  return [d && `${d} d`, (d || h) && `${h} h`, `${m} min`].filter(Boolean).join(' ');
}

function printPromise(p, policyName, order, now) {
  const dest = order.destination ?? {};
  const to = [dest.country, dest.region, dest.postalCode].filter(Boolean).join(' ');
  print(`${policyName ? policyName + ' - ' : ''}order ${p.orderId ?? '(no id)'} to ${to}, placed ${p.placedAt}\n`);
  const width = Math.max(...p.options.map((o) => o.serviceName.length)) + 2;
  for (const o of p.options) {
    const name = o.serviceName.padEnd(width);
    if (!o.available) {
      print(`${name}not available: ${o.reason.message} [${o.reason.code}]`);
      continue;
    }
    // Counted from the instant the promise is for (the order's placedAt, or --now) to when the
    // delivery window changes: the countdown a shopper sees (docs/promise.md, section 6).
    const until = o.windowOrderBy;
    const left = until.epochMs - now;
    const by = left > 0 ? `order within ${countdown(left)} (by ${localTime(until)})` : `the deadline has passed (${localTime(until)})`;
    print(`${name}${window(o.delivery)}; ${by}`);
    const after = o.windowNext ? `; after that: ${window(o.windowNext)}` : '';
    print(`${''.padEnd(width)}ships by ${localTime(o.shipBy)}${after}`);
  }
  for (const o of p.options.filter((o) => o.available)) {
    print(`\nWhy (${o.serviceName}):`);
    for (const s of o.shipments) {
      print(`  ${s.nodeName} [${s.lines.join(', ')}]: ${window(s.delivery)}`);
      for (const step of s.explanation) print(`    - ${step.text}`);
    }
  }
  print(`\npolicy ${p.policyHash.slice(0, 19)}..., engine ${p.engineVersion}, tzdata ${p.tzdataVersion}, presets ${p.presetsVersion}`);
}

const KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const ABBR = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
// "Mon-Fri" for a run of days, else a list ("Mon, Wed").
function describeWeekdays(keys) {
  const idx = keys.map((k) => KEYS.indexOf(k));
  const run = idx.length > 2 && idx.every((v, i) => i === 0 || v === idx[i - 1] + 1);
  return run ? `${ABBR[idx[0]]}-${ABBR[idx[idx.length - 1]]}` : idx.map((i) => ABBR[i]).join(', ');
}

function printCalendar(flags) {
  if (flags.list) {
    const list = presets();
    if (flags.json) return print(JSON.stringify({ presetsVersion, presets: list }, null, 2));
    print(`Calendar presets (version ${presetsVersion}):\n`);
    for (const p of list) print(`  ${p.id.padEnd(8)}${p.name}`);
    return;
  }
  const id = flags._?.[0];
  if (!id) throw new UsageError('calendar needs an id (e.g. order-sla calendar us) or --list');
  const year = flags.year === undefined ? new Date().getUTCFullYear() : Number(flags.year);
  if (!Number.isInteger(year)) throw new UsageError(`--year "${flags.year}" is not a year`);
  const cal = flags.policy ? createEngine(readText(flags.policy, 'policy')).calendar(id) : calendar(id);
  const holidays = cal.holidays(year);
  if (flags.json) return print(JSON.stringify({ id, year, weekdays: cal.weekdays, holidays }, null, 2));
  const preset = presets().find((p) => p.id === id && !flags.policy);
  const title = preset ? `${preset.name} [${id}], presets ${presetsVersion}` : id;
  print(`${title}: works ${describeWeekdays(cal.weekdays)}\n\nClosed in ${year}:`);
  for (const h of holidays) print(`  ${day(h.date).padEnd(11)} ${h.name}`);
  if (preset) print(`\nSource: ${preset.source}`);
}

const STATUS = { on_track: 'on track', at_risk: 'AT RISK', breached: 'BREACHED', met: 'met', met_late: 'met late', pending: 'pending', cancelled: 'cancelled' };
function duration(ms) {
  const sign = ms < 0 ? '-' : '';
  return sign + countdown(Math.abs(ms));
}

function printTracking(t) {
  print(`Order ${t.orderId ?? '(no id)'}, service ${t.service}, at ${t.now.utc}: ${STATUS[t.status]}\n`);
  const label = (m) => `${m.name}${m.node ? ` [${m.node}]` : ''}`;
  const width = Math.max(...t.milestones.map((m) => label(m).length)) + 2;
  for (const m of t.milestones) {
    const parts = [`due ${localTime(m.due)}`];
    if (m.metAt) parts.push(`met ${localTime(m.metAt)}`);
    else if (m.remainingWorkingMs !== null) parts.push(`${duration(m.remainingWorkingMs)} working time ${m.remainingWorkingMs < 0 ? 'late' : 'left'}`);
    if (m.paused) parts.push('paused');
    if (m.reasons.length) parts.push(`[${m.reasons.join(', ')}]`);
    if (m.owner) parts.push(`-> ${m.owner}: ${m.route}`);
    print(`  ${label(m).padEnd(width)}${STATUS[m.status].padEnd(11)}${parts.join('; ')}`);
  }
  if (t.history.length) {
    print('\nHistory:');
    for (const c of t.history) {
      // Pauses of one shipment name its node; the order's own have none.
      const node = c.node ? ` [${c.node}]` : '';
      const what = c.milestone ? `${c.milestone}${node}` : c.node ? `shipment${node}` : 'order';
      print(`  ${localTime(c.at)}  ${what} ${c.change.replace('_', ' ')}${c.reason ? ` (${c.reason})` : ''}`);
    }
  }
  if (t.warnings.length) {
    print('\nWarnings (events left out):');
    for (const w of t.warnings) print(`  ${w.path}: ${w.message} [${w.code}]`);
  }
}

function runTrack(engine, flags) {
  if (flags.promise && flags.order) throw new UsageError('track takes --promise or --order, not both');
  if (!flags.events && (flags.promise || flags.order)) throw new UsageError('track needs --events FILE');
  const events = readText(flags.events ?? example('events.json'), 'events');
  let promise;
  let service = flags.service;
  if (flags.promise) {
    promise = readText(flags.promise, 'promise');
  } else {
    const orderText = readText(flags.order ?? example('placed-order.json'), 'order');
    let order;
    try {
      order = JSON.parse(orderText);
    } catch {
      order = undefined;
    }
    if (order && order.placedAt === undefined) throw new UsageError('the order needs placedAt to be tracked');
    promise = engine.promise(orderText, {});
    if (!service && Array.isArray(order?.services) && order.services.length === 1) service = order.services[0];
  }
  const result = engine.track(promise, events, { now: parseNow(flags.now), service });
  if (flags.json) return print(JSON.stringify(result, null, 2));
  printTracking(result);
}

async function runCompile(engine, flags) {
  if (!flags.out) throw new UsageError('compile needs --out FILE (- for stdout)');
  let years = {};
  if (flags.years !== undefined) {
    const m = /^(\d{4})(?:-(\d{4}))?$/.exec(flags.years);
    if (!m) throw new UsageError(`--years "${flags.years}" is not a year or a range like 2026-2027`);
    years = { from: Number(m[1]), to: Number(m[2] ?? m[1]) };
  }
  const bytes = engine.compile(years);
  if (flags.out === '-') return process.stdout.write(bytes);
  const output = atomicFile(flags.out, [flags.policy ?? '-']);
  if (output.error) throw new UsageError(output.error);
  output.stream.write(bytes);
  try {
    await output.commit();
  } catch (e) {
    throw new UsageError(e.message);
  }
  printError(`${flags.out}: ${bytes.length} bytes, orders placed in ${years.from ?? 'this year'}-${years.to ?? 'next year'}`);
}

function run(argv) {
  const { command, flags } = parseArgs(argv);
  if (command === 'help') return print(HELP);
  if (command === 'version') return print(version);
  if (command === 'calendar') return printCalendar(flags);
  if ((command === 'validate' || command === 'audit') && !flags.policy) throw new UsageError(`${command} needs --policy FILE`);
  const policyText = readText(flags.policy ?? example('policy.json'), 'policy');

  if (command === 'validate') {
    const result = validatePolicy(policyText);
    if (flags.json) print(JSON.stringify(result, null, 2));
    else if (result.valid) {
      print(`${flags.policy}: valid${result.warnings.length ? `, ${result.warnings.length} warning(s)` : ''}`);
      for (const w of result.warnings) print(`  ${w.path}: ${w.message} [${w.code}]`);
    }
    else {
      printError(`${flags.policy}: ${result.problems.length || 1} problem(s)`);
      for (const p of result.problems) printError(`  ${p.path || '(document)'}: ${p.message} [${p.code}]`);
      if (!result.problems.length) printError(`  ${result.message} [${result.code}]`);
    }
    return result.valid ? 0 : 2;
  }

  const now = parseNow(flags.now);
  const confidence = flags.confidence === undefined ? undefined : Number(flags.confidence);
  if (confidence !== undefined && !(confidence > 0 && confidence <= 1)) throw new UsageError('--confidence must be a number above 0 and at most 1');
  const engine = createEngine(policyText);
  let policyName;
  try {
    policyName = JSON.parse(policyText).name;
  } catch {
    policyName = undefined;
  }

  if (command === 'track') return runTrack(engine, flags);
  if (command === 'audit') return runAudit(engine, flags, UsageError, policyText);
  if (command === 'compile') return runCompile(engine, flags);

  if (command === 'promise') {
    // The example order names the example store's nodes: with another policy, say which order.
    if (flags.policy && !flags.order) throw new UsageError('promise with --policy needs --order FILE (the example order is for the example store)');
    const orderText = readText(flags.order ?? example('order.json'), 'order');
    const result = engine.promise(orderText, { at: now, confidence });
    if (flags.json) return print(JSON.stringify(result, null, 2));
    let order = {};
    try {
      order = JSON.parse(orderText);
    } catch {}
    return printPromise(result, policyName, order, Date.parse(result.placedAt));
  }

  if (!flags['arrive-by'] || !flags.country) throw new UsageError('deadlines needs --arrive-by YYYY-MM-DD and --country CC');
  const destination = { country: flags.country };
  if (flags.region) destination.region = flags.region;
  if (flags['postal-code']) destination.postalCode = flags['postal-code'];
  const table = engine.latestOrderBy({ arriveBy: flags['arrive-by'], destination, now, confidence });
  if (flags.json) return print(JSON.stringify(table, null, 2));
  print(`To arrive by ${day(table.arriveBy)} in ${Object.values(destination).join(' ')}, order by:\n`);
  // Columns as wide as their widest entry (names can be long: "... Manchester warehouse").
  const labelOf = (r) => `${r.serviceName} from ${r.nodeName}`;
  const width = Math.max(0, ...table.rows.map((r) => labelOf(r).length)) + 2;
  for (const r of table.rows) {
    const label = labelOf(r).padEnd(width);
    if (r.orderBy) print(`${label}${localTime(r.orderBy)}  (${window(r.delivery)})${r.available ? '' : `  - ${r.reason.message}`}`);
    else print(`${label}not possible: ${r.reason.message} [${r.reason.code}]`);
  }
}

try {
  const code = await run(process.argv.slice(2));
  process.exitCode = typeof code === 'number' ? code : 0;
} catch (e) {
  if (e instanceof OrderSlaError) {
    printError(`order-sla: ${e.message} [${e.code}]`);
    if (e.problems.length > 1) for (const p of e.problems) printError(`  ${p.path || '(document)'}: ${p.message} [${p.code}]`);
    process.exitCode = 2;
  } else if (e instanceof UsageError) {
    printError(`order-sla: ${e.message}\n\n${HELP}`);
    process.exitCode = 2;
  } else {
    printError(`order-sla: internal error: ${e?.message ?? e}`);
    process.exitCode = 1;
  }
}
