// Block scopes and lookup expressions: how a verdict names what it blocks, and which verdicts a link
// meets. Written once here; the server's lookups (memory index and SQL), the change feed and the
// README's client rule all follow it (DESIGN.md "Block scopes and matching").
//
// Following Safe Browsing's URL hashing rules (developers.google.com/safe-browsing/v4/urls-hashing),
// a link is looked up by expressions `host-suffix + path-prefix`: the exact host, the registrable
// domain and up to three labels in front of it (an IP literal only as itself), and `www.` + the host;
// the root `/`, up to four leading directories and the whole path; and, for the whole path, one
// expression per query parameter, `host + path + "?" + name=value`. Scheme, port, fragment, path
// parameters (`;jsessionid=…`) and a trailing slash are not part of an expression, so every spelling
// a browser opens as the same resource meets the same expressions. A verdict is stored under one
// expression and says how it holds:
//   url     the path exactly, and only with every query parameter of the blocked link present; stored
//           under `path?first-parameter` when it has parameters, so that the verdicts on one shop's
//           item page (`item.htm?id=…`) do not all share one key;
//   path    the path and everything below it;
//   host    every path of the host (and its subdomains);
//   domain  every path of the registrable domain (L4).
// At most MAX_HOSTS × (MAX_PATHS + MAX_PARAMS) expressions per lookup.
import { createHash } from "node:crypto";
import type { CanonicalLink } from "@/lib/links/canonicalize";

export const verdictScopes = ["url", "path", "host", "domain"] as const;
export type VerdictScope = (typeof verdictScopes)[number];

export const MAX_HOSTS = 6;
/** Leading directories tried besides the root and the whole path; a path scope may be at most this deep. */
export const MAX_PATH_DEPTH = 4;
export const MAX_PATHS = MAX_PATH_DEPTH + 2;
/** Query parameters of a link that are looked up; a URL verdict needs all of its own, so a link with more only loses lookups on parameters past these. */
export const MAX_PARAMS = 32;
const SUFFIX_LABELS_BEFORE_DOMAIN = 3;

/** What a link is matched by: its expressions, its whole path, and its query parameters. */
export type LookupTarget = {
  /** The hosts it is looked up under, its own first. */
  hosts: string[];
  /** The path prefixes it is looked up under, the whole path first. */
  paths: string[];
  /** The path as expressions spell it: no trailing slash, no path parameters ("/" for the root). */
  path: string;
  /** Every query parameter as `name=value`, decoded (`+` is a space); no duplicates. */
  params: string[];
  /** The parameters looked up (at most MAX_PARAMS of them). */
  lookedParams: string[];
  /** `host` + `path` for each host × path prefix, host by host, each host's whole path first (built when read). */
  readonly expressions: string[];
  /** How many expressions each host has: expression i is a whole path when i % pathsPerHost is 0. */
  readonly pathsPerHost: number;
  /** The whole path with each looked-up parameter, for each host: where URL verdicts with parameters are stored. */
  readonly paramExpressions: string[];
};

/** What a verdict is stored under. */
export type BlockPattern = { scope: VerdictScope; expression: string; requiredParams: string[] | null };

/** The path as expressions spell it: `;` parameters cut from every segment, no trailing slash. */
export function expressionPath(canonicalPath: string): string {
  const kept: string[] = [];
  for (const segment of canonicalPath.split("/")) {
    const semicolon = segment.indexOf(";");
    const name = semicolon === -1 ? segment : segment.slice(0, semicolon);
    if (name !== "") kept.push(name);
  }
  return kept.length === 0 ? "/" : `/${kept.join("/")}`;
}

/** Decoded `name=value` pairs of a canonical query (without `?`); empty pieces are no parameter. */
export function queryParams(query: string | null): string[] {
  if (query === null || query === "") return [];
  const params = new Set<string>();
  for (const part of query.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    const name = decodeParam(equals === -1 ? part : part.slice(0, equals));
    if (name === "") continue;
    params.add(`${name}=${decodeParam(equals === -1 ? "" : part.slice(equals + 1))}`);
  }
  return [...params].sort();
}

function decodeParam(text: string): string {
  const spaced = text.includes("+") ? text.replaceAll("+", " ") : text;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // a broken escape stays as written, on both sides of a comparison
  }
}

/** The hosts a link is looked up under, its own first. */
export function hostSuffixes(host: string, registrableDomain: string, isIpLiteral: boolean): string[] {
  if (isIpLiteral) return [host];
  const hosts = [host];
  // `www.example.com` and `example.com` serve one site on the web as people use it.
  if (!host.startsWith("www.")) hosts.push(`www.${host}`);
  if (host !== registrableDomain && host.endsWith(`.${registrableDomain}`)) {
    const front = host.slice(0, host.length - registrableDomain.length - 1).split(".");
    const labels = Math.min(front.length - 1, SUFFIX_LABELS_BEFORE_DOMAIN);
    for (let n = labels; n >= 1; n -= 1) hosts.push(`${front.slice(front.length - n).join(".")}.${registrableDomain}`);
    hosts.push(registrableDomain);
  }
  return hosts;
}

/** The path prefixes a link is looked up under: the whole path, the root, then leading directories. */
export function pathPrefixes(path: string): string[] {
  if (path === "/") return ["/"];
  const segments = path.slice(1).split("/");
  const prefixes = [path, "/"];
  const depth = Math.min(segments.length - 1, MAX_PATH_DEPTH);
  for (let n = 1; n <= depth; n += 1) prefixes.push(`/${segments.slice(0, n).join("/")}`);
  return prefixes;
}

/** A link's lookup target; the expression strings are built only when read. */
class Target implements LookupTarget {
  private builtExpressions: string[] | null = null;
  private builtParamExpressions: string[] | null = null;

  constructor(
    readonly hosts: string[],
    readonly paths: string[],
    readonly path: string,
    readonly params: string[],
    readonly lookedParams: string[],
  ) {}

  get pathsPerHost(): number {
    return this.paths.length;
  }

  get expressions(): string[] {
    return (this.builtExpressions ??= this.hosts.flatMap((host) => this.paths.map((prefix) => host + prefix)));
  }

  get paramExpressions(): string[] {
    return (this.builtParamExpressions ??= this.hosts.flatMap((host) => this.lookedParams.map((param) => `${host}${this.path}?${param}`)));
  }
}

export function lookupTarget(link: CanonicalLink): LookupTarget {
  const path = expressionPath(link.path);
  const params = queryParams(link.query);
  const lookedParams = params.length > MAX_PARAMS ? params.slice(0, MAX_PARAMS) : params;
  // The memory index hashes hosts and paths as they are; only the database and mirrors need the strings.
  return new Target(hostSuffixes(link.host, link.registrableDomain, link.isIpLiteral), pathPrefixes(path), path, params, lookedParams);
}

/** The directories a path scope can be set on for this link, shallowest first (empty for the root). */
export function pathScopeChoices(link: CanonicalLink): string[] {
  const path = expressionPath(link.path);
  if (path === "/") return [];
  const segments = path.slice(1).split("/");
  const choices: string[] = [];
  for (let n = 1; n <= Math.min(segments.length, MAX_PATH_DEPTH); n += 1) choices.push(`/${segments.slice(0, n).join("/")}`);
  return choices;
}

export type ScopeChoice = { scope: "url" } | { scope: "path"; path: string } | { scope: "host" } | { scope: "domain" };

/** The pattern a verdict of this scope on this link is stored under; null for a path the link does not have. */
export function blockPattern(link: CanonicalLink, choice: ScopeChoice): BlockPattern | null {
  switch (choice.scope) {
    case "url": {
      const requiredParams = queryParams(link.query);
      const path = link.host + expressionPath(link.path);
      return { scope: "url", expression: requiredParams.length > 0 ? `${path}?${requiredParams[0]}` : path, requiredParams };
    }
    case "path":
      return pathScopeChoices(link).includes(choice.path) ? { scope: "path", expression: link.host + choice.path, requiredParams: null } : null;
    case "host":
      return { scope: "host", expression: `${link.host}/`, requiredParams: null };
    case "domain":
      return { scope: "domain", expression: `${link.registrableDomain}/`, requiredParams: null };
  }
}

/** The path part of an expression: from its first `/` (a bracketed IPv6 host has none) to a `?`. */
export function patternPath(expression: string): string {
  const query = expression.indexOf("?");
  return expression.slice(expression.indexOf("/"), query === -1 ? undefined : query);
}

/** Every expression a link is looked up by. */
export function allExpressions(target: LookupTarget): string[] {
  return target.paramExpressions.length === 0 ? target.expressions : [...target.expressions, ...target.paramExpressions];
}

/**
 * Whether a verdict stored under `pattern` holds for the target, given that one of the target's
 * expressions (allExpressions) equals the pattern's expression.
 */
export function holdsFor(pattern: BlockPattern, target: LookupTarget): boolean {
  if (pattern.scope !== "url") return !pattern.expression.includes("?");
  if (patternPath(pattern.expression) !== target.path) return false;
  return (pattern.requiredParams ?? []).every((param) => target.params.includes(param));
}

/** SHA-256 hex of an expression: the key the change feed and the hash-prefix lookups publish. */
export function expressionKey(expression: string): string {
  return createHash("sha256").update(expression).digest("hex");
}
