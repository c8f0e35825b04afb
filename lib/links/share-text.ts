// The link(s) in what a user pasted into a complaint. Most people paste what a Chinese app's
// "share" / "copy link" button put on the clipboard: a link wrapped in a title, a 淘口令 token and an
// invitation to open the app, e.g. `【淘宝】https://m.tb.cn/h.5XyZabc?tk=AbCd1234 CZ0001 「商品名」点击链接直接打开`.
// Whatever is a single link is handed on exactly as typed: judging it is the canonicalizer's job.
// Every regex here is a flat character class or a fixed string, so no input can make matching slow.

/**
 * What a pasted text holds. `link`: the whole text is one link (returned trimmed, otherwise untouched, so the canonicalizer sees
 * exactly what the user typed). `share_text`: links found inside other text, in order of appearance, duplicates (same exact
 * substring) removed.
 */
export type PastedLinks = { kind: "link"; url: string } | { kind: "share_text"; urls: string[] };

// No one types these in a link, and every app's share text has some (or a space).
const SHARE_PUNCTUATION = /[，。！？；：「」『』【】（）《》“”‘’…、]/g;
// Browsers read the ideographic full stop between host labels as a dot (`taobao。com`), and so does the canonicalizer.
const ASCII_ALNUM = /^[A-Za-z0-9]$/;
const TAB_OR_NEWLINE = /[\t\r\n]/g;
const URL_RUN = /[A-Za-z0-9._~:/?#[\]@!$&'()*+,;=%-]+/g;
const SCHEME = /https?:\/\//i;
// Labels as host.ts accepts them (the underscore included); the last one must be a name, so `7.43` and `v2.0` are not hosts.
const HOST = /(?:[A-Za-z0-9_-]+\.)+[A-Za-z0-9_-]+(?::[0-9]+)?/y;
const TOP_LABEL = /\.[A-Za-z]{2,}(?::[0-9]+)?$/;
const SENTENCE_END = ".,;:!?'\"";

export function linksInPastedText(text: string): PastedLinks {
  if (typeof text !== "string") return { kind: "share_text", urls: [] };
  const trimmed = text.trim();
  if (isOneLink(trimmed)) return { kind: "link", url: trimmed };
  const urls = new Set<string>();
  for (const run of trimmed.matchAll(URL_RUN)) {
    for (const url of linksInRun(run[0], startsWord(trimmed, run.index))) urls.add(url);
  }
  return { kind: "share_text", urls: [...urls] };
}

function isOneLink(text: string): boolean {
  const joined = text.replace(TAB_OR_NEWLINE, "");
  if (/\s/.test(joined)) return false;
  for (const mark of joined.matchAll(SHARE_PUNCTUATION)) {
    const at = mark.index;
    if (mark[0] !== "。" || !ASCII_ALNUM.test(joined.charAt(at - 1)) || !ASCII_ALNUM.test(joined.charAt(at + 1))) return false;
  }
  return true;
}

// A link without a scheme must start a word: `abc@m.tb.cn` is an e-mail address, not a link to m.tb.cn.
function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charAt(at - 1);
  return before.charCodeAt(0) >= 0x80 || /[\s"<{]/.test(before);
}

/** `run` is a maximal stretch of characters a URL may hold, so a link ends where it ends (or at a sentence's punctuation). */
function linksInRun(run: string, afterWordStart: boolean): string[] {
  const found: string[] = [];
  const schemeAt = run.search(SCHEME);
  const beforeScheme = schemeAt === -1 ? run : run.slice(0, schemeAt);
  let start = afterWordStart ? 0 : afterOpener(beforeScheme, 0);
  while (start !== -1) {
    HOST.lastIndex = start;
    const host = HOST.exec(beforeScheme)?.[0];
    const end = start + (host?.length ?? 0);
    if (host !== undefined && TOP_LABEL.test(host)) {
      const next = beforeScheme.charAt(end);
      // A path runs to the end of the run, even over a link in its query (`/jump?to=https://…`).
      if (next !== "" && "/?#".includes(next)) {
        found.push(trimSentenceEnd(run.slice(start)));
        return found;
      }
      // Anything else after the name (`a.example@b`, `a.example=1`) makes it part of something that is not a link.
      if (next === "" || SENTENCE_END.includes(next) || next === ")" || next === "]") found.push(host);
    }
    start = afterOpener(beforeScheme, end);
  }
  if (schemeAt !== -1) {
    const url = trimSentenceEnd(run.slice(schemeAt));
    const afterScheme = url.charAt(url.indexOf("//") + 2);
    if (afterScheme !== "" && !"/?#".includes(afterScheme)) found.push(url);
  }
  return found;
}

/** Where a word starts after the next `(` or `[` at or after `from`; -1 if there is none. */
function afterOpener(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (c === "(" || c === "[") return i + 1;
  }
  return -1;
}

// Wikipedia-style links end in a bracket of their own (`/wiki/Mercury_(planet)`); only a bracket that
// closes nothing opened inside the link belongs to the sentence around it.
function trimSentenceEnd(url: string): string {
  let unmatchedParens = count(url, ")") - count(url, "(");
  let unmatchedSquare = count(url, "]") - count(url, "[");
  let end = url.length;
  while (end > 0) {
    const c = url.charAt(end - 1);
    if (c === ")" && unmatchedParens > 0) unmatchedParens -= 1;
    else if (c === "]" && unmatchedSquare > 0) unmatchedSquare -= 1;
    else if (!SENTENCE_END.includes(c)) break;
    end -= 1;
  }
  return url.slice(0, end);
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
