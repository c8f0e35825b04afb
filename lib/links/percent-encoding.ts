// Percent-escapes as Safe Browsing treats them. A link can hide any character behind one or more
// layers of escaping (`%252e` is `%2e` is `.`), so the path and host are unescaped until nothing
// changes, and only the characters that cannot stand in a URL are escaped again, always with
// upper-case hex. Everything here works on "byte strings": one char per byte (0–255), so
// non-UTF-8 escapes such as `%80` survive the round trip unchanged.

const HEX_UPPER = "0123456789ABCDEF";
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

function escapeByte(code: number): string {
  return `%${HEX_UPPER[code >> 4]}${HEX_UPPER[code & 15]}`;
}

/** The UTF-8 bytes of a string (lone surrogates become U+FFFD, as a browser would send them). */
export function toByteString(text: string): string {
  if (ASCII_ONLY.test(text)) return text;
  return Buffer.from(encoder.encode(text)).toString("latin1");
}

/** Decodes a byte string as UTF-8, or null when the bytes are not valid UTF-8. */
export function fromByteStringStrict(bytes: string): string | null {
  if (ASCII_ONLY.test(bytes)) return bytes;
  try {
    return strictUtf8.decode(Buffer.from(bytes, "latin1"));
  } catch {
    return null;
  }
}

function unescapeOnce(bytes: string): string {
  let out = "";
  let copiedUpTo = 0;
  let i = bytes.indexOf("%");
  while (i !== -1 && i + 2 < bytes.length) {
    const high = hexValue(bytes.charCodeAt(i + 1));
    const low = hexValue(bytes.charCodeAt(i + 2));
    if (high >= 0 && low >= 0) {
      out += bytes.slice(copiedUpTo, i) + String.fromCharCode(high * 16 + low);
      copiedUpTo = i + 3;
      i = bytes.indexOf("%", copiedUpTo);
    } else {
      i = bytes.indexOf("%", i + 1);
    }
  }
  return copiedUpTo === 0 ? bytes : out + bytes.slice(copiedUpTo);
}

/**
 * Unescapes until no `%XX` is left. Each pass that changes anything shortens the string, so this
 * ends after at most length/3 passes.
 */
export function unescapeRepeatedly(bytes: string): string {
  let current = bytes;
  for (;;) {
    const next = unescapeOnce(current);
    if (next === current) return current;
    current = next;
  }
}

/**
 * Escapes the bytes Safe Browsing escapes in a path (<= 0x20, >= 0x7F, `#`, `%`), plus two it does
 * not: `?`, which would otherwise start the query when the URL is read again (Safe Browsing's
 * reference client lets an unescaped `%3F` move into the query; we keep it in the path, where the
 * link had it), and `\`, which browsers read as `/` in a path (so a literal backslash that came from
 * `%5C` must stay escaped to keep its meaning, and canonicalization stays idempotent).
 */
export function escapePathBytes(bytes: string): string {
  let out = "";
  let copiedUpTo = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const c = bytes.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || c === 0x23 || c === 0x25 || c === 0x3f || c === 0x5c) {
      out += bytes.slice(copiedUpTo, i) + escapeByte(c);
      copiedUpTo = i + 1;
    }
  }
  return copiedUpTo === 0 ? bytes : out + bytes.slice(copiedUpTo);
}

const QUERY_NEEDS_WORK = /[^\x21-\x7e]|#|%(?:[0-9A-Fa-f][a-f]|[a-f][0-9A-F])/;

/**
 * The query is left as it is (not unescaped, not reordered), except that bytes which cannot stand
 * in a URL (<= 0x20, >= 0x7F, `#`) are escaped and the hex of existing escapes is upper-cased. Both
 * are spellings a browser treats as the same request (`?q=你好` is sent as `?q=%E4%BD%A0%E5%A5%BD`),
 * so leaving them would give one link two hashes.
 */
export function normaliseQuery(query: string): string {
  if (!QUERY_NEEDS_WORK.test(query)) return query;
  const bytes = toByteString(query);
  let out = "";
  for (let i = 0; i < bytes.length; i += 1) {
    const c = bytes.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || c === 0x23) {
      out += escapeByte(c);
    } else if (c === 0x25 && hexValue(bytes.charCodeAt(i + 1)) >= 0 && hexValue(bytes.charCodeAt(i + 2)) >= 0) {
      out += `%${bytes.charAt(i + 1).toUpperCase()}${bytes.charAt(i + 2).toUpperCase()}`;
      i += 2;
    } else {
      out += bytes.charAt(i);
    }
  }
  return out;
}

/** Decodes `%XX` escapes of a query parameter's name or value for matching; never throws. */
export function decodeComponentLoosely(text: string): string {
  if (!text.includes("%")) return text;
  const bytes = unescapeOnce(text);
  return Buffer.from(bytes, "latin1").toString("utf8");
}
