// The filters of the decision log and the audit trail, read from a URL's query string. The pages and
// the exports (GET /api/export/decisions|events) read them with the same functions, so a "Download"
// link with the page's query string exports exactly the rows the page lists. Dates are UTC calendar
// days (YYYY-MM-DD), both ends included, like the rating snapshots: an export reads the same
// anywhere. Problems are English sentences: the exports answer them as a 400 body.
import { categoryCodes } from "@/lib/rules/categories";
import { levels, outcomes } from "@/db/schema";

export type DecisionFilters = {
  from?: string;
  to?: string;
  platform?: string;
  category?: string;
  principle?: string;
  level?: string;
  outcome?: string;
  decider?: number;
  ruleVersion?: number;
  caseId?: number;
};

export type EventFilters = {
  from?: string;
  to?: string;
  /** A staff member's id, or "system" for events without an actor. */
  actor?: number | "system";
  /** An exact action ("decision.recorded") or a family ending in a dot ("decision."). */
  action?: string;
  targetType?: string;
  targetId?: string;
};

export type Parsed<F> = { ok: true; filters: F } | { ok: false; problems: string[] };

export const decisionFilterNames = ["from", "to", "platform", "category", "principle", "level", "outcome", "decider", "ruleVersion", "case"] as const;
export const eventFilterNames = ["from", "to", "actor", "action", "target"] as const;
export const principleValues = ["P1", "P2", "P3", "P4", "P1-P3"] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that is a real calendar day, or null. */
export function parseDay(text: string): string | null {
  if (!DAY.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00.000Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text ? text : null;
}

/** The first instant of a UTC day, and of the day after it: a range [from, to] is [start(from), after(to)). */
export const dayStartIso = (day: string) => `${day}T00:00:00.000Z`;
export const dayAfterIso = (day: string) => new Date(Date.parse(dayStartIso(day)) + 86_400_000).toISOString();

type Reader = {
  problems: string[];
  one: (name: string) => string | undefined;
};

function reader(params: URLSearchParams, known: readonly string[]): Reader {
  const problems: string[] = [];
  for (const name of new Set(params.keys())) {
    if (!known.includes(name)) problems.push(`unknown filter "${name}"; known: ${known.join(", ")}`);
    else if (params.getAll(name).length > 1) problems.push(`"${name}" is given more than once`);
  }
  return {
    problems,
    one: (name) => {
      const v = params.get(name);
      return v === null || v.trim() === "" ? undefined : v.trim();
    },
  };
}

function readRange(r: Reader): { from?: string; to?: string } {
  const rawFrom = r.one("from");
  const rawTo = r.one("to");
  const from = rawFrom === undefined ? undefined : parseDay(rawFrom);
  const to = rawTo === undefined ? undefined : parseDay(rawTo);
  if (from === null) r.problems.push(`"from" must be a day written YYYY-MM-DD, got "${rawFrom}"`);
  if (to === null) r.problems.push(`"to" must be a day written YYYY-MM-DD, got "${rawTo}"`);
  if (from && to && from > to) r.problems.push(`the range is reversed: "from" ${from} is after "to" ${to}`);
  return { from: from ?? undefined, to: to ?? undefined };
}

function readId(r: Reader, name: string): number | undefined {
  const raw = r.one(name);
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,14}$/.test(raw)) {
    r.problems.push(`"${name}" must be a positive whole number, got "${raw}"`);
    return undefined;
  }
  return Number(raw);
}

function readChoice(r: Reader, name: string, allowed: readonly string[]): string | undefined {
  const raw = r.one(name);
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw)) {
    r.problems.push(`"${name}" must be one of ${allowed.join(", ")}, got "${raw}"`);
    return undefined;
  }
  return raw;
}

/** The decision log's filters; `extra` names further parameters the caller reads itself (format, after). */
export function parseDecisionFilters(params: URLSearchParams, extra: readonly string[] = []): Parsed<DecisionFilters> {
  const r = reader(params, [...decisionFilterNames, ...extra]);
  const filters: DecisionFilters = { ...readRange(r) };
  const platform = r.one("platform");
  if (platform !== undefined) {
    if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(platform)) filters.platform = platform;
    else r.problems.push(`"platform" must be a platform slug (lower-case letters, digits and dashes), got "${platform}"`);
  }
  filters.category = readChoice(r, "category", categoryCodes);
  filters.principle = readChoice(r, "principle", principleValues);
  filters.level = readChoice(r, "level", levels);
  filters.outcome = readChoice(r, "outcome", outcomes);
  filters.decider = readId(r, "decider");
  filters.ruleVersion = readId(r, "ruleVersion");
  filters.caseId = readId(r, "case");
  return r.problems.length > 0 ? { ok: false, problems: r.problems } : { ok: true, filters: compact(filters) };
}

/** The audit trail's filters. `target` is "type" or "type:id" ("case:12" also brings the case's decisions, verdicts, notices and reports). */
export function parseEventFilters(params: URLSearchParams, extra: readonly string[] = []): Parsed<EventFilters> {
  const r = reader(params, [...eventFilterNames, ...extra]);
  const filters: EventFilters = { ...readRange(r) };
  const actor = r.one("actor");
  if (actor !== undefined) {
    if (actor === "system") filters.actor = "system";
    else if (/^[1-9]\d{0,14}$/.test(actor)) filters.actor = Number(actor);
    else r.problems.push(`"actor" must be a staff member's id or "system", got "${actor}"`);
  }
  const action = r.one("action");
  if (action !== undefined) {
    if (/^[a-z_]+(\.[a-z_]*)*$/.test(action) && action.length <= 64) filters.action = action;
    else r.problems.push(`"action" must be an action such as decision.recorded, or a family such as decision., got "${action}"`);
  }
  const target = r.one("target");
  if (target !== undefined) {
    const m = /^([a-z_]{1,32})(?::([A-Za-z0-9_.-]{1,64}))?$/.exec(target);
    if (m) {
      filters.targetType = m[1];
      filters.targetId = m[2];
    } else r.problems.push(`"target" must be a type or type:id such as case:12, got "${target}"`);
  }
  return r.problems.length > 0 ? { ok: false, problems: r.problems } : { ok: true, filters: compact(filters) };
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The query string of a set of filters (for links: the next page, downloads, a case's history). */
export function filterQuery(filters: DecisionFilters | EventFilters, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (key === "caseId") q.set("case", String(value));
    else if (key === "targetType") q.set("target", (filters as EventFilters).targetId ? `${value}:${(filters as EventFilters).targetId}` : String(value));
    else if (key === "targetId") continue;
    else q.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) q.set(key, value);
  const text = q.toString();
  return text ? `?${text}` : "";
}

/** A name for the range in file names: "2026-11-01_to_2026-11-30", "from_2026-11-01", "all". */
export function rangeName(filters: { from?: string; to?: string }): string {
  if (filters.from && filters.to) return `${filters.from}_to_${filters.to}`;
  if (filters.from) return `from_${filters.from}`;
  if (filters.to) return `until_${filters.to}`;
  return "all";
}
