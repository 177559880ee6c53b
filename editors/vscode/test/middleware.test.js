'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { middleware, answerConfiguration } = require('../out/middleware');
const { FSI, PDI } = require('../out/bidi');

const settings = (scopeUri) => ({ rules: { misspelling: scopeUri ? 'error' : 'warning' } });

test('workspace/configuration: the copydesk section is mapped, others come from VS Code', async () => {
  const m = middleware(settings);
  const params = { items: [{ section: 'copydesk' }, { section: 'editor' }, { section: 'copydesk', scopeUri: 'file:///desk/a.txt' }] };
  const next = async () => [{ path: '/leaks', languages: [] }, { tabSize: 4 }, { path: '/leaks' }];
  assert.deepEqual(await m.workspace.configuration(params, {}, next), [
    { rules: { misspelling: 'warning' } },
    { tabSize: 4 },
    { rules: { misspelling: 'error' } },
  ]);
  // An error from VS Code is passed on as it is.
  const err = new Error('no');
  assert.equal(await m.workspace.configuration(params, {}, async () => err), err);
  assert.deepEqual(answerConfiguration([{}], [], settings), [null]);
});

test('pushed and pulled diagnostics get isolated quotations', async () => {
  const m = middleware(settings);
  let seen;
  m.handleDiagnostics('file:///a', [{ message: 'Misspelling «للإدراة»' }], (_uri, ds) => (seen = ds));
  assert.equal(seen[0].message, `Misspelling ${FSI}«للإدراة»${PDI}`);
  const report = await m.provideDiagnostics({}, undefined, {}, async () => ({ kind: 'full', items: [{ message: '«سيرجي» or «سيرغي»' }] }));
  assert.equal(report.items[0].message, `${FSI}«سيرجي»${PDI} or ${FSI}«سيرغي»${PDI}`);
  assert.deepEqual(await m.provideDiagnostics({}, 'r1', {}, async () => ({ kind: 'unChanged', resultId: 'r1' })), { kind: 'unChanged', resultId: 'r1' });
});

test('code actions: the server gets its own messages back; titles are isolated', async () => {
  const m = middleware(settings);
  class ProtocolDiagnostic {
    constructor() {
      this.message = `Misspelling ${FSI}«للإدراة»${PDI}`;
      this.code = 'misspelling';
      this.data = { id: 7 };
    }
  }
  const shown = new ProtocolDiagnostic();
  let sent;
  const actions = await m.provideCodeActions({}, {}, { diagnostics: [shown], triggerKind: 1 }, {}, async (_d, _r, ctx) => {
    sent = ctx;
    return [{ title: 'Replace with «للإدارة»' }];
  });
  assert.equal(sent.diagnostics[0].message, 'Misspelling «للإدراة»');
  assert.ok(sent.diagnostics[0] instanceof ProtocolDiagnostic);
  assert.deepEqual(sent.diagnostics[0].data, { id: 7 });
  assert.equal(sent.triggerKind, 1);
  assert.equal(shown.message, `Misspelling ${FSI}«للإدراة»${PDI}`, 'what the user sees is unchanged');
  assert.equal(actions[0].title, `Replace with ${FSI}«للإدارة»${PDI}`);
});
