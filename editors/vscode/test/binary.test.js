'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { findBinary, notFoundMessage, pathCandidates, expandConfiguredPath, INSTALL_COMMAND } = require('../out/binary');

function input(overrides, executables) {
  const exe = new Set(executables);
  return {
    configuredPath: '',
    extensionPath: '/ext',
    workspaceFolder: '/desk',
    envPath: '/usr/local/bin:/usr/bin',
    platform: 'linux',
    homeDir: '/home/editor',
    isExecutable: (f) => exe.has(f),
    ...overrides,
  };
}

test('the copydesk.path setting comes first', () => {
  const d = findBinary(input({ configuredPath: '/opt/copydesk/bin/copydesk' }, ['/opt/copydesk/bin/copydesk', '/ext/bin/copydesk', '/usr/bin/copydesk']));
  assert.deepEqual(d, { kind: 'found', path: '/opt/copydesk/bin/copydesk', source: 'setting' });
});

test('a set copydesk.path that does not exist is an error, not a silent fallback', () => {
  const d = findBinary(input({ configuredPath: '/nowhere/copydesk' }, ['/usr/bin/copydesk']));
  assert.deepEqual(d, { kind: 'setting-not-found', path: '/nowhere/copydesk' });
  assert.match(notFoundMessage(d), /copydesk\.path/);
  assert.match(notFoundMessage(d), /\/nowhere\/copydesk/);
});

test('~, ${workspaceFolder} and relative paths in copydesk.path', () => {
  const opts = { workspaceFolder: '/desk', homeDir: '/home/editor', platform: 'linux' };
  assert.equal(expandConfiguredPath('~/bin/copydesk', opts), '/home/editor/bin/copydesk');
  assert.equal(expandConfiguredPath('${workspaceFolder}/tools/copydesk', opts), '/desk/tools/copydesk');
  assert.equal(expandConfiguredPath('target/debug/copydesk', opts), '/desk/target/debug/copydesk');
  assert.equal(expandConfiguredPath('  /abs/copydesk  ', opts), '/abs/copydesk');
});

test('the bundled binary comes before PATH', () => {
  const d = findBinary(input({}, ['/ext/bin/copydesk', '/usr/bin/copydesk']));
  assert.deepEqual(d, { kind: 'found', path: '/ext/bin/copydesk', source: 'bundled' });
});

test('PATH is searched in order', () => {
  const d = findBinary(input({}, ['/usr/bin/copydesk', '/usr/local/bin/copydesk']));
  assert.deepEqual(d, { kind: 'found', path: '/usr/local/bin/copydesk', source: 'path' });
});

test('empty PATH entries (the current folder) are never searched', () => {
  assert.deepEqual(pathCandidates('::/usr/bin:', 'linux'), ['/usr/bin/copydesk']);
  assert.deepEqual(pathCandidates(undefined, 'linux'), []);
});

test('Windows: copydesk.exe, PATHEXT and ; separators', () => {
  assert.deepEqual(pathCandidates('C:\\tools;C:\\bin', 'win32', '.EXE;.CMD'), [
    'C:\\tools\\copydesk.exe',
    'C:\\tools\\copydesk.cmd',
    'C:\\bin\\copydesk.exe',
    'C:\\bin\\copydesk.cmd',
  ]);
  const d = findBinary(input({ extensionPath: 'C:\\ext', envPath: 'C:\\bin', platform: 'win32', pathExt: '.EXE' }, ['C:\\ext\\bin\\copydesk.exe']));
  assert.deepEqual(d, { kind: 'found', path: 'C:\\ext\\bin\\copydesk.exe', source: 'bundled' });
});

test('nothing found: a message with the install command, and what was tried', () => {
  const d = findBinary(input({}, []));
  assert.equal(d.kind, 'not-found');
  assert.deepEqual(d.tried, ['/ext/bin/copydesk', '/usr/local/bin/copydesk', '/usr/bin/copydesk']);
  assert.ok(notFoundMessage(d).includes(INSTALL_COMMAND));
  assert.match(notFoundMessage(d), /copydesk\.path/);
});
