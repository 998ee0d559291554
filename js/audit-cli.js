// `order-sla audit`: the audit of order files from the command line (see docs/audit.md).
import { createReadStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { auditRows, AuditSummary } from './audit.js';
import { parallel } from './audit-workers.js';
import { summaryTable, csvLine, CSV_HEADER, htmlReport } from './audit-report.js';
import { OrderSlaError } from './core.js';
import { readInstant } from './instant.js';
import { terminalText, atomicFile } from './cli-io.js';

const FORMATS = ['table', 'json', 'ndjson', 'csv', 'html'];

/** Counts the bytes of a stream's chunks as they pass (for the progress line's ETA). */
async function* counted(stream, progress) {
  for await (const chunk of stream) {
    progress.bytes += chunk.length;
    yield chunk;
  }
}

/** A progress line on stderr (rows, rate, ETA) redrawn a few times a second, when it is a
 * terminal; nothing otherwise. */
function progressLine(totalBytes) {
  const tty = process.stderr.isTTY;
  const p = { rows: 0, bytes: 0, start: performance.now(), last: 0 };
  p.tick = () => {
    if (!tty) return;
    const now = performance.now();
    if (now - p.last < 200) return;
    p.last = now;
    const seconds = (now - p.start) / 1000;
    const rate = p.rows / Math.max(seconds, 0.001);
    let eta = '';
    if (totalBytes > 0 && p.bytes > 0) {
      const left = ((totalBytes - p.bytes) / p.bytes) * seconds;
      eta = `  ETA ${Math.floor(left / 60)}:${String(Math.round(left % 60)).padStart(2, '0')}`;
    }
    const bar = totalBytes > 0 ? `[${'#'.repeat(Math.round((p.bytes / totalBytes) * 20)).padEnd(20)}] ` : '';
    process.stderr.write(`\r${bar}${p.rows.toLocaleString('en-US')} rows  ${Math.round(rate).toLocaleString('en-US')}/s${eta}   `);
  };
  p.done = () => {
    if (tty && p.last > 0) process.stderr.write('\n');
  };
  return p;
}

/** Runs the audit; resolves to the exit code (2 when rows were bad and --strict was given). */
export async function runAudit(engine, flags, UsageError, policy) {
  const format = flags.format ?? 'table';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const inputFormat = flags['input-format'];
  if (inputFormat !== undefined && !['ndjson', 'csv'].includes(inputFormat)) throw new UsageError('--input-format must be ndjson or csv');
  const inputs = flags._ ?? [];
  if (inputs.length === 0) throw new UsageError('audit needs at least one INPUT file (- for stdin)');
  const workers = flags.workers === undefined ? availableParallelism() : Number(flags.workers);
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= 64)) throw new UsageError('--workers must be a whole number from 1 to 64');
  const now = parseNow(flags.now, UsageError);
  let total = 0;
  for (const f of inputs) {
    if (f === '-') continue;
    let stat;
    try {
      stat = statSync(f);
    } catch (e) {
      throw new UsageError(`cannot read the input file "${f}": ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    }
    if (!stat.isFile()) throw new UsageError(`cannot read the input file "${f}": it is ${stat.isDirectory() ? 'a folder' : 'not a file'}`);
    total += stat.size;
  }

  // A file is written whole or not at all (a temporary file renamed when the audit ends).
  const output = flags.out ? atomicFile(flags.out, inputs) : undefined;
  if (output?.error) throw new UsageError(output.error);
  const out = output ? output.stream : process.stdout;
  // Everything written is safe for a terminal: control characters from the input escaped
  // (JSON stays valid JSON, CSV keeps its layout); HTML is escaped by the report itself.
  const write = async (text) => {
    if (!out.write(format === 'html' ? text : terminalText(text))) await once(out, 'drain');
  };
  const audit = async () => {
    const progress = progressLine(total);
    const summary = new AuditSummary(now);
    let badShown = 0;
    if (format === 'csv') await write(`${CSV_HEADER}\n`);
    for (const file of inputs) {
      const stream = file === '-' ? process.stdin : createReadStream(file);
      const rows = auditRows(engine, counted(stream, progress), { now, file: file === '-' ? 'stdin' : file, format: inputFormat, strict: flags.strict, workers, policy, parallel });
      for await (const item of rows) {
        summary.add(item);
        progress.rows++;
        progress.tick();
        if (item.error && badShown++ < 20) {
          process.stderr.write(terminalText(`${progress.last > 0 ? '\n' : ''}${item.file}:${item.line}: ${item.error.message} [${item.error.code}]${item.error.path ? ` at ${item.error.path}` : ''}`) + '\n');
        }
        if (format === 'ndjson') await write(`${JSON.stringify(item.error ? { file: item.file, line: item.line, orderId: item.orderId, error: item.error.toJSON?.() ?? { code: item.error.code, message: item.error.message } } : { file: item.file, line: item.line, ...item.result })}\n`);
        else if (format === 'csv') await write(`${csvLine(item, { raw: flags.raw })}\n`);
      }
    }
    progress.done();
    const s = summary.toJSON();
    if (badShown > 20) process.stderr.write(`... and ${badShown - 20} more bad rows\n`);
    if (format === 'table') await write(`${summaryTable(s)}\n`);
    else if (format === 'json') await write(`${JSON.stringify(s, null, 2)}\n`);
    else if (format === 'ndjson') await write(`${JSON.stringify({ summary: s })}\n`);
    else if (format === 'html') await write(htmlReport(s));
  };
  try {
    await audit();
  } catch (e) {
    output?.abort();
    throw e;
  }
  if (output) await output.commit();
  return 0;
}

/** `--now` as the API reads instants (an RFC 3339 instant with an offset, in range);
 * the current time when not given. */
export function parseNow(text, UsageError) {
  if (text === undefined) return Math.floor(Date.now());
  try {
    return readInstant(text, '--now');
  } catch (e) {
    if (!(e instanceof OrderSlaError)) throw e;
    throw new UsageError(`--now "${text}": ${e.problems[0]?.message ?? e.message} (e.g. 2026-11-28T10:20:00Z)`);
  }
}
