'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { parseCliOutput, groupByFile, positionAtByte, findingRange, summary } = require('../out/findings');

const bytes = (s) => Buffer.from(s, 'utf8');

test('byte offsets become UTF-16 positions, Arabic and emoji included', () => {
  const text = 'سطر أول\nقال «للإدراة» 😀 نعم';
  const b = bytes(text);
  const at = (needle) => Buffer.byteLength(text.slice(0, text.indexOf(needle)), 'utf8');
  assert.deepEqual(positionAtByte(b, 0), { line: 0, character: 0 });
  assert.deepEqual(positionAtByte(b, at('قال')), { line: 1, character: 0 });
  assert.deepEqual(positionAtByte(b, at('للإدراة')), { line: 1, character: 5 });
  // The emoji is one scalar value but two UTF-16 code units.
  assert.deepEqual(positionAtByte(b, at('نعم')), { line: 1, character: 17 });
});

test('CRLF and lone CR end lines as they do in VS Code', () => {
  const b = bytes('أ\r\nب\rج\nد');
  assert.deepEqual(positionAtByte(b, b.length - 2), { line: 3, character: 0 });
  assert.deepEqual(positionAtByte(b, b.length + 10), { line: 3, character: 1 });
});

test('without byte offsets, 1-based line and scalar columns are used', () => {
  const f = { path: 'a.txt', rule: 'misspelling', severity: 'warning', message: 'm', line: 2, column: 3, end_line: 2, end_column: 4 };
  assert.deepEqual(findingRange(f, bytes('x\n😀ab')), { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } });
});

test('CLI output: the JSON array, empty output, and errors that say what went wrong', () => {
  const one = { path: 'story.txt', rule: 'misspelling', severity: 'warning', message: 'Misspelling «الإدراة»', start_byte: 0, end_byte: 4, line: 1, column: 1, end_line: 1, end_column: 3, fixes: [] };
  assert.deepEqual(parseCliOutput(JSON.stringify([one, { junk: true }])), [one]);
  assert.deepEqual(parseCliOutput('  \n'), []);
  assert.throws(() => parseCliOutput('story.txt:1:1: warning'), /not JSON/);
  assert.throws(() => parseCliOutput('{}'), /not an array/);
});

test('findings are grouped by absolute path', () => {
  const f = (p) => ({ path: p, rule: 'r', severity: 'hint', message: 'm', line: 1, column: 1, end_line: 1, end_column: 1 });
  const g = groupByFile([f('a.txt'), f('/desk/a.txt'), f('sub/b.md')], '/desk');
  assert.deepEqual([...g.keys()], ['/desk/a.txt', '/desk/sub/b.md']);
  assert.equal(g.get('/desk/a.txt').length, 2);
});

test('summaries', () => {
  assert.equal(summary(0, 0), 'no findings');
  assert.equal(summary(1, 1), '1 finding in 1 file');
  assert.equal(summary(12, 3), '12 findings in 3 files');
});
