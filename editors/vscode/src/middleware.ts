// Language client middleware: answer the server's workspace/configuration requests with
// the mapped settings, and isolate quoted Arabic in diagnostics and quick-fix titles.
// Only type imports from VS Code, so it is tested against a stub.

import type * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';
import { isolateQuotes, unisolate } from './bidi';
import type { ServerSettings } from './settings';

/** Reads the mapped settings for a resource (or the window, when scopeUri is undefined). */
export type SettingsSource = (scopeUri: string | undefined) => ServerSettings;

export const SECTION = 'copydesk';

/** Answers for one workspace/configuration request: our section mapped, others from VS Code. */
export function answerConfiguration(
  items: { section?: string; scopeUri?: string }[],
  fromVscode: unknown[],
  settings: SettingsSource,
): unknown[] {
  return items.map((item, i) => (item.section === SECTION ? settings(item.scopeUri) : fromVscode[i] ?? null));
}

/** A copy of a diagnostic (same class, so the client keeps its `data`) with another message. */
function withMessage<T extends { message: string }>(d: T, message: string): T {
  return Object.assign(Object.create(Object.getPrototypeOf(d)), d, { message });
}

function isolateDiagnostics(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const d of diagnostics) {
    d.message = isolateQuotes(d.message);
  }
  return diagnostics;
}

export function middleware(settings: SettingsSource): Middleware {
  return {
    workspace: {
      configuration: async (params, token, next) => {
        const fromVscode = await next(params, token);
        if (!Array.isArray(fromVscode)) {
          return fromVscode;
        }
        return answerConfiguration(params.items, fromVscode, settings);
      },
    },
    handleDiagnostics: (uri, diagnostics, next) => next(uri, isolateDiagnostics(diagnostics)),
    provideDiagnostics: async (document, previousResultId, token, next) => {
      const report = await next(document, previousResultId, token);
      if (report && report.kind === 'full') {
        isolateDiagnostics(report.items);
      }
      return report;
    },
    provideCodeActions: async (document, range, context, token, next) => {
      // The server gets its diagnostics back exactly as it sent them.
      const original = { ...context, diagnostics: context.diagnostics.map((d) => withMessage(d, unisolate(d.message))) };
      const actions = await next(document, range, original, token);
      if (Array.isArray(actions)) {
        for (const a of actions) {
          a.title = isolateQuotes(a.title);
        }
      }
      return actions;
    },
  };
}
