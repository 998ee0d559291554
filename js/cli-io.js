// What the CLI writes, made safe for where it goes: text for a terminal with the control
// characters of its input escaped, and output files written whole or not at all.
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { once } from 'node:events';

// C0 controls but newline, DEL, C1 controls (U+009B is a one-character CSI), and the
// invisible direction marks and overrides that reorder what a terminal shows.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const hex = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` for a terminal: control characters that came with the input (ESC, OSC, a bare
 * carriage return, bidi overrides) shown as `\uXXXX` instead of acting on the screen. The
 * newlines the CLI's own layout uses are kept. */
export function terminalText(text) {
  return String(text).replace(CONTROL, hex);
}

// JSON.stringify escapes C0 controls but writes C1 controls and bidi marks as they are.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON text for a terminal or a file: the same JSON, with the characters that
 * JSON.stringify leaves raw and a terminal would act on written as `\uXXXX` escapes. */
export function terminalJson(value, space) {
  return JSON.stringify(value, null, space).replace(JSON_UNSAFE, hex);
}

/** An output file written atomically: a temporary file in the same folder, renamed over
 * `path` by `commit()`; `abort()` (also on Ctrl-C) removes it, leaving `path` as it was.
 * `inputs` are the files being read: writing over one of them is refused (`error`). */
export function atomicFile(path, inputs = []) {
  const target = resolve(path);
  let existing;
  try {
    existing = statSync(target);
  } catch (e) {
    if (e.code !== 'ENOENT') return { error: `cannot write "${path}": ${e.message}` };
  }
  if (existing?.isDirectory()) return { error: `cannot write "${path}": it is a folder` };
  try {
    if (!statSync(dirname(target)).isDirectory()) return { error: `cannot write "${path}": ${dirname(path)} is not a folder` };
  } catch {
    return { error: `cannot write "${path}": the folder ${dirname(path)} does not exist` };
  }
  for (const input of inputs) {
    if (input === '-') continue;
    try {
      const s = statSync(input);
      if (resolve(input) === target || (existing && s.ino === existing.ino && s.dev === existing.dev)) {
        return { error: `--out "${path}" is also an input: it would be overwritten while it is read` };
      }
    } catch {
      // A missing input is reported where it is read.
    }
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const stream = createWriteStream(temp, { mode: existing ? existing.mode : 0o644 });
  let failed;
  stream.on('error', (e) => {
    failed = e;
  });
  const onSignal = () => {
    abort();
    process.exit(130);
  };
  const abort = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stream.destroy();
    rmSync(temp, { force: true });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    stream,
    abort,
    /** Finishes the file and puts it in place; throws (leaving `path` as it was) on failure. */
    async commit() {
      if (!failed) {
        stream.end();
        await Promise.race([once(stream, 'finish'), once(stream, 'error')]).catch(() => {});
      }
      if (failed) {
        abort();
        throw new Error(`cannot write "${path}": ${failed.message}`);
      }
      renameSync(temp, target);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
