// Arabic inside English messages: keep each quoted run in its own bidi isolate, so that
// «الإدراة» → «الإدارة» reads left to right in an English line instead of being reordered
// as one right-to-left run. Pure: tested without VS Code.

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE. */
export const FSI = '\u2068';
export const PDI = '\u2069';

const QUOTED = /«[^«»\n]*»|“[^“”\n]*”/g;

/** Wrap a piece of text (a file name, a word) in a bidi isolate. */
export function isolate(text: string): string {
  return FSI + text + PDI;
}

/** Wrap each «…» and “…” quotation in a message in a bidi isolate; idempotent. */
export function isolateQuotes(message: string): string {
  return message.replace(QUOTED, (m: string, offset: number, whole: string) => {
    const already = whole[offset - 1] === FSI && whole[offset + m.length] === PDI;
    return already ? m : isolate(m);
  });
}

/** Remove the isolates added by isolateQuotes, to give the server back its own text. */
export function unisolate(message: string): string {
  return message.split(FSI).join('').split(PDI).join('');
}
