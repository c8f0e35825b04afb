// What changed between two rulebook versions, per category and field, for the side-by-side view,
// the "changed" marks of the draft editor and the list of changed categories in the audit trail.
import type { Db } from "@/lib/db";
import type { Tx } from "@/lib/audit/record";
import { type RuleContent, type RuleVersionRow, ruleContent, ruleVersionByNumber, rulesOf } from "./versions";

export const diffFields = ["principle", "severity", "ladder", "allowsDomainBlock", "domainBlockThreshold", "reasonEn", "reasonZh"] as const;
export type DiffField = (typeof diffFields)[number];

export type CategoryDiff = {
  category: string;
  /** The fields that differ; every field when the category has a rule in only one version. */
  fields: DiffField[];
  /** null: the version has no rule for this category. */
  from: RuleContent | null;
  to: RuleContent | null;
};

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The categories whose rule differs, in the order of `to` then categories only `from` has. */
export function diffRules(from: readonly RuleContent[], to: readonly RuleContent[]): CategoryDiff[] {
  const before = new Map(from.map((rule) => [rule.category, ruleContent(rule)]));
  const after = new Map(to.map((rule) => [rule.category, ruleContent(rule)]));
  const codes = [...after.keys(), ...[...before.keys()].filter((code) => !after.has(code))];
  const changes: CategoryDiff[] = [];
  for (const category of codes) {
    const old = before.get(category) ?? null;
    const current = after.get(category) ?? null;
    const fields = !old || !current ? [...diffFields] : diffFields.filter((field) => !sameValue(old[field], current[field]));
    if (fields.length > 0) changes.push({ category, fields, from: old, to: current });
  }
  return changes;
}

type VersionSide = Pick<RuleVersionRow, "version" | "status" | "summary" | "repeatWindowDays" | "publishedAt" | "createdAt">;

export type VersionDiff =
  | { ok: true; from: VersionSide; to: VersionSide; repeatWindowChanged: boolean; categories: CategoryDiff[] }
  /** The version numbers that do not exist (or that the viewer may not see). */
  | { ok: false; missing: number[] };

/**
 * The differences from version `a` to version `b` (by version number). Drafts count as missing
 * unless `includeDraft`: only managers see a draft.
 */
export function diffVersions(db: Db | Tx, a: number, b: number, options: { includeDraft?: boolean } = {}): VersionDiff {
  const visible = (version: number) => {
    const row = ruleVersionByNumber(db, version);
    return row && (row.status === "published" || options.includeDraft) ? row : undefined;
  };
  const from = visible(a);
  const to = visible(b);
  if (!from || !to) return { ok: false, missing: [...new Set([from ? null : a, to ? null : b].filter((v) => v !== null))] };
  const side = (row: RuleVersionRow): VersionSide => ({
    version: row.version,
    status: row.status,
    summary: row.summary,
    repeatWindowDays: row.repeatWindowDays,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
  });
  return {
    ok: true,
    from: side(from),
    to: side(to),
    repeatWindowChanged: from.repeatWindowDays !== to.repeatWindowDays,
    categories: diffRules(rulesOf(db, from.id), rulesOf(db, to.id)),
  };
}
