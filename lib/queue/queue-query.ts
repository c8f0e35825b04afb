// The triage queue as SQL: one tab, its filters, a keyset page sorted by priority desc then id desc.
// Each status is read on its own so that every read walks cases_queue_idx (status, priority, id) in
// order and stops after one page; tabs that span two statuses merge the two pages (docs/performance.md).
import { type SQL, sql } from "drizzle-orm";
import type { CaseStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";
import { canonicalize } from "@/lib/links/canonicalize";
import { registrableDomainOf } from "@/lib/links/registrable-domain";
import { categories } from "@/lib/rules/categories";
import { HOUR_MS } from "@/lib/time/now";
import { SLA_HOURS } from "./priority";
import type { QueueCursor, QueueSearch, QueueTab } from "./queue-search";

export const QUEUE_PAGE_SIZE = 50;
/** Tab counts stop here ("1,000+"): counting further would read every open case on each refresh. */
export const COUNT_CAP = 1_000;

export type QueueRow = {
  id: number;
  status: CaseStatus;
  claimedCategory: string;
  priority: number;
  /** JSON of the score's parts when `priority` was computed (StoredPriority); null before the first scoring. */
  priorityParts: string | null;
  version: number;
  assigneeId: number | null;
  assigneeName: string | null;
  leaseExpiresAt: string | null;
  reportCount: number;
  openedAt: string;
  reopenedAt: string | null;
  lastReportAt: string;
  decidedAt: string | null;
  canonicalUrl: string;
  registrableDomain: string;
  platformId: number | null;
};

export type QueuePage = { rows: QueueRow[]; nextCursor: QueueCursor | null };

const criticalCodes = categories.filter((c) => c.severity === "critical").map((c) => c.code);

export const tabStatuses: Record<QueueTab, CaseStatus[]> = {
  new: ["open"],
  mine: ["open", "escalated"],
  escalated: ["escalated"],
  after_decision: ["decided", "closed"],
  all: ["open", "escalated"],
};

const inList = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** Who holds a lease that is still running. */
const leaseActive = (now: string) => sql`c.assignee_id is not null and c.lease_expires_at > ${now}`;

function tabCondition(tab: QueueTab, actor: Actor, now: string): SQL | null {
  switch (tab) {
    case "new":
      return sql`not (${leaseActive(now)})`;
    case "mine":
      return sql`c.assignee_id = ${actor.id} and c.lease_expires_at > ${now}`;
    case "after_decision":
      // Starts from the few reports filed after a decision (reports_after_decision_idx, partial), not
      // from every decided case: a year of decisions is a million of them.
      return sql`c.id in (select case_id from reports where after_decision = 1)
        and exists (select 1 from reports r where r.case_id = c.id and r.after_decision = 1 and r.created_at >= c.decided_at)`;
    default:
      return null;
  }
}

/** How the text box matches: an exact canonical URL, a domain (and its subdomains), or part of a URL. */
function textCondition(q: string): SQL {
  const lowered = q.toLowerCase();
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(lowered)) {
    const domain = registrableDomainOf(lowered, false);
    // Driven by links_domain_idx; a subdomain narrows to its host and the hosts below it.
    if (domain === lowered) return sql`l.registrable_domain = ${domain}`;
    return sql`l.registrable_domain = ${domain} and (l.host = ${lowered} or l.host like ${`%.${escapeLike(lowered)}`} escape '\\')`;
  }
  if (/^https?:\/\//i.test(q)) {
    const canonical = canonicalize(q);
    if (canonical.ok) return sql`l.canonical_url = ${canonical.link.canonicalUrl}`;
  }
  return sql`l.canonical_url like ${`%${escapeLike(q)}%`} escape '\\'`;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** The SLA-breach test of priority.ts in SQL: the case's most severe claimed category sets the target. */
function breachedCondition(now: string): SQL {
  const nowMs = Date.parse(now);
  const critical = new Date(nowMs - SLA_HOURS.critical * HOUR_MS).toISOString();
  const other = new Date(nowMs - SLA_HOURS.other * HOUR_MS).toISOString();
  const codes = inList(criticalCodes);
  return sql`(coalesce(c.reopened_at, c.opened_at) <= ${other} or (coalesce(c.reopened_at, c.opened_at) <= ${critical}
    and (c.claimed_category in (${codes}) or exists (select 1 from reports r where r.case_id = c.id and r.category in (${codes})))))`;
}

/** The WHERE conditions of a view (exported for the benchmark's raw-SQL comparison). */
export function filterConditions(search: QueueSearch, actor: Actor, now: string): SQL[] {
  const where: SQL[] = [];
  const tab = tabCondition(search.tab, actor, now);
  if (tab) where.push(tab);
  if (search.category) where.push(sql`c.claimed_category = ${search.category}`);
  if (search.principle) {
    const codes = categories.filter((c) => c.principle === search.principle || c.principle === "P1-P3").map((c) => c.code);
    where.push(sql`c.claimed_category in (${inList(codes)})`);
  }
  if (search.platform) where.push(sql`l.platform_id = ${search.platform}`);
  if (search.scene) where.push(sql`exists (select 1 from reports r where r.case_id = c.id and r.scene = ${search.scene})`);
  if (search.assignee) {
    const assignee = search.assignee === "me" ? actor.id : search.assignee;
    where.push(sql`c.assignee_id = ${assignee} and c.lease_expires_at > ${now}`);
  }
  if (search.breached) where.push(breachedCondition(now));
  if (search.q) where.push(textCondition(search.q));
  return where;
}

const and = (conditions: SQL[]) => (conditions.length === 0 ? sql`1` : sql.join(conditions, sql` and `));

const rowColumns = sql`c.id as id, c.status as status, c.claimed_category as claimedCategory, c.priority as priority, c.priority_parts as priorityParts,
  c.version as version, c.assignee_id as assigneeId, u.name as assigneeName, c.lease_expires_at as leaseExpiresAt,
  c.report_count as reportCount, c.opened_at as openedAt, c.reopened_at as reopenedAt, c.last_report_at as lastReportAt,
  c.decided_at as decidedAt, l.canonical_url as canonicalUrl, l.registrable_domain as registrableDomain, l.platform_id as platformId`;

/** The SELECT for one status; exported for EXPLAIN QUERY PLAN in the tests and the benchmark. */
export function queueStatusQuery(status: CaseStatus, where: SQL[], after: QueueCursor | undefined, limit: number): SQL {
  const conditions = [sql`c.status = ${status}`, ...where];
  // A row value comparison is a range on (priority, id) within the status: SQLite seeks to it.
  if (after) conditions.push(sql`(c.priority, c.id) < (${after.priority}, ${after.id})`);
  return sql`select ${rowColumns} from cases c join links l on l.id = c.link_id left join users u on u.id = c.assignee_id
    where ${and(conditions)} order by c.priority desc, c.id desc limit ${limit}`;
}

const before = (a: QueueRow, b: QueueRow) => (a.priority !== b.priority ? b.priority - a.priority : b.id - a.id);

function readPage(db: Db, statuses: CaseStatus[], where: SQL[], after: QueueCursor | undefined, size: number): QueuePage {
  const merged = statuses
    .flatMap((status) => db.all<QueueRow>(queueStatusQuery(status, where, after, size + 1)))
    .sort(before)
    .slice(0, size + 1);
  const rows = merged.slice(0, size);
  const last = rows.at(-1);
  return { rows, nextCursor: merged.length > size && last ? { priority: last.priority, id: last.id } : null };
}

/** One page of the queue as the URL describes it. */
export function queuePage(db: Db, actor: Actor, search: QueueSearch, now: string, size = QUEUE_PAGE_SIZE): QueuePage {
  return readPage(db, tabStatuses[search.tab], filterConditions(search, actor, now), search.after, size);
}

export type TabCounts = Record<QueueTab, { count: number; capped: boolean }>;

/** How many cases each tab holds under the current filters, counted up to COUNT_CAP. */
export function queueCounts(db: Db, actor: Actor, search: QueueSearch, now: string): TabCounts {
  const out = {} as TabCounts;
  for (const tab of Object.keys(tabStatuses) as QueueTab[]) {
    const where = filterConditions({ ...search, tab }, actor, now);
    // One capped count per status, as the page reads them: a count over two statuses at once would
    // not stop early. No ORDER BY: any index that finds COUNT_CAP + 1 matching cases will do.
    const n = tabStatuses[tab].reduce((sum, status) => sum + db.get<{ n: number }>(cappedCountQuery(status, where)).n, 0);
    out[tab] = { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
  }
  return out;
}

/** The count of one status under a view's conditions, stopping after COUNT_CAP + 1; exported for EXPLAIN. */
export function cappedCountQuery(status: CaseStatus, where: SQL[]): SQL {
  return sql`select count(*) as n from (select 1 from cases c join links l on l.id = c.link_id
    where ${and([sql`c.status = ${status}`, ...where])} limit ${COUNT_CAP + 1})`;
}

/**
 * The next case a moderator can decide in this view after `afterCaseId`, in the view's order: open
 * or escalated, not leased to someone else. Null when the view holds no further case.
 */
export function nextDecidableCase(db: Db, actor: Actor, search: QueueSearch, afterCaseId: number, now: string): number | null {
  const anchor = db.get<{ priority: number } | undefined>(sql`select priority from cases where id = ${afterCaseId}`);
  const after = anchor ? { priority: anchor.priority, id: afterCaseId } : undefined;
  const where = [
    ...filterConditions(search, actor, now),
    sql`(c.assignee_id is null or c.assignee_id = ${actor.id} or c.lease_expires_at is null or c.lease_expires_at <= ${now})`,
  ];
  const statuses = tabStatuses[search.tab].filter((s) => s === "open" || s === "escalated");
  const page = readPage(db, statuses.length > 0 ? statuses : ["open"], where, after, 1);
  return page.rows[0]?.id ?? null;
}
