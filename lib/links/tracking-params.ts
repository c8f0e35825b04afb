// Tracking parameters: which query parameters only say who shared a link, from which app or for
// which campaign. The list is data (tracking-params.json), checked here once at import so that a
// bad edit fails every test and the server's start instead of silently stripping the wrong thing.

import { z } from "zod";
import rawRules from "./tracking-params.json" with { type: "json" };
import { decodeComponentLoosely } from "./percent-encoding";

const paramName = z.string().min(1).max(100).regex(/^[^\s&=#%]+$/, "a parameter name without spaces, &, =, # or %");
const domain = z.string().regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,63}$/, "a lower-case registrable domain");

const rule = z.union([
  z.strictObject({
    exact: z.array(paramName).min(1),
    // When present, the parameter is tracking only with one of these values.
    onlyValues: z.array(z.string().min(1)).min(1).optional(),
    note: z.string().min(1),
  }),
  z.strictObject({ prefix: z.array(paramName).min(1), note: z.string().min(1) }),
]);

/** The shape of tracking-params.json (exported for its tests). */
export const trackingRuleFile = z
  .strictObject({
    $comment: z.string(),
    global: z.array(rule).min(1),
    platforms: z.array(
      z.strictObject({ platform: z.string().min(1), registrableDomains: z.array(domain).min(1), rules: z.array(rule).min(1) }),
    ),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const platform of file.platforms) {
      for (const d of platform.registrableDomains) {
        if (seen.has(d)) ctx.addIssue({ code: "custom", message: `${d} has rules in two places`, path: ["platforms"] });
        seen.add(d);
      }
    }
  });

type Rule = z.infer<typeof rule>;

/** The compiled rules for one registrable domain: the global ones plus its platform's. */
export type TrackingRules = {
  /** Exact names; the value set, when present, restricts which values count as tracking. */
  readonly exact: ReadonlyMap<string, ReadonlySet<string> | null>;
  readonly prefixes: readonly string[];
};

function compile(rules: readonly Rule[], base?: TrackingRules): TrackingRules {
  const exact = new Map(base?.exact ?? []);
  const prefixes = [...(base?.prefixes ?? [])];
  for (const r of rules) {
    if ("prefix" in r) {
      prefixes.push(...r.prefix);
      continue;
    }
    for (const name of r.exact) {
      // A platform rule without a value restriction widens a global one with a restriction
      // (Weibo's `from` is always tracking; elsewhere only some values are).
      exact.set(name, r.onlyValues === undefined ? null : new Set(r.onlyValues));
    }
  }
  return { exact, prefixes };
}

const parsed = trackingRuleFile.parse(rawRules);
const globalRules = compile(parsed.global);
const rulesByDomain = new Map<string, TrackingRules>();
for (const platform of parsed.platforms) {
  const compiled = compile(platform.rules, globalRules);
  for (const d of platform.registrableDomains) rulesByDomain.set(d, compiled);
}

/** The rules that apply to links under a registrable domain (the global ones for any other). */
export function trackingRulesFor(registrableDomain: string): TrackingRules {
  return rulesByDomain.get(registrableDomain) ?? globalRules;
}

function isTrackingParam(rules: TrackingRules, name: string, value: string): boolean {
  const values = rules.exact.get(name);
  if (values === null) return true;
  if (values !== undefined) return values.has(decodeComponentLoosely(value));
  return rules.prefixes.some((prefix) => name.startsWith(prefix));
}

export type StrippedQuery = {
  /** The remaining query without `?`; null when every parameter was removed. */
  query: string | null;
  /** Names of the removed parameters, in the order they appeared (repeated names repeat). */
  stripped: string[];
};

/**
 * Removes tracking parameters from a query (without the `?`), keeping every other parameter, the
 * order and the exact encoding. Parameters are split on `&` only and left byte for byte.
 */
export function stripTrackingParams(query: string, rules: TrackingRules): StrippedQuery {
  const parts = query.split("&");
  const kept: string[] = [];
  const stripped: string[] = [];
  for (const part of parts) {
    const equals = part.indexOf("=");
    const rawName = equals === -1 ? part : part.slice(0, equals);
    const name = decodeComponentLoosely(rawName);
    if (name !== "" && isTrackingParam(rules, name, equals === -1 ? "" : part.slice(equals + 1))) {
      stripped.push(name);
    } else {
      kept.push(part);
    }
  }
  if (stripped.length === 0) return { query, stripped };
  // Empty pieces (`a=1&&b=2`) are kept as written, but they alone are no query.
  const remaining = kept.join("&");
  return { query: kept.some((part) => part !== "") ? remaining : null, stripped };
}
