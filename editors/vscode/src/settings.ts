// VS Code's `copydesk.*` settings -> the settings object the server accepts (the same shape
// as copydesk.toml). Only what the user set is sent, so copydesk.toml keeps the rest.
// Pure: tested without VS Code.

/** The rules copydesk has today (the settings UI lists these; settings.json may name others). */
export const RULE_IDS = [
  'misspelling',
  'name-variant',
  'unattributed-quote',
  'boilerplate',
  'duplicate-paragraph',
  'repeated-word',
] as const;

export const RULE_LEVELS = ['off', 'error', 'warning', 'info', 'hint'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** The server's settings, exactly the keys it knows (it rejects unknown ones). */
export interface ServerSettings {
  rules?: Record<string, RuleLevel>;
  misspellings?: Record<string, string>;
  names?: Record<string, string[]>;
  boilerplate?: { patterns: string[] };
  attribution?: { verbs: string[] };
  dictionary?: { words?: string[]; lexicon?: boolean };
  style?: { hamza: 'off' | 'strict' };
}

/** The part of vscode.WorkspaceConfiguration this module reads. */
export interface ConfigReader {
  get<T>(key: string): T | undefined;
}

/** The languages the server is started for: plain text, Markdown, HTML, and those in copydesk.languages. */
export const DEFAULT_LANGUAGES = ['plaintext', 'markdown', 'html'];

export function languages(config: ConfigReader): string[] {
  const extra = config.get<unknown>('languages');
  const out = [...DEFAULT_LANGUAGES];
  if (Array.isArray(extra)) {
    for (const l of extra) {
      if (typeof l === 'string' && l.trim() !== '' && !out.includes(l.trim())) {
        out.push(l.trim());
      }
    }
  }
  return out;
}

/** The document selector for those languages: files on disk and unsaved buffers. */
export function documentSelector(langs: string[]): { scheme: string; language: string }[] {
  return langs.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : [];
}

/** Map the copydesk section of VS Code's settings to the server's settings. */
export function toServerSettings(config: ConfigReader): ServerSettings {
  const out: ServerSettings = {};

  const rules = config.get<unknown>('rules');
  if (isPlainObject(rules)) {
    const picked: Record<string, RuleLevel> = {};
    for (const [id, level] of Object.entries(rules)) {
      if (typeof level === 'string' && (RULE_LEVELS as readonly string[]).includes(level)) {
        picked[id] = level as RuleLevel;
      }
    }
    if (Object.keys(picked).length > 0) {
      out.rules = picked;
    }
  }

  const misspellings = config.get<unknown>('misspellings');
  if (isPlainObject(misspellings)) {
    const picked: Record<string, string> = {};
    for (const [wrong, right] of Object.entries(misspellings)) {
      if (wrong !== '' && typeof right === 'string' && right !== '') {
        picked[wrong] = right;
      }
    }
    if (Object.keys(picked).length > 0) {
      out.misspellings = picked;
    }
  }

  const names = config.get<unknown>('names');
  if (isPlainObject(names)) {
    const picked: Record<string, string[]> = {};
    for (const [house, variants] of Object.entries(names)) {
      const list = typeof variants === 'string' ? [variants] : stringList(variants);
      if (house !== '' && list.length > 0) {
        picked[house] = list;
      }
    }
    if (Object.keys(picked).length > 0) {
      out.names = picked;
    }
  }

  const patterns = stringList(config.get<unknown>('boilerplate.patterns'));
  if (patterns.length > 0) {
    out.boilerplate = { patterns };
  }

  const verbs = stringList(config.get<unknown>('attribution.verbs'));
  if (verbs.length > 0) {
    out.attribution = { verbs };
  }

  const words = stringList(config.get<unknown>('dictionary.words'));
  const lexicon = config.get<unknown>('dictionary.lexicon');
  if (words.length > 0 || typeof lexicon === 'boolean') {
    out.dictionary = {};
    if (words.length > 0) {
      out.dictionary.words = words;
    }
    if (typeof lexicon === 'boolean') {
      out.dictionary.lexicon = lexicon;
    }
  }

  const hamza = config.get<unknown>('style.hamza');
  if (hamza === 'off' || hamza === 'strict') {
    out.style = { hamza };
  }

  return out;
}

/** Settings whose change needs a new server process rather than a settings update. */
export const RESTART_SETTINGS = ['copydesk.path', 'copydesk.languages'];
