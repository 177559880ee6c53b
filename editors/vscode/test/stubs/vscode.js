// A stub of the `vscode` module: just enough of the API for the extension's code to run
// under node's test runner, with hooks for tests to set settings and read what was shown.

'use strict';

const calls = { errors: [], infos: [], warnings: [], commands: [], executed: [] };
const settings = {}; // 'copydesk.path' -> value

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  dispose() {
    if (this.fn) this.fn();
  }
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (l) => {
      this.listeners.push(l);
      return new Disposable(() => {});
    };
  }
  fire(e) {
    for (const l of this.listeners) l(e);
  }
}

class Uri {
  constructor(scheme, fsPath) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath;
  }
  static file(p) {
    return new Uri('file', p);
  }
  static parse(s) {
    return s.startsWith('file://') ? new Uri('file', s.slice(7)) : new Uri('untitled', s);
  }
  toString() {
    return `${this.scheme}://${this.fsPath}`;
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(a, b, c, d) {
    this.start = new Position(a, b);
    this.end = new Position(c, d);
  }
}

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };

class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

function configuration(section) {
  return {
    get(key, dflt) {
      const full = `${section}.${key}`;
      if (full in settings) return settings[full];
      // Nested objects from dotted keys, as VS Code builds them.
      const prefix = full + '.';
      const nested = Object.keys(settings).filter((k) => k.startsWith(prefix));
      if (nested.length > 0) {
        const o = {};
        for (const k of nested) o[k.slice(prefix.length)] = settings[k];
        return o;
      }
      return dflt;
    },
  };
}

const diagnosticChanges = new EventEmitter();
const openDocs = new EventEmitter();
const configChanges = new EventEmitter();
const collections = [];

const vscode = {
  Disposable,
  EventEmitter,
  Uri,
  Position,
  Range,
  Diagnostic,
  DiagnosticSeverity,
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { Notification: 15 },
  window: {
    activeTextEditor: undefined,
    createOutputChannel(name) {
      const lines = [];
      const log = (level) => (msg) => lines.push(`${level} ${msg}`);
      return {
        name,
        lines,
        info: log('info'),
        warn: log('warn'),
        error: log('error'),
        trace: log('trace'),
        debug: log('debug'),
        append: (s) => lines.push(s),
        appendLine: (s) => lines.push(s),
        show() {},
        dispose() {},
      };
    },
    createStatusBarItem() {
      const item = { text: '', tooltip: '', visible: false, show() { item.visible = true; }, hide() { item.visible = false; }, dispose() {} };
      vscode._statusItem = item;
      return item;
    },
    async showErrorMessage(msg, ...items) {
      calls.errors.push({ msg, items });
      return undefined;
    },
    async showWarningMessage(msg, ...items) {
      calls.warnings.push({ msg, items });
      return undefined;
    },
    async showInformationMessage(msg, ...items) {
      calls.infos.push({ msg, items });
      return undefined;
    },
    async withProgress(_opts, task) {
      const token = { isCancellationRequested: false, onCancellationRequested: () => new Disposable(() => {}) };
      return task({ report() {} }, token);
    },
    async showTextDocument() {},
  },
  workspace: {
    workspaceFolders: undefined,
    textDocuments: [],
    getConfiguration: configuration,
    onDidOpenTextDocument: openDocs.event,
    onDidChangeConfiguration: configChanges.event,
    async openTextDocument(uri) {
      return { uri };
    },
  },
  languages: {
    getDiagnostics() {
      return collections.flatMap((c) => [...c.map.entries()].map(([k, v]) => [Uri.file(k), v]));
    },
    onDidChangeDiagnostics: diagnosticChanges.event,
    createDiagnosticCollection(name) {
      const map = new Map();
      const c = {
        name,
        map,
        set(uri, ds) {
          map.set(uri.fsPath, ds);
          diagnosticChanges.fire({});
        },
        delete(uri) {
          map.delete(uri.fsPath);
        },
        clear() {
          map.clear();
        },
        dispose() {},
      };
      collections.push(c);
      return c;
    },
  },
  commands: {
    registerCommand(id, fn) {
      calls.commands.push(id);
      vscode._commands[id] = fn;
      return new Disposable(() => {});
    },
    async executeCommand(id, ...args) {
      calls.executed.push({ id, args });
    },
  },
  env: {
    clipboard: { async writeText() {} },
  },
  // Test hooks.
  _calls: calls,
  _settings: settings,
  _commands: {},
  _collections: collections,
  _fire: { diagnosticChanges, openDocs, configChanges },
  _reset() {
    for (const k of Object.keys(calls)) calls[k].length = 0;
    for (const k of Object.keys(settings)) delete settings[k];
    vscode._commands = {};
    collections.length = 0;
    for (const e of [diagnosticChanges, openDocs, configChanges]) e.listeners.length = 0;
    vscode.workspace.workspaceFolders = undefined;
    vscode.workspace.textDocuments = [];
  },
};

module.exports = vscode;
