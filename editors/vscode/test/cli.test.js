'use strict';

// "Check the whole workspace" against the real `copydesk check --format json`, when
// COPYDESK_BIN names a built copydesk (editors/test.sh sets it); skipped otherwise.

const { vscode } = require('./stubs/register');
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ext = require('../out/extension');
const bin = process.env.COPYDESK_BIN;

test('the seed story checked by the real CLI: «للإدراة» is found where it is', { skip: !bin && 'COPYDESK_BIN is not set' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-desk-'));
  const story = path.join(dir, 'story.txt');
  fs.writeFileSync(story, fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'stories', 'seed-article.txt')));
  vscode._reset();
  vscode._settings['copydesk.path'] = bin;
  vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file(dir), name: 'desk' }];
  await ext.activate({ subscriptions: [], extensionPath: dir });

  await vscode._commands['copydesk.checkWorkspace']();

  assert.deepEqual(vscode._calls.errors, [], 'no errors shown');
  const collection = vscode._collections.find((c) => c.name === 'copydesk-workspace');
  const found = collection.map.get(story) || [];
  const lines = fs.readFileSync(story, 'utf8').split(/\r\n|\r|\n/);
  const texts = found.map((d) => `${d.code}: ${lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)}`);
  assert.ok(texts.some((t) => t.startsWith('misspelling: ') && t.includes('إدراة')), `findings: ${texts.join(' | ')}`);
  for (const d of found) {
    assert.equal(d.source, 'copydesk');
  }
  await ext.deactivate();
});
