// The one link canonicalizer. Complaint intake, verdict look-ups and the change feed all key links
// by its output, so two spellings of one page must give one canonical URL, and no spelling may move
// a link to a host other than the one it opens. The rules are Safe Browsing's URL canonicalization
// (developers.google.com/safe-browsing/v4/urls-hashing) with the deliberate differences noted where
// they are made; tracking parameters are then removed and reported separately.
//
// The parsing is done here rather than by the WHATWG URL parser because that parser normalises
// differently from the spec: it turns `\` into `/` inside the authority (so it reads
// `http://taobao.com\@evil.example/` as taobao.com, where the spec says evil.example), does not
// collapse `//` or unescape the path, keeps `.` at the end of a host and every port it sees.

import { createHash } from "node:crypto";
import { canonicalHost } from "./host";
import { isMixedScriptHost } from "./mixed-script";
import { canonicalPath } from "./path";
import { normaliseQuery } from "./percent-encoding";
import { registrableDomainOf } from "./registrable-domain";
import { stripTrackingParams, trackingRulesFor } from "./tracking-params";

export type RejectReason = "empty" | "too_long" | "unsupported_scheme" | "invalid_host" | "unparseable";

export type CanonicalLink = {
  /** Safe-Browsing-canonical form, then tracking parameters removed. */
  canonicalUrl: string;
  /** Names of the query parameters removed, in order (empty if none). */
  strippedParams: string[];
  /** ASCII (punycode) host without port; IPv6 in brackets. */
  host: string;
  /** A non-default port, else null. */
  port: number | null;
  /** The canonical path (starts with `/`). */
  path: string;
  /** The canonical query without `?` and without tracking parameters; null when there is none. */
  query: string | null;
  /** eTLD+1 (Public Suffix List, private suffixes included); IP literals and public suffixes are their own. */
  registrableDomain: string;
  isIpLiteral: boolean;
  /** Some label's Unicode form mixes scripts or is a whole-script look-alike of Latin: a possible homograph. */
  isMixedScript: boolean;
  /** SHA-256 hex of canonicalUrl: the key links are stored under. */
  readonly urlHash: string;
};

export type CanonicalizeResult =
  | { ok: true; link: CanonicalLink }
  | { ok: false; reason: RejectReason; message: string };

export const MAX_LINK_LENGTH = 2048;

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const TAB_OR_NEWLINE = /[\t\r\n]/g;
const PORT = /^[0-9]*$/;

const reject = (reason: RejectReason, message: string): CanonicalizeResult => ({ ok: false, reason, message });

/** Never throws: every input gets a canonical link or a reason it has none. */
export function canonicalize(input: string): CanonicalizeResult {
  if (typeof input !== "string") return reject("unparseable", "The link must be text.");
  if (input.length > MAX_LINK_LENGTH) return reject("too_long", "The link is longer than 2,048 characters.");
  let text = trimSpaceAndControls(input);
  // Tabs and line breaks inside a link are dropped, as browsers drop them (pasting from a chat
  // often wraps a long link).
  if (text.includes("\t") || text.includes("\r") || text.includes("\n")) text = text.replace(TAB_OR_NEWLINE, "");
  if (text === "") return reject("empty", "The link is empty.");

  let scheme = "http";
  let rest = text;
  const schemeMatch = SCHEME.exec(text);
  if (schemeMatch !== null) {
    const name = (schemeMatch[1] as string).toLowerCase();
    const afterColon = text.slice(schemeMatch[0].length);
    if (name === "http" || name === "https") {
      scheme = name;
      rest = afterColon;
    } else if (!isHostBeforeColon(name, afterColon)) {
      const shown = name.length > 20 ? `${name.slice(0, 20)}…` : name;
      return reject("unsupported_scheme", `Only http and https links can be checked; this link uses "${shown}:".`);
    }
    // Otherwise there was no scheme: a link without one is read as http, like Safe Browsing does.
  }

  // The fragment never reaches the server.
  const hashAt = rest.indexOf("#");
  if (hashAt !== -1) rest = rest.slice(0, hashAt);
  // Slashes (either way) between the scheme and the authority are ignored, as browsers ignore them:
  // `http:\\example.com` and `//example.com` open example.com.
  let start = 0;
  while (start < rest.length && (rest.charCodeAt(start) === 0x2f || rest.charCodeAt(start) === 0x5c)) start += 1;

  // The authority runs to the first `/` or `?` (the fragment is gone). A backslash is an ordinary
  // character here, as the spec requires, so `taobao.com\@evil.example` is the user "taobao.com\"
  // at evil.example; and the host follows the LAST `@`, so no `@` in a user name can move it.
  let authorityEnd = start;
  while (authorityEnd < rest.length) {
    const c = rest.charCodeAt(authorityEnd);
    if (c === 0x2f || c === 0x3f) break;
    authorityEnd += 1;
  }
  const authority = rest.slice(start, authorityEnd);
  const hostAndPort = authority.slice(authority.lastIndexOf("@") + 1);

  const split = splitPort(hostAndPort);
  if (split === null) return reject("invalid_host", "The IPv6 address in the host is malformed.");
  const host = canonicalHost(split.host);
  if (!host.ok) return reject("invalid_host", host.message);
  let port: number | null = null;
  if (split.port !== null && split.port !== "") {
    if (!PORT.test(split.port) || split.port.length > 5 || Number(split.port) > 65535) {
      return reject("unparseable", "The port is not a number between 0 and 65535.");
    }
    // Only the scheme's default port is dropped. Safe Browsing drops every port because it hashes
    // host patterns; a link on port 8080 can be a different server, so it keeps its port here.
    const value = Number(split.port);
    port = value === DEFAULT_PORTS[scheme] ? null : value;
  }

  const pathAndQuery = rest.slice(authorityEnd);
  const queryAt = pathAndQuery.indexOf("?");
  const path = canonicalPath(queryAt === -1 ? pathAndQuery : pathAndQuery.slice(0, queryAt));
  // An empty query (`/q?`) keeps its `?`, as in Safe Browsing's examples.
  const query = queryAt === -1 ? null : normaliseQuery(pathAndQuery.slice(queryAt + 1));

  const registrableDomain = registrableDomainOf(host.host, host.isIpLiteral);
  let finalQuery = query;
  let strippedParams: string[] = [];
  if (query !== null && query !== "") {
    const result = stripTrackingParams(query, trackingRulesFor(registrableDomain));
    finalQuery = result.query;
    strippedParams = result.stripped;
  }

  const canonicalUrl = `${scheme}://${host.host}${port === null ? "" : `:${port}`}${path}${finalQuery === null ? "" : `?${finalQuery}`}`;
  // Escaping can lengthen a link; a canonical link must itself be acceptable input.
  if (canonicalUrl.length > MAX_LINK_LENGTH) {
    return reject("too_long", "The link is longer than 2,048 characters once its characters are escaped.");
  }
  let urlHash: string | null = null;
  return {
    ok: true,
    link: {
      canonicalUrl,
      strippedParams,
      host: host.host,
      port,
      path,
      query: finalQuery,
      registrableDomain,
      isIpLiteral: host.isIpLiteral,
      isMixedScript: isMixedScriptHost(host.host),
      // Hashed when asked for: intake stores it, a verdict lookup (the hot path) never needs it.
      get urlHash() {
        return (urlHash ??= createHash("sha256").update(canonicalUrl).digest("hex"));
      },
    },
  };
}

/**
 * `example.com:8080/x` and `taobao.com:x@evil.example/` are a host with a port or a user name, not
 * URLs of the scheme `example.com`: a "scheme" with a dot that is not followed by a slash is read
 * that way. App deep links (`com.taobao.app://…`, `weixin://…`) stay schemes.
 */
function isHostBeforeColon(name: string, afterColon: string): boolean {
  return name.includes(".") && !afterColon.startsWith("/") && !afterColon.startsWith("\\");
}

/** Host and port text; an IPv6 host keeps its brackets. Null when text follows `]` that is no port. */
function splitPort(hostAndPort: string): { host: string; port: string | null } | null {
  if (hostAndPort.startsWith("[")) {
    const close = hostAndPort.indexOf("]");
    if (close === -1) return { host: hostAndPort, port: null };
    const after = hostAndPort.slice(close + 1);
    if (after !== "" && !after.startsWith(":")) return null;
    return { host: hostAndPort.slice(0, close + 1), port: after === "" ? null : after.slice(1) };
  }
  const colon = hostAndPort.indexOf(":");
  if (colon === -1) return { host: hostAndPort, port: null };
  return { host: hostAndPort.slice(0, colon), port: hostAndPort.slice(colon + 1) };
}

/**
 * Strips leading and trailing spaces and control characters (as URL parsers do) and Unicode white
 * space such as U+3000 and U+00A0, which pasting from a chat often leaves around a link.
 */
function trimSpaceAndControls(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmable(text.charCodeAt(start))) start += 1;
  while (end > start && isTrimmable(text.charCodeAt(end - 1))) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isTrimmable(code: number): boolean {
  if (code <= 0x20) return true;
  if (code < 0x80) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200b) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff || code === 0x85;
}
