'use strict';

// The extension's wiring, run against stubs of vscode and vscode-languageclient.

const { vscode, languageclient } = require('./stubs/register');
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ext = require('../out/extension');

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-vscode-'));
}

function fakeBinary(dir, script) {
  const bin = path.join(dir, 'copydesk');
  fs.writeFileSync(bin, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return bin;
}

function context(extensionPath) {
  return { subscriptions: [], extensionPath };
}

const story = (file) => ({ uri: vscode.Uri.file(file), languageId: 'plaintext' });

test.beforeEach(async () => {
  await ext.deactivate();
  vscode._reset();
  languageclient._created.length = 0;
});

test('starts `copydesk lsp` with the mapped settings when a story is open', async () => {
  const dir = tempDir();
  const bin = fakeBinary(dir, 'exit 0');
  vscode._settings['copydesk.path'] = bin;
  vscode._settings['copydesk.languages'] = ['latex'];
  vscode._settings['copydesk.rules.misspelling'] = 'error';
  vscode._settings['copydesk.rules.boilerplate'] = 'default';
  vscode.workspace.textDocuments = [story(path.join(dir, 'story.txt'))];

  await ext.activate(context(dir));

  assert.equal(languageclient._created.length, 1);
  const c = languageclient._created[0];
  assert.deepEqual(c.serverOptions, { command: bin, args: ['lsp'] });
  assert.deepEqual(
    c.clientOptions.documentSelector.map((s) => s.language),
    ['plaintext', 'plaintext', 'markdown', 'markdown', 'html', 'html', 'latex', 'latex'],
  );
  assert.deepEqual(c.clientOptions.initializationOptions, { rules: { misspelling: 'error' } });
  assert.equal(vscode._statusItem.text, '$(check) copydesk');
  const manifest = require('../package.json');
  for (const { command } of manifest.contributes.commands) {
    assert.ok(vscode._calls.commands.includes(command), `${command} is registered`);
  }
  await vscode._commands['copydesk.fixAll']();
  assert.deepEqual(vscode._calls.executed.at(-1), {
    id: 'editor.action.codeAction',
    args: [{ kind: 'source.fixAll.copydesk', apply: 'first' }],
  });
});

test('waits for a story before starting the server', async () => {
  const dir = tempDir();
  vscode._settings['copydesk.path'] = fakeBinary(dir, 'exit 0');
  vscode.workspace.textDocuments = [{ uri: vscode.Uri.file('/x/main.rs'), languageId: 'rust' }];
  await ext.activate(context(dir));
  assert.equal(languageclient._created.length, 0);
  vscode._fire.openDocs.fire({ uri: vscode.Uri.file('/x/notes.md'), languageId: 'markdown' });
  await new Promise((r) => setImmediate(r));
  assert.equal(languageclient._created.length, 1);
});

test('a settings change is sent to the server; a path change restarts it', async () => {
  const dir = tempDir();
  vscode._settings['copydesk.path'] = fakeBinary(dir, 'exit 0');
  vscode.workspace.textDocuments = [story(path.join(dir, 'story.txt'))];
  await ext.activate(context(dir));
  const first = languageclient._created[0];

  vscode._settings['copydesk.names'] = { 'أردوغان': ['أردوجان'] };
  vscode._fire.configChanges.fire({ affectsConfiguration: (s) => s === 'copydesk' || s === 'copydesk.names' });
  assert.deepEqual(first.notifications, [
    { method: 'workspace/didChangeConfiguration', params: { settings: { copydesk: { names: { 'أردوغان': ['أردوجان'] } } } } },
  ]);

  vscode._fire.configChanges.fire({ affectsConfiguration: (s) => s === 'copydesk' || s === 'copydesk.path' });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(languageclient._created.length, 2);
  assert.equal(first.state, languageclient.State.Stopped);
});

test('no binary: a clear message with the install command, and the status says so', async () => {
  vscode._settings['copydesk.path'] = '';
  const dir = tempDir();
  const saved = process.env.PATH;
  process.env.PATH = dir; // an empty folder: no copydesk on PATH
  try {
    vscode.workspace.textDocuments = [story('/desk/story.txt')];
    await ext.activate(context(dir));
  } finally {
    process.env.PATH = saved;
  }
  assert.equal(languageclient._created.length, 0);
  assert.equal(vscode._calls.errors.length, 1);
  assert.match(vscode._calls.errors[0].msg, /cargo install --locked --path \./);
  assert.deepEqual(vscode._calls.errors[0].items, ['Open Settings', 'Copy Install Command']);
  assert.equal(vscode._statusItem.text, '$(error) copydesk');
});

test('check the whole workspace: runs `copydesk check --format json` and shows its findings', async () => {
  const dir = tempDir();
  const text = 'عنوان\nوقال المدير للإدراة إن\n';
  fs.writeFileSync(path.join(dir, 'story.txt'), text);
  fs.writeFileSync(path.join(dir, 'open.txt'), text);
  const start = Buffer.byteLength(text.slice(0, text.indexOf('للإدراة')));
  const end = start + Buffer.byteLength('للإدراة');
  const finding = (p) => ({
    path: p, rule: 'misspelling', severity: 'warning', message: 'Misspelling «للإدراة»',
    start_byte: start, end_byte: end, line: 2, column: 12, end_line: 2, end_column: 19, fixes: [],
  });
  const json = JSON.stringify([finding('story.txt'), finding(path.join(dir, 'open.txt'))]);
  const log = path.join(dir, 'args');
  vscode._settings['copydesk.path'] = fakeBinary(dir, `echo "$@" > '${log}'\ncat <<'JSON'\n${json}\nJSON\nexit 1`);
  vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file(dir), name: 'الديسك' }];
  vscode.workspace.textDocuments = [story(path.join(dir, 'open.txt'))];
  await ext.activate(context(dir));

  await vscode._commands['copydesk.checkWorkspace']();

  assert.equal(fs.readFileSync(log, 'utf8').trim(), `check --format json ${dir}`);
  const collection = vscode._collections.find((c) => c.name === 'copydesk-workspace');
  assert.deepEqual([...collection.map.keys()], [path.join(dir, 'story.txt')], 'open files are left to the server');
  const [d] = collection.map.get(path.join(dir, 'story.txt'));
  const pos = (p) => ({ line: p.line, character: p.character });
  assert.deepEqual([pos(d.range.start), pos(d.range.end)], [{ line: 1, character: 12 }, { line: 1, character: 19 }]);
  assert.equal(d.source, 'copydesk');
  assert.equal(d.code, 'misspelling');
  assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  assert.match(vscode._calls.infos.at(-1).msg, /2 findings in 2 files/);
  assert.equal(vscode._statusItem.text, '$(warning) copydesk 1');
  assert.match(vscode._statusItem.tooltip, /running/, 'the server still shows as running');
});

test('status bar: each state reads clearly, with the count of findings', () => {
  const { statusView } = require('../out/status');
  assert.equal(statusView('running', 0).text, '$(check) copydesk');
  assert.equal(statusView('running', 3).text, '$(warning) copydesk 3');
  assert.match(statusView('running', 1).tooltip, /1 finding\b/);
  assert.equal(statusView('not-found', 0).text, '$(error) copydesk');
  assert.match(statusView('stopped', 0).tooltip, /restart/);
  assert.match(statusView('idle', 0).tooltip, /starts with the first text or Markdown file/);
  assert.equal(statusView('idle', 2).text, '$(warning) copydesk 2');
  assert.match(statusView('starting', 0).text, /spin/);
});

test('a missing program is reported once, and found again when copydesk.path changes', async () => {
  const dir = tempDir();
  vscode._settings['copydesk.path'] = path.join(dir, 'not-yet-built');
  vscode.workspace.textDocuments = [story('/desk/a.txt')];
  await ext.activate(context(dir));
  vscode._fire.openDocs.fire({ uri: vscode.Uri.file('/desk/b.txt'), languageId: 'plaintext' });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(vscode._calls.errors.length, 1, 'one message, not one per file');
  assert.match(vscode._calls.errors[0].msg, /not-yet-built/);

  vscode._settings['copydesk.path'] = fakeBinary(dir, 'exit 0');
  vscode._fire.configChanges.fire({ affectsConfiguration: (s) => s === 'copydesk' || s === 'copydesk.path' });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(languageclient._created.length, 1);
  assert.equal(vscode._statusItem.text, '$(check) copydesk');
});
