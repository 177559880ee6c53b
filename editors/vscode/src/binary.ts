// Finding the `copydesk` program: the copydesk.path setting, else the binary bundled in
// the extension, else the first one on PATH. Pure apart from the injected file check, so
// it is tested without VS Code.

import * as fs from 'fs';
import * as path from 'path';

/** The command that installs copydesk, shown when it cannot be found. */
export const INSTALL_COMMAND = 'cargo install --locked --path .';

export interface DiscoveryInput {
  /** The copydesk.path setting, as the user wrote it ('' or undefined: not set). */
  configuredPath?: string;
  /** Where the extension is installed (its bundled binary lives in bin/). */
  extensionPath: string;
  /** The first workspace folder, for relative paths and ${workspaceFolder}. */
  workspaceFolder?: string;
  /** The PATH environment variable. */
  envPath?: string;
  /** The PATHEXT environment variable (Windows). */
  pathExt?: string;
  platform: NodeJS.Platform;
  homeDir: string;
  /** Whether a file exists and can be run. */
  isExecutable: (file: string) => boolean;
}

export type Discovery =
  | { kind: 'found'; path: string; source: 'setting' | 'bundled' | 'path' }
  | { kind: 'setting-not-found'; path: string }
  | { kind: 'not-found'; tried: string[] };

/** The name of the program on this platform. */
export function exeName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'copydesk.exe' : 'copydesk';
}

/** The bundled binary's path inside an installed extension. */
export function bundledPath(extensionPath: string, platform: NodeJS.Platform): string {
  return pathFor(platform).join(extensionPath, 'bin', exeName(platform));
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Expand `~` and `${workspaceFolder}`, and resolve a relative path from the workspace folder. */
export function expandConfiguredPath(
  configured: string,
  opts: { workspaceFolder?: string; homeDir: string; platform: NodeJS.Platform },
): string {
  const p = pathFor(opts.platform);
  let s = configured.trim();
  if (s.includes('${workspaceFolder}') && opts.workspaceFolder) {
    s = s.split('${workspaceFolder}').join(opts.workspaceFolder);
  }
  if (s === '~') {
    s = opts.homeDir;
  } else if (s.startsWith('~/') || s.startsWith('~\\')) {
    s = p.join(opts.homeDir, s.slice(2));
  }
  if (!p.isAbsolute(s) && opts.workspaceFolder) {
    s = p.resolve(opts.workspaceFolder, s);
  }
  return s;
}

/** Candidates for `copydesk` on PATH, in search order. */
export function pathCandidates(
  envPath: string | undefined,
  platform: NodeJS.Platform,
  pathExt?: string,
): string[] {
  if (!envPath) {
    return [];
  }
  const p = pathFor(platform);
  const sep = platform === 'win32' ? ';' : ':';
  const names =
    platform === 'win32'
      ? (pathExt || '.EXE;.CMD;.BAT;.COM')
          .split(';')
          .filter((e) => e.length > 0)
          .map((e) => 'copydesk' + e.toLowerCase())
      : ['copydesk'];
  const out: string[] = [];
  for (const dir of envPath.split(sep)) {
    // An empty PATH entry means the current folder: never run a program from there.
    if (dir.trim() === '') {
      continue;
    }
    for (const name of names) {
      out.push(p.join(dir, name));
    }
  }
  return out;
}

/** Find the program to run. A set copydesk.path is final: it is never silently replaced. */
export function findBinary(input: DiscoveryInput): Discovery {
  const configured = input.configuredPath?.trim();
  if (configured) {
    const expanded = expandConfiguredPath(configured, input);
    return input.isExecutable(expanded)
      ? { kind: 'found', path: expanded, source: 'setting' }
      : { kind: 'setting-not-found', path: expanded };
  }
  const tried: string[] = [];
  const bundled = bundledPath(input.extensionPath, input.platform);
  tried.push(bundled);
  if (input.isExecutable(bundled)) {
    return { kind: 'found', path: bundled, source: 'bundled' };
  }
  for (const candidate of pathCandidates(input.envPath, input.platform, input.pathExt)) {
    tried.push(candidate);
    if (input.isExecutable(candidate)) {
      return { kind: 'found', path: candidate, source: 'path' };
    }
  }
  return { kind: 'not-found', tried };
}

/** What to tell the user when there is no program to run. */
export function notFoundMessage(d: Discovery): string {
  switch (d.kind) {
    case 'setting-not-found':
      return `copydesk: the program set in copydesk.path does not exist or cannot be run: ${d.path}. Fix the setting, or clear it to use the copydesk on PATH.`;
    case 'not-found':
      return `copydesk: the copydesk program was not found (not in copydesk.path, not bundled, not on PATH). Install it with \`${INSTALL_COMMAND}\` in a copydesk checkout, or set copydesk.path.`;
    default:
      return '';
  }
}

/** The real file check: a regular file, and executable where that means something. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
