// The VS Code side of copydesk: start `copydesk lsp`, pass it the settings, show its
// state. No checking happens here: the server (and `copydesk check`) do all of it.

import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from 'vscode-languageclient/node';

import { isolate, isolateQuotes } from './bidi';
import { Discovery, INSTALL_COMMAND, findBinary, isExecutableFile, notFoundMessage } from './binary';
import { CliFinding, findingRange, groupByFile, parseCliOutput, summary } from './findings';
import { SECTION, middleware } from './middleware';
import { RESTART_SETTINGS, ServerSettings, documentSelector, languages, toServerSettings } from './settings';
import { ServerState, statusView } from './status';
import { CONFIG_TEMPLATE } from './template';

let client: LanguageClient | undefined;
let state: ServerState = 'idle';
let output: vscode.LogOutputChannel;
let statusItem: vscode.StatusBarItem | undefined;
let workspaceFindings: vscode.DiagnosticCollection;
let extensionPath = '';
let starting: Promise<void> | undefined;

function settingsFor(scopeUri: string | undefined): ServerSettings {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  return toServerSettings(vscode.workspace.getConfiguration(SECTION, scope));
}

function discover(): Discovery {
  const config = vscode.workspace.getConfiguration(SECTION);
  return findBinary({
    configuredPath: config.get<string>('path'),
    extensionPath,
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    envPath: process.env.PATH,
    pathExt: process.env.PATHEXT,
    platform: process.platform,
    homeDir: os.homedir(),
    isExecutable: isExecutableFile,
  });
}

function countFindings(): number {
  let n = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source === 'copydesk') {
        n++;
      }
    }
  }
  return n;
}

function setState(next: ServerState): void {
  state = next;
  updateStatus();
}

function updateStatus(): void {
  if (!statusItem) {
    return;
  }
  const view = statusView(state, countFindings());
  statusItem.text = view.text;
  statusItem.tooltip = view.tooltip;
  statusItem.show();
}

async function tellNotFound(d: Discovery): Promise<void> {
  const message = notFoundMessage(d);
  output.error(message);
  const openSettings = 'Open Settings';
  const copy = 'Copy Install Command';
  const choice = await vscode.window.showErrorMessage(message, openSettings, copy);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.path');
  } else if (choice === copy) {
    await vscode.env.clipboard.writeText(INSTALL_COMMAND);
  }
}

async function startClient(): Promise<void> {
  const found = discover();
  if (found.kind !== 'found') {
    setState('not-found');
    void tellNotFound(found);
    return;
  }
  output.info(`starting ${found.path} lsp (found via ${found.source})`);
  const serverOptions: ServerOptions = { command: found.path, args: ['lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(languages(vscode.workspace.getConfiguration(SECTION))),
    initializationOptions: settingsFor(undefined),
    outputChannel: output,
    diagnosticCollectionName: 'copydesk',
    middleware: middleware(settingsFor),
  };
  const c = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  c.onDidChangeState((e) => {
    if (client !== c) {
      return;
    }
    setState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped');
  });
  client = c;
  setState('starting');
  try {
    await c.start();
  } catch (e) {
    setState('stopped');
    output.error(`the server did not start: ${(e as Error).message}`);
    void vscode.window.showErrorMessage(
      `copydesk: the server did not start (${found.path} lsp). See the copydesk output for details.`,
    );
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.dispose(2000);
    } catch (e) {
      output.warn(`stopping the server: ${(e as Error).message}`);
    }
  }
  setState('stopped');
}

function ensureStarted(): Promise<void> {
  if (!client && !starting) {
    starting = startClient().finally(() => {
      starting = undefined;
    });
  }
  return starting ?? Promise.resolve();
}

async function restart(): Promise<void> {
  await stopClient();
  await ensureStarted();
}

function wantsServer(doc: vscode.TextDocument): boolean {
  const langs = languages(vscode.workspace.getConfiguration(SECTION));
  return (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled') && langs.includes(doc.languageId);
}

function sendSettings(): void {
  if (client && client.state === State.Running) {
    void client.sendNotification('workspace/didChangeConfiguration', {
      settings: { [SECTION]: settingsFor(undefined) },
    });
  }
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Run `copydesk check --format json FOLDER`; resolves with its findings. */
function runCheck(binary: string, folder: string, token: vscode.CancellationToken): Promise<CliFinding[]> {
  return new Promise((resolve, reject) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    childProcess.execFile(
      binary,
      ['check', '--format', 'json', folder],
      { cwd: folder, maxBuffer: 256 * 1024 * 1024, signal: abort.signal, encoding: 'utf8' },
      (error, stdout, stderr) => {
        sub.dispose();
        if (stderr.trim() !== '') {
          output.warn(stderr.trim());
        }
        // Exit 1 means "there are findings"; 2 means some files could not be checked
        // (the others still were, and their findings are on stdout).
        const code = (error as { code?: unknown } | null)?.code;
        if (error && code !== 1 && code !== 2) {
          reject(error);
          return;
        }
        if (code === 2) {
          void vscode.window.showWarningMessage(
            'copydesk: some files could not be checked. See the copydesk output for details.',
          );
        }
        try {
          resolve(parseCliOutput(stdout));
        } catch (e) {
          reject(e);
        }
      },
    );
  });
}

async function checkWorkspace(): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('copydesk: open a folder to check the whole workspace.');
    return;
  }
  const found = discover();
  if (found.kind !== 'found') {
    setState('not-found');
    await tellNotFound(found);
    return;
  }
  // The server's state to show again afterwards.
  const after = (): ServerState => (client ? (client.state === State.Running ? 'running' : 'stopped') : 'idle');
  setState('checking');
  workspaceFindings.clear();
  let total = 0;
  let files = 0;
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'copydesk: checking the workspace', cancellable: true },
      async (progress, token) => {
        for (const folder of folders) {
          if (token.isCancellationRequested) {
            return;
          }
          progress.report({ message: isolate(folder.name), increment: 100 / folders.length });
          const findings = await runCheck(found.path, folder.uri.fsPath, token);
          const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.fsPath));
          for (const [file, list] of groupByFile(findings, folder.uri.fsPath)) {
            total += list.length;
            files++;
            // An open file is the server's: it already shows that file's findings, with fixes.
            if (open.has(file)) {
              continue;
            }
            const bytes = await fs.promises.readFile(file).catch(() => Buffer.alloc(0));
            workspaceFindings.set(
              vscode.Uri.file(file),
              list.map((f) => toDiagnostic(f, bytes)),
            );
          }
        }
      },
    );
  } catch (e) {
    output.error(`checking the workspace: ${(e as Error).message}`);
    void vscode.window.showErrorMessage(`copydesk: checking the workspace failed: ${(e as Error).message}`);
    setState(after());
    return;
  }
  setState(after());
  const text = `copydesk: ${summary(total, files)}.`;
  if (total > 0) {
    void vscode.window.showInformationMessage(text, 'Show Problems').then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand('workbench.actions.view.problems');
      }
    });
  } else {
    void vscode.window.showInformationMessage(text);
  }
}

function toDiagnostic(f: CliFinding, bytes: Buffer): vscode.Diagnostic {
  const r = findingRange(f, bytes);
  const d = new vscode.Diagnostic(
    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
    isolateQuotes(f.message),
    SEVERITY[f.severity] ?? vscode.DiagnosticSeverity.Warning,
  );
  d.source = 'copydesk';
  d.code = f.rule;
  return d;
}

/** The nearest copydesk.toml above the active file, else in a workspace folder. */
function findConfig(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') {
    let dir = path.dirname(active.fsPath);
    for (;;) {
      const candidate = path.join(dir, 'copydesk.toml');
      if (fs.existsSync(candidate)) {
        return candidate;
      }
      const parent = path.dirname(dir);
      if (parent === dir) {
        break;
      }
      dir = parent;
    }
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const candidate = path.join(folder.uri.fsPath, 'copydesk.toml');
    if (folder.uri.scheme === 'file' && fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

async function openConfig(): Promise<void> {
  let file = findConfig();
  if (!file) {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    if (!folder) {
      void vscode.window.showInformationMessage('copydesk: open a folder to give it a copydesk.toml.');
      return;
    }
    const create = 'Create copydesk.toml';
    const choice = await vscode.window.showInformationMessage(
      `copydesk: there is no copydesk.toml for this workspace. Create one in ${isolate(folder.name)}?`,
      create,
    );
    if (choice !== create) {
      return;
    }
    file = path.join(folder.uri.fsPath, 'copydesk.toml');
    await fs.promises.writeFile(file, CONFIG_TEMPLATE, { flag: 'wx' }).catch(() => undefined);
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
}

/** The server's fix-all code action for the active file (what codeActionsOnSave runs). */
async function fixAll(): Promise<void> {
  await vscode.commands.executeCommand('editor.action.codeAction', {
    kind: 'source.fixAll.copydesk',
    apply: 'first',
  });
}

async function statusClicked(): Promise<void> {
  if (state === 'not-found') {
    await tellNotFound(discover());
  } else if (state === 'stopped' || state === 'idle') {
    await restart();
  } else {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel('copydesk', { log: true });
  const item = vscode.window.createStatusBarItem('copydesk.status', vscode.StatusBarAlignment.Left, 0);
  item.name = 'copydesk';
  item.command = 'copydesk.statusClicked';
  statusItem = item;
  workspaceFindings = vscode.languages.createDiagnosticCollection('copydesk-workspace');

  context.subscriptions.push(
    output,
    item,
    workspaceFindings,
    vscode.commands.registerCommand('copydesk.checkWorkspace', checkWorkspace),
    vscode.commands.registerCommand('copydesk.restart', restart),
    vscode.commands.registerCommand('copydesk.fixAll', fixAll),
    vscode.commands.registerCommand('copydesk.openConfig', openConfig),
    vscode.commands.registerCommand('copydesk.showOutput', () => output.show()),
    vscode.commands.registerCommand('copydesk.statusClicked', statusClicked),
    vscode.languages.onDidChangeDiagnostics(() => {
      if (statusItem && (client || state === 'checking')) {
        updateStatus();
      }
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      workspaceFindings.delete(doc.uri);
      // Once told the program is missing, the user is not told again on every file;
      // changing copydesk.path or "Restart the Server" tries again.
      if (wantsServer(doc) && state !== 'not-found') {
        void ensureStarted();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        if (client || state === 'not-found') {
          void restart();
        }
      } else if (e.affectsConfiguration(SECTION)) {
        sendSettings();
      }
    }),
  );

  // Start the server once there is something for it to check.
  if (vscode.workspace.textDocuments.some(wantsServer)) {
    await ensureStarted();
  }
}

export async function deactivate(): Promise<void> {
  await stopClient();
  statusItem = undefined;
  state = 'idle';
}
