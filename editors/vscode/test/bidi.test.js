'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { isolate, isolateQuotes, unisolate, FSI, PDI } = require('../out/bidi');

test('each quoted run gets its own isolate', () => {
  const m = 'Replace «الإدراة» with «الإدارة»';
  assert.equal(isolateQuotes(m), `Replace ${FSI}«الإدراة»${PDI} with ${FSI}«الإدارة»${PDI}`);
  assert.equal(isolateQuotes('Quotation “حدث تاريخي” has no speaker'), `Quotation ${FSI}“حدث تاريخي”${PDI} has no speaker`);
});

test('isolating is idempotent and reversible', () => {
  const m = 'Misspelling «للإدراة» → «للإدارة»';
  const once = isolateQuotes(m);
  assert.equal(isolateQuotes(once), once);
  assert.equal(unisolate(once), m);
});

test('messages without quotations are left alone', () => {
  assert.equal(isolateQuotes('Delete this line'), 'Delete this line');
  assert.equal(isolateQuotes('an unbalanced « quote'), 'an unbalanced « quote');
  assert.equal(isolate('الأخبار'), `${FSI}الأخبار${PDI}`);
});
