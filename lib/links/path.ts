// The path of a canonical link, per Safe Browsing: unescape until stable, resolve `.` and `..`
// segments, collapse runs of slashes, escape again. Unescaping comes first so that `%2e%2e` and
// `%252e%252e` climb a directory exactly like `..` does, and `%2F` separates segments like `/`: a
// server that decodes before routing sees them that way, and a block must not be dodged by spelling.

import { escapePathBytes, toByteString, unescapeRepeatedly } from "./percent-encoding";

// Anything that could change: an escape, a backslash, a dot segment or double slash, a byte to escape.
const PATH_NEEDS_WORK = /[%\\]|\/\.|\/\/|[^\x21-\x7e]/;

/**
 * `raw` is the text between the authority and the query: empty or starting with `/`. A raw
 * backslash in the path is a `/`, as every browser reads it (the authority is handled apart, where
 * the spec treats it as a literal character).
 */
export function canonicalPath(raw: string): string {
  if (raw === "") return "/";
  if (!PATH_NEEDS_WORK.test(raw)) return raw;
  const slashed = raw.includes("\\") ? raw.replaceAll("\\", "/") : raw;
  const decoded = unescapeRepeatedly(toByteString(slashed));
  return escapePathBytes(resolveSegments(decoded));
}

function resolveSegments(path: string): string {
  const segments = path.split("/");
  const kept: string[] = [];
  // A path that ends in `/`, `/.` or `/..` names a directory and keeps its trailing slash.
  let endsAsDirectory = false;
  for (const segment of segments) {
    endsAsDirectory = false;
    if (segment === "" || segment === ".") {
      endsAsDirectory = true;
    } else if (segment === "..") {
      kept.pop();
      endsAsDirectory = true;
    } else {
      kept.push(segment);
    }
  }
  if (kept.length === 0) return "/";
  return `/${kept.join("/")}${endsAsDirectory ? "/" : ""}`;
}
