// The decision log: every decision with its case, link, platform, rule and later undo, reversal or
// appeal, and its rectification notice. One SQL text serves the page (newest first, keyset) and the
// export (oldest first, streamed). The export's columns are enough to recompute every rating
// snapshot without the database (docs/ratings.md, docs/exports.md).
import type Database from "better-sqlite3";
import type { CellKind } from "@/lib/exports/csv";
import { type DecisionFilters, dayAfterIso, dayStartIso } from "./filters";

/** Column name, SQL expression and CSV kind, in file order. */
export const decisionColumns = [
  ["decision_id", "d.id", "number"],
  ["case_id", "d.case_id", "number"],
  ["link_id", "l.id", "number"],
  ["canonical_url", "l.canonical_url", "text"],
  ["host", "l.host", "text"],
  ["registrable_domain", "l.registrable_domain", "text"],
  ["platform_id", "p.id", "number"],
  ["platform_slug", "p.slug", "text"],
  ["platform_is_independent", "p.is_independent", "number"],
  ["outcome", "d.outcome", "text"],
  ["category", "d.category", "text"],
  ["principle", "d.principle", "text"],
  ["severity", "d.severity", "text"],
  ["level", "d.level", "text"],
  ["scope", "d.scope", "text"],
  ["provider_sanction", "d.provider_sanction", "number"],
  ["duration_hours", "d.duration_hours", "number"],
  ["recommended_level", "d.recommended_level", "text"],
  ["offence_number", "d.offence_number", "number"],
  ["rule_version", "rv.version", "number"],
  ["decided_at", "d.created_at", "text"],
  ["decider_id", "d.decider_id", "number"],
  ["decider_email", "u.email", "text"],
  ["rationale", "d.rationale", "text"],
  ["public_note", "d.public_note", "text"],
  ["reversed_at", "d.reversed_at", "text"],
  ["reversal_kind", "d.reversal_kind", "text"],
  ["reversed_by", "d.reversed_by", "number"],
  ["reversal_reason", "d.reversal_reason", "text"],
  ["notice_id", "n.id", "number"],
  ["notice_sent_at", "n.sent_at", "text"],
  ["notice_deadline_at", "n.deadline_at", "text"],
  ["notice_answered_at", "n.answered_at", "text"],
] as const satisfies readonly (readonly [string, string, CellKind])[];

export type DecisionColumn = (typeof decisionColumns)[number][0];

const FROM = `
  from decisions d
  join cases c on c.id = d.case_id
  join links l on l.id = c.link_id
  left join platforms p on p.id = l.platform_id
  join rule_versions rv on rv.id = d.rule_version_id
  join users u on u.id = d.decider_id
  left join rectification_notices n on n.id = (select min(id) from rectification_notices where decision_id = d.id)`;

export function decisionWhere(f: DecisionFilters): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    parts.push(clause);
    params.push(...values);
  };
  if (f.from) add("d.created_at >= ?", dayStartIso(f.from));
  if (f.to) add("d.created_at < ?", dayAfterIso(f.to));
  if (f.platform) add("p.slug = ?", f.platform);
  if (f.category) add("d.category = ?", f.category);
  if (f.principle) add("d.principle = ?", f.principle);
  if (f.level) add("d.level = ?", f.level);
  if (f.outcome) add("d.outcome = ?", f.outcome);
  if (f.decider) add("d.decider_id = ?", f.decider);
  if (f.ruleVersion) add("rv.version = ?", f.ruleVersion);
  if (f.caseId) add("d.case_id = ?", f.caseId);
  return { sql: parts.length ? `where ${parts.join(" and ")}` : "", params };
}

/** The export's query: every column, oldest first. Run it with `.raw().iterate()`. */
export function decisionExportQuery(f: DecisionFilters): { sql: string; countSql: string; params: unknown[] } {
  const where = decisionWhere(f);
  const select = decisionColumns.map(([name, expr]) => `${expr} as ${name}`).join(", ");
  return {
    sql: `select ${select} ${FROM} ${where.sql} order by d.created_at, d.id`,
    countSql: `select count(*) as n ${FROM} ${where.sql}`,
    params: where.params,
  };
}

export type DecisionLogRow = {
  decisionId: number;
  caseId: number;
  canonicalUrl: string;
  platformSlug: string | null;
  platformName: string | null;
  platformNameZh: string | null;
  outcome: string;
  category: string | null;
  principle: string | null;
  level: string;
  durationHours: number | null;
  ruleVersion: number;
  decidedAt: string;
  deciderId: number;
  deciderName: string;
  rationale: string | null;
  reversedAt: string | null;
  reversalKind: string | null;
  reversedByName: string | null;
  reversalReason: string | null;
};

export const DECISIONS_PAGE_SIZE = 50;

/** A position in the newest-first list: the last row shown. */
export type DecisionCursor = { at: string; id: number };

export const encodeCursor = (c: DecisionCursor) => `${c.at}~${c.id}`;
export function decodeCursor(text: string | undefined): DecisionCursor | null {
  const m = text ? /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~([1-9]\d*)$/.exec(text) : null;
  return m ? { at: m[1]!, id: Number(m[2]) } : null;
}

/** One page of the log, newest first, after `cursor`. */
export function decisionLogPage(sqlite: Database.Database, f: DecisionFilters, cursor: DecisionCursor | null, limit = DECISIONS_PAGE_SIZE) {
  const where = decisionWhere(f);
  const keyset = cursor ? `${where.sql ? `${where.sql} and` : "where"} (d.created_at < ? or (d.created_at = ? and d.id < ?))` : where.sql;
  const params = cursor ? [...where.params, cursor.at, cursor.at, cursor.id] : where.params;
  const rows = sqlite
    .prepare(
      `select d.id as decisionId, d.case_id as caseId, l.canonical_url as canonicalUrl, p.slug as platformSlug,
              p.name as platformName, p.name_zh as platformNameZh, d.outcome, d.category, d.principle, d.level,
              d.duration_hours as durationHours, rv.version as ruleVersion, d.created_at as decidedAt,
              d.decider_id as deciderId, u.name as deciderName, d.rationale, d.reversed_at as reversedAt,
              d.reversal_kind as reversalKind, rb.name as reversedByName, d.reversal_reason as reversalReason
         ${FROM}
         left join users rb on rb.id = d.reversed_by
         ${keyset}
        order by d.created_at desc, d.id desc
        limit ?`,
    )
    .all(...params, limit + 1) as DecisionLogRow[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? encodeCursor({ at: last.decidedAt, id: last.decisionId }) : null };
}

/** The choices of the page's filter menus. */
export function decisionFilterChoices(sqlite: Database.Database) {
  return {
    platforms: sqlite.prepare("select slug, name, name_zh as nameZh from platforms order by name").all() as { slug: string; name: string; nameZh: string }[],
    deciders: sqlite
      .prepare("select id, name from users where id in (select distinct decider_id from decisions) order by name")
      .all() as { id: number; name: string }[],
    ruleVersions: sqlite.prepare("select version from rule_versions where status = 'published' order by version desc").all() as { version: number }[],
  };
}
