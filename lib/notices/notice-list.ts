// Reading rectification notices: the console's list (any platform, sorted by deadline), the client
// API's list (one platform, in the order they were sent) and the counts per state. Every list is
// keyset-paginated; the state of a notice depends on the time, so each query takes `now`.
import { type SQL, and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { apiClients, cases, decisions, links, platforms, rectificationNotices as n, users } from "@/db/schema";
import type { Db } from "@/lib/db";
import { type NoticeFilter, type NoticeState, noticeState } from "./notice-state";

export const NOTICES_PAGE_SIZE = 50;

/** Where the console's list continues: the last row's deadline and id. */
export type NoticeCursor = { deadlineAt: string; id: number };

const answeringUser = alias(users, "answering_user");
const answeringClient = alias(apiClients, "answering_client");

function stateCondition(filter: NoticeFilter, now: string): SQL | undefined {
  switch (filter) {
    case "open":
      return and(isNull(n.answeredAt), gte(n.deadlineAt, now));
    case "overdue":
      return and(isNull(n.answeredAt), lt(n.deadlineAt, now));
    case "unanswered":
      return isNull(n.answeredAt);
    case "answered":
      return isNotNull(n.answeredAt);
    case "answered_on_time":
      return and(isNotNull(n.answeredAt), lte(n.answeredAt, n.deadlineAt));
    case "answered_late":
      return and(isNotNull(n.answeredAt), gt(n.answeredAt, n.deadlineAt));
  }
}

/** Unanswered notices come soonest deadline first (the most overdue on top); the rest latest first. */
export function ascendingFor(filter: NoticeFilter | undefined): boolean {
  return filter === "open" || filter === "overdue" || filter === "unanswered";
}

function noticeRows(db: Db) {
  return db
    .select({
      id: n.id,
      platformId: n.platformId,
      platformName: platforms.name,
      platformNameZh: platforms.nameZh,
      caseId: n.caseId,
      canonicalUrl: links.canonicalUrl,
      registrableDomain: links.registrableDomain,
      decisionId: n.decisionId,
      category: decisions.category,
      level: decisions.level,
      severity: decisions.severity,
      sentAt: n.sentAt,
      deadlineAt: n.deadlineAt,
      answeredAt: n.answeredAt,
      answer: n.answer,
      answeredByUserName: answeringUser.name,
      answeredByClientName: answeringClient.name,
    })
    .from(n)
    .innerJoin(platforms, eq(platforms.id, n.platformId))
    .innerJoin(decisions, eq(decisions.id, n.decisionId))
    .innerJoin(cases, eq(cases.id, n.caseId))
    .innerJoin(links, eq(links.id, cases.linkId))
    .leftJoin(answeringUser, eq(answeringUser.id, n.answeredByUserId))
    .leftJoin(answeringClient, eq(answeringClient.id, n.answeredByClientId));
}

type Row = Awaited<ReturnType<ReturnType<typeof noticeRows>["all"]>>[number];
export type NoticeRow = Row & { state: NoticeState };

const withState = (now: string) => (row: Row): NoticeRow => ({ ...row, state: noticeState(row, now) });

export type NoticeListQuery = {
  platformId?: number;
  filter?: NoticeFilter;
  after?: NoticeCursor;
  limit?: number;
  now?: Date;
};

/** The console's list: filtered by platform and state, sorted by deadline (see `ascendingFor`). */
export function noticeList(db: Db, query: NoticeListQuery = {}) {
  const now = (query.now ?? new Date()).toISOString();
  const limit = query.limit ?? NOTICES_PAGE_SIZE;
  const ascending = ascendingFor(query.filter);
  const { after } = query;
  const continues = after
    ? ascending
      ? or(gt(n.deadlineAt, after.deadlineAt), and(eq(n.deadlineAt, after.deadlineAt), gt(n.id, after.id)))
      : or(lt(n.deadlineAt, after.deadlineAt), and(eq(n.deadlineAt, after.deadlineAt), lt(n.id, after.id)))
    : undefined;
  const rows = noticeRows(db)
    .where(
      and(
        isNull(n.withdrawnAt),
        query.platformId === undefined ? undefined : eq(n.platformId, query.platformId),
        query.filter ? stateCondition(query.filter, now) : undefined,
        continues,
      ),
    )
    .orderBy(...(ascending ? [asc(n.deadlineAt), asc(n.id)] : [desc(n.deadlineAt), desc(n.id)]))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit).map(withState(now));
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? ({ deadlineAt: last.deadlineAt, id: last.id } as NoticeCursor) : null };
}

/** The client API's list: one platform's notices in the order they were sent, after an id. */
export function platformNoticeFeed(
  db: Db,
  platformId: number,
  query: { filter?: NoticeFilter; afterId?: number; limit?: number; now?: Date } = {},
) {
  const now = (query.now ?? new Date()).toISOString();
  const limit = query.limit ?? NOTICES_PAGE_SIZE;
  const rows = noticeRows(db)
    .where(
      and(
        eq(n.platformId, platformId),
        isNull(n.withdrawnAt),
        query.filter ? stateCondition(query.filter, now) : undefined,
        query.afterId === undefined ? undefined : gt(n.id, query.afterId),
      ),
    )
    .orderBy(asc(n.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit).map(withState(now));
  return { rows: page, nextAfter: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** One notice as its platform's client sees it; undefined for another platform's or an unknown one. */
export function platformNotice(db: Db, platformId: number, noticeId: number, now = new Date()): NoticeRow | undefined {
  const row = noticeRows(db)
    .where(and(eq(n.id, noticeId), eq(n.platformId, platformId)))
    .get();
  return row && withState(now.toISOString())(row);
}

export type NoticeCounts = Record<NoticeState, number> & { all: number };

/** How many notices are in each state, for one platform or all. */
export function noticeCounts(db: Db, query: { platformId?: number; now?: Date } = {}): NoticeCounts {
  const now = (query.now ?? new Date()).toISOString();
  const count = (condition: SQL | undefined) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
  const row = db
    .select({
      all: sql<number>`count(*)`,
      open: count(stateCondition("open", now)),
      overdue: count(stateCondition("overdue", now)),
      answered_on_time: count(stateCondition("answered_on_time", now)),
      answered_late: count(stateCondition("answered_late", now)),
    })
    .from(n)
    .where(and(isNull(n.withdrawnAt), query.platformId === undefined ? undefined : eq(n.platformId, query.platformId)))
    .get();
  return row ?? { all: 0, open: 0, overdue: 0, answered_on_time: 0, answered_late: 0 };
}

/** The cursor as it travels in the URL: "<deadline>_<id>". */
export function encodeNoticeCursor(cursor: NoticeCursor): string {
  return `${cursor.deadlineAt}_${cursor.id}`;
}

export function decodeNoticeCursor(value: string | undefined | null): NoticeCursor | undefined {
  const match = value?.match(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([1-9][0-9]{0,14})$/);
  return match ? { deadlineAt: match[1]!, id: Number(match[2]) } : undefined;
}

/** The platforms notices can go to, for the platform filter: every one except "independent sites". */
export function noticePlatforms(db: Db) {
  return db
    .select({ id: platforms.id, name: platforms.name, nameZh: platforms.nameZh })
    .from(platforms)
    .where(eq(platforms.isIndependent, false))
    .orderBy(asc(platforms.name))
    .all();
}
