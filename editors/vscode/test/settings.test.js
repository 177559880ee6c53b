'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { toServerSettings, languages, documentSelector, RULE_IDS, RULE_LEVELS, RESTART_SETTINGS } = require('../out/settings');
const manifest = require('../package.json');

// A reader over a flat map of settings keys (without the "copydesk." prefix), nesting
// dotted keys into objects the way VS Code's WorkspaceConfiguration.get does.
function reader(flat) {
  return {
    get(key) {
      if (key in flat) return flat[key];
      const nested = Object.keys(flat).filter((k) => k.startsWith(key + '.'));
      if (nested.length === 0) return undefined;
      return Object.fromEntries(nested.map((k) => [k.slice(key.length + 1), flat[k]]));
    },
  };
}

// The defaults VS Code reports when the user has set nothing.
function defaults() {
  const out = {};
  for (const [key, schema] of Object.entries(manifest.contributes.configuration.properties)) {
    out[key.replace(/^copydesk\./, '')] = schema.default;
  }
  return out;
}

test('nothing set: nothing sent, so copydesk.toml decides', () => {
  assert.deepEqual(toServerSettings(reader(defaults())), {});
});

test('every setting maps to the shape the server accepts', () => {
  const s = toServerSettings(
    reader({
      ...defaults(),
      path: '/opt/copydesk',
      languages: ['html'],
      'trace.server': 'verbose',
      'rules.misspelling': 'error',
      'rules.name-variant': 'off',
      'rules.boilerplate': 'default',
      misspellings: { 'الادارة': 'الإدارة', '': 'x', 'كلمة': 7 },
      names: { 'أردوغان': ['أردوجان', 'اردوغان'], 'ترمب': 'ترامب', 'فارغ': [] },
      'boilerplate.patterns': ['^اقرأ أيضاً', ''],
      'attribution.verbs': ['صرّح'],
      'dictionary.words': ['بيسكوف'],
      'dictionary.lexicon': false,
      'style.hamza': 'strict',
    }),
  );
  assert.deepEqual(s, {
    rules: { misspelling: 'error', 'name-variant': 'off' },
    misspellings: { 'الادارة': 'الإدارة' },
    names: { 'أردوغان': ['أردوجان', 'اردوغان'], 'ترمب': ['ترامب'] },
    boilerplate: { patterns: ['^اقرأ أيضاً'] },
    attribution: { verbs: ['صرّح'] },
    dictionary: { words: ['بيسكوف'], lexicon: false },
    style: { hamza: 'strict' },
  });
});

test('only keys the server knows are ever sent (it rejects unknown fields)', () => {
  const allowed = {
    '': ['rules', 'misspellings', 'names', 'boilerplate', 'attribution', 'dictionary', 'style'],
    boilerplate: ['patterns'],
    attribution: ['verbs'],
    dictionary: ['words', 'lexicon'],
    style: ['hamza'],
  };
  const s = toServerSettings(
    reader({ ...defaults(), path: 'x', languages: ['latex'], 'boilerplate.patterns': ['a'], 'attribution.verbs': ['b'], 'dictionary.words': ['c'], 'dictionary.lexicon': true, 'style.hamza': 'off' }),
  );
  for (const key of Object.keys(s)) assert.ok(allowed[''].includes(key), key);
  for (const section of ['boilerplate', 'attribution', 'dictionary', 'style']) {
    for (const key of Object.keys(s[section])) assert.ok(allowed[section].includes(key), `${section}.${key}`);
  }
});

test('settings in settings.json for rules the UI does not list yet still pass through', () => {
  const s = toServerSettings(reader({ rules: { 'repeated-word': 'hint', misspelling: 'loud' } }));
  assert.deepEqual(s, { rules: { 'repeated-word': 'hint' } });
});

test('the manifest lists every rule with the same levels', () => {
  const props = manifest.contributes.configuration.properties;
  for (const id of RULE_IDS) {
    const schema = props[`copydesk.rules.${id}`];
    assert.ok(schema, `copydesk.rules.${id} is in package.json`);
    assert.deepEqual(schema.enum, ['default', ...RULE_LEVELS]);
    assert.equal(schema.default, 'default');
  }
  const ruleKeys = Object.keys(props).filter((k) => k.startsWith('copydesk.rules.'));
  assert.equal(ruleKeys.length, RULE_IDS.length);
});

test('every contributed setting is either mapped for the server or the extension\'s own', () => {
  const own = ['copydesk.path', 'copydesk.languages', 'copydesk.trace.server'];
  const mapped = /^copydesk\.(rules\.[a-z-]+|misspellings|names|boilerplate\.patterns|attribution\.verbs|dictionary\.(words|lexicon)|style\.hamza)$/;
  for (const key of Object.keys(manifest.contributes.configuration.properties)) {
    assert.ok(own.includes(key) || mapped.test(key), `${key} is handled`);
  }
  for (const key of RESTART_SETTINGS) assert.ok(own.includes(key));
});

test('plain text, Markdown and HTML always; more languages from copydesk.languages', () => {
  assert.deepEqual(languages(reader({ languages: [] })), ['plaintext', 'markdown', 'html']);
  assert.deepEqual(languages(reader({ languages: ['html', ' latex ', 'markdown', '', 3] })), ['plaintext', 'markdown', 'html', 'latex']);
  assert.deepEqual(languages(reader({})), ['plaintext', 'markdown', 'html']);
  assert.deepEqual(documentSelector(['plaintext']), [
    { scheme: 'file', language: 'plaintext' },
    { scheme: 'untitled', language: 'plaintext' },
  ]);
});

test('the manifest activates for plain text and Markdown and names its commands', () => {
  assert.ok(manifest.activationEvents.includes('onLanguage:plaintext'));
  assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
  const commands = manifest.contributes.commands.map((c) => c.command);
  for (const c of ['copydesk.checkWorkspace', 'copydesk.restart', 'copydesk.openConfig']) assert.ok(commands.includes(c), c);
  assert.equal(manifest.main, './out/extension.js');
  assert.ok(require('node:fs').existsSync(path.join(__dirname, '..', 'src', 'extension.ts')));
});
