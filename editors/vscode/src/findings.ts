// The output of `copydesk check --format json`, turned into positions VS Code understands.
// Pure: tested without VS Code.

import * as path from 'path';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** One element of the JSON array (only the fields the extension reads). */
export interface CliFinding {
  path: string;
  rule: string;
  severity: Severity;
  message: string;
  start_byte?: number;
  end_byte?: number;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
}

export interface Position {
  line: number; // 0-based
  character: number; // 0-based, UTF-16 code units
}

export interface Range {
  start: Position;
  end: Position;
}

/** Parse the CLI's stdout; throws with a readable message when it is not the expected array. */
export function parseCliOutput(stdout: string): CliFinding[] {
  const trimmed = stdout.trim();
  if (trimmed === '') {
    return [];
  }
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch (e) {
    throw new Error(`copydesk check printed something that is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) {
    throw new Error('copydesk check printed JSON that is not an array of findings');
  }
  return data.filter(
    (f): f is CliFinding =>
      typeof f === 'object' &&
      f !== null &&
      typeof f.path === 'string' &&
      typeof f.rule === 'string' &&
      typeof f.message === 'string' &&
      typeof f.line === 'number' &&
      typeof f.column === 'number',
  );
}

/** Group findings by absolute file path (relative paths are taken from `cwd`). */
export function groupByFile(findings: CliFinding[], cwd: string): Map<string, CliFinding[]> {
  const out = new Map<string, CliFinding[]>();
  for (const f of findings) {
    const file = path.resolve(cwd, f.path);
    const list = out.get(file);
    if (list) {
      list.push(f);
    } else {
      out.set(file, [f]);
    }
  }
  return out;
}

/**
 * The position of a UTF-8 byte offset in a file, as VS Code counts: lines broken at
 * \r\n, \n or \r; characters in UTF-16 code units.
 */
export function positionAtByte(bytes: Uint8Array, offset: number): Position {
  const end = Math.max(0, Math.min(offset, bytes.length));
  const prefix = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('utf8');
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && prefix.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: prefix.length - lineStart };
}

/**
 * Where a finding is. Byte offsets are exact; without them, the 1-based line and column
 * (Unicode scalar values) are converted using the line's text.
 */
export function findingRange(f: CliFinding, bytes: Uint8Array): Range {
  if (typeof f.start_byte === 'number' && typeof f.end_byte === 'number') {
    return { start: positionAtByte(bytes, f.start_byte), end: positionAtByte(bytes, f.end_byte) };
  }
  const lines = Buffer.from(bytes).toString('utf8').split(/\r\n|\r|\n/);
  const at = (line: number, column: number): Position => {
    const text = lines[line - 1] ?? '';
    const scalars = Array.from(text).slice(0, Math.max(0, column - 1));
    return { line: Math.max(0, line - 1), character: scalars.join('').length };
  };
  return { start: at(f.line, f.column), end: at(f.end_line ?? f.line, f.end_column ?? f.column) };
}

/** One-line summary of a workspace check, e.g. "12 findings in 3 files". */
export function summary(findings: number, files: number): string {
  if (findings === 0) {
    return 'no findings';
  }
  const f = findings === 1 ? '1 finding' : `${findings} findings`;
  const n = files === 1 ? '1 file' : `${files} files`;
  return `${f} in ${n}`;
}
