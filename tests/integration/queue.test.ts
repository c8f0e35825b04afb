// The triage queue on a real SQLite file: priorities stored at intake, tabs, filters, keyset pages,
// counts, the query plans, "decide and next", and bulk decisions that commit all or nothing.
import { type SQL, sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { bulkDecide } from "@/lib/queue/bulk-decide";
import { nextCaseInQueue } from "@/lib/queue/next-case";
import { cappedCountQuery, queueCounts, queuePage, queueStatusQuery } from "@/lib/queue/queue-query";
import { storedPriority } from "@/lib/queue/priority";
import { type QueueSearch, parseQueueSearch } from "@/lib/queue/queue-search";
import { casePriority, refreshOpenPrioritiesNow, refreshStalePriorities } from "@/lib/queue/refresh-priority";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import type { CategoryCode } from "@/lib/rules/categories";
import { HOUR_MS } from "@/lib/time/now";
import { ensurePublishedRulebook } from "./support/blocked-links";
import { refusedWithoutWrites, testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const nowIso = now.toISOString();
const hoursAgo = (h: number) => new Date(now.getTime() - h * HOUR_MS);

let reporter = 0;
function report(url: string, category: CategoryCode, at: Date, scene: "group" | "moments" = "group") {
  reporter += 1;
  return fileReport(db, { url, category, scene, reporterHash: reporterHash(`queue-${reporter}`), source: "api" }, { now: at }).report.caseId;
}

const version = (id: number) => (sqlite.prepare("select version from cases where id = ?").get(id) as { version: number }).version;
const search = (query: string): QueueSearch => {
  const parsed = parseQueueSearch(query);
  if (!parsed.ok) throw new Error(`bad search ${query}: ${JSON.stringify(parsed.fieldErrors)}`);
  return parsed.search;
};

let moderator: Actor;
let other: Actor;
const ids: Record<string, number> = {};

beforeAll(async () => {
  ensurePublishedRulebook();
  moderator = await makeStaff("moderator");
  other = await makeStaff("moderator");
  ids.fraud = report("https://fraud-queue.example/win", "fraud_scam", hoursAgo(30));
  ids.spam = report("https://spam-queue.example/a", "excessive_marketing", hoursAgo(10));
  report("https://spam-queue.example/a", "excessive_marketing", hoursAgo(2));
  report("https://spam-queue.example/a", "excessive_marketing", hoursAgo(1));
  ids.rumour = report("https://news.rumour-queue.example/story", "rumour", hoursAgo(80), "moments");
  for (const path of ["one", "two", "three"]) ids[`bulk-${path}`] = report(`https://bulk-queue.example/${path}`, "induced_sharing", hoursAgo(5));
  refreshOpenPrioritiesNow(db, nowIso);
});

const pageIds = (query: string, actor = moderator) => queuePage(db, actor, search(query), nowIso).rows.map((r) => r.id);

describe("priority", () => {
  it("is stored on the case moments after a report arrives, and recomputed by the refresh", () => {
    const at = hoursAgo(0.5);
    const caseId = report("https://fresh-queue.example/x", "gambling", at);
    const stored = () => (sqlite.prepare("select priority from cases where id = ?").get(caseId) as { priority: number }).priority;
    // Intake only marks the case; the refresher scores marked cases moments later.
    expect(refreshStalePriorities(db, at.toISOString())).toBeGreaterThanOrEqual(1);
    expect(stored()).toBe(casePriority(db, caseId, at.toISOString())!.total);
    expect(stored()).toBeGreaterThan(0);
    refreshOpenPrioritiesNow(db, nowIso);
    // Half an hour older now: the age part grew.
    expect(stored()).toBe(casePriority(db, caseId, nowIso)!.total);
    // The parts the queue shows on expand are stored with the score and add up to it.
    const parts = storedPriority(sqlite.prepare("select priority_parts from cases where id = ?").pluck().get(caseId) as string)!;
    expect(parts).toEqual({ ...casePriority(db, caseId, nowIso)!, scoredAt: nowIso });
    expect(parts.total).toBe(stored());
    expect(stored()).toBeGreaterThan(casePriority(db, caseId, at.toISOString())!.total);
    sqlite.prepare("update cases set status = 'closed' where id = ?").run(caseId);
  });

  it("takes the most severe category any report claims, and marks a breached SLA", () => {
    const fraud = casePriority(db, ids.fraud!, nowIso)!;
    expect(fraud.parts.severity).toBe(80);
    expect(fraud.breached).toBe(true); // 30 h against 24 h
    const spam = casePriority(db, ids.spam!, nowIso)!;
    expect(spam.parts.severity).toBe(10);
    expect(spam.breached).toBe(false); // 10 h against 72 h
    expect(spam.parts.reporters).toBe(20); // 10 · log2(1 + 3)
    expect(spam.parts.velocity).toBe(16); // 8 · log2(1 + 3)
  });
});

describe("queue pages", () => {
  it("sorts by priority, highest first, and pages by keyset without gaps or repeats", () => {
    const all = queuePage(db, moderator, search(""), nowIso, 100).rows;
    const priorities = all.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(all.map((r) => r.id)).toEqual(expect.arrayContaining(Object.values(ids)));

    const seen: number[] = [];
    let after: QueueSearch["after"];
    for (let guard = 0; guard < 20; guard += 1) {
      const page = queuePage(db, moderator, { ...search(""), after }, nowIso, 2);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it("filters by category, principle, breached SLA, scene and text on URL or domain", () => {
    expect(pageIds("category=fraud_scam")).toEqual([ids.fraud]);
    expect(pageIds("principle=P3").sort()).toEqual([ids.spam, ids["bulk-one"], ids["bulk-two"], ids["bulk-three"]].sort());
    expect(pageIds("breached=1").sort()).toEqual([ids.fraud, ids.rumour].sort());
    expect(pageIds("scene=moments")).toEqual([ids.rumour]);
    expect(pageIds("q=bulk-queue.example")).toHaveLength(3);
    expect(pageIds("q=news.rumour-queue.example")).toEqual([ids.rumour]);
    expect(pageIds("q=other.rumour-queue.example")).toEqual([]);
    expect(pageIds("q=/win")).toEqual([ids.fraud]);
    expect(pageIds(`q=${encodeURIComponent("https://bulk-queue.example/two?utm_source=x")}`)).toEqual([ids["bulk-two"]]);
  });

  it("refuses bad parameters with the field named, and ignores unknown ones", () => {
    const bad = parseQueueSearch("tab=nope&platform=-1&after=xyz");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors).sort()).toEqual(["after", "platform", "tab"]);
    expect(parseQueueSearch("utm=1&tab=&category=").ok).toBe(true);
  });

  it("keeps a leased case out of 'new' and in its holder's 'mine', and counts each tab", () => {
    const lease = new Date(now.getTime() + 10 * 60_000).toISOString();
    sqlite.prepare("update cases set assignee_id = ?, lease_expires_at = ? where id = ?").run(moderator.id, lease, ids.spam);
    try {
      expect(pageIds("")).not.toContain(ids.spam);
      expect(pageIds("tab=mine")).toEqual([ids.spam]);
      expect(pageIds("tab=mine", other)).toEqual([]);
      expect(pageIds("assignee=me")).toEqual([]); // "new" holds no leased case
      expect(pageIds("tab=all&assignee=me")).toEqual([ids.spam]);
      const counts = queueCounts(db, moderator, search(""), nowIso);
      expect(counts.mine).toEqual({ count: 1, capped: false });
      expect(counts.new.count).toBe(counts.all.count - 1);
      expect(queueCounts(db, moderator, search("q=bulk-queue.example"), nowIso).new.count).toBe(3);
    } finally {
      sqlite.prepare("update cases set assignee_id = null, lease_expires_at = null where id = ?").run(ids.spam);
    }
  });

  it("lists a decided case under 'after decision' once a report arrives after the decision", () => {
    const caseId = report("https://after-queue.example/p", "rumour", hoursAgo(6));
    decideCase(db, moderator, { caseId, caseVersion: version(caseId), outcome: "no_violation", category: "rumour", level: "L0", durationHours: null }, { now: hoursAgo(4) });
    expect(pageIds("tab=after_decision")).not.toContain(caseId);
    report("https://after-queue.example/p", "rumour", hoursAgo(3));
    expect(pageIds("tab=after_decision")).toContain(caseId);
    expect(pageIds("")).not.toContain(caseId);
  });

  it("walks the queue indexes in order for the first page and a filtered page, and counts on them", () => {
    const plan = (query: SQL) => {
      const built = new SQLiteSyncDialect().sqlToQuery(query);
      return (sqlite.prepare(`explain query plan ${built.sql}`).all(...built.params) as { detail: string }[]).map((r) => r.detail).join("\n");
    };
    const first = plan(queueStatusQuery("open", [], undefined, 51));
    expect(first).toMatch(/SEARCH c USING INDEX cases_queue_idx \(status=\?\)/);
    expect(first).not.toMatch(/TEMP B-TREE/);
    const filtered = plan(queueStatusQuery("open", [sql`c.claimed_category = ${"rumour"}`], { priority: 50, id: 10 }, 51));
    expect(filtered).toMatch(/SEARCH c USING INDEX cases_category_queue_idx \(status=\? AND claimed_category=\? AND priority/);
    expect(filtered).not.toMatch(/TEMP B-TREE/);
    // A tab's capped count reads one status at a time, and a category's count only that category.
    expect(plan(cappedCountQuery("open", []))).toMatch(/USING (COVERING )?INDEX cases_(category_)?queue_idx \(status=\?\)/);
    const category = plan(cappedCountQuery("open", [sql`c.claimed_category = ${"rumour"}`]));
    expect(category).toMatch(/USING (COVERING )?INDEX cases_category_queue_idx \(status=\? AND claimed_category=\?\)/);
    expect(category).not.toMatch(/TEMP B-TREE/);
  });
});

describe("nextCaseInQueue", () => {
  it("gives the next case of the same filtered view, skipping cases leased to others", () => {
    const view = pageIds("q=bulk-queue.example");
    expect(nextCaseInQueue(db, moderator, "q=bulk-queue.example", view[0]!, nowIso)).toBe(view[1]);
    const lease = new Date(now.getTime() + 10 * 60_000).toISOString();
    sqlite.prepare("update cases set assignee_id = ?, lease_expires_at = ? where id = ?").run(other.id, lease, view[1]);
    try {
      expect(nextCaseInQueue(db, moderator, "?q=bulk-queue.example", view[0]!, nowIso)).toBe(view[2]);
    } finally {
      sqlite.prepare("update cases set assignee_id = null, lease_expires_at = null where id = ?").run(view[1]);
    }
    expect(nextCaseInQueue(db, moderator, "q=bulk-queue.example", view[2]!, nowIso)).toBeNull();
    // An unreadable view falls back to the default one rather than failing.
    expect(nextCaseInQueue(db, moderator, "tab=bogus", view[0]!, nowIso)).not.toBeUndefined();
  });
});

describe("bulk decisions", () => {
  const decision = {
    outcome: "violation" as const,
    category: "induced_sharing",
    level: "L2" as const,
    durationHours: 72,
    rationale: "Every page forces sharing to a group before showing the content.",
  };

  it("refuses the whole bulk when one case is stale, naming it, and writes nothing", () => {
    const bulk = [ids["bulk-one"]!, ids["bulk-two"]!, ids["bulk-three"]!];
    const cases = bulk.map((caseId) => ({ caseId, caseVersion: version(caseId) }));
    cases[2] = { ...cases[2]!, caseVersion: cases[2]!.caseVersion - 1 };
    const refusal = refusedWithoutWrites(() => bulkDecide(db, moderator, { ...decision, cases }, { now }));
    expect(refusal.code).toBe("conflict");
    expect(refusal.message).toBe("queue.bulk.errors.refused");
    expect(refusal.fieldErrors).toMatchObject({ caseId: [String(bulk[2])], reason: ["cases.errors.stale"] });
  });

  it("refuses a bulk that includes a case leased to someone else", () => {
    const lease = new Date(now.getTime() + 10 * 60_000).toISOString();
    sqlite.prepare("update cases set assignee_id = ?, lease_expires_at = ? where id = ?").run(other.id, lease, ids["bulk-two"]);
    try {
      const cases = ["bulk-one", "bulk-two"].map((k) => ({ caseId: ids[k]!, caseVersion: version(ids[k]!) }));
      const refusal = refusedWithoutWrites(() => bulkDecide(db, moderator, { ...decision, cases }, { now }));
      expect(refusal.fieldErrors).toMatchObject({ caseId: [String(ids["bulk-two"])], reason: ["cases.errors.claimedByOther"] });
    } finally {
      sqlite.prepare("update cases set assignee_id = null, lease_expires_at = null where id = ?").run(ids["bulk-two"]);
    }
  });

  it("decides every case with its own decision, verdict and audit events, plus one bulk event", () => {
    const bulk = [ids["bulk-one"]!, ids["bulk-two"]!, ids["bulk-three"]!];
    const result = bulkDecide(db, moderator, { ...decision, cases: bulk.map((caseId) => ({ caseId, caseVersion: version(caseId) })) }, { now });
    expect(result.decided.map((d) => d.caseId)).toEqual(bulk);
    for (const caseId of bulk) {
      const row = sqlite.prepare("select status from cases where id = ?").get(caseId) as { status: string };
      expect(row.status).toBe("decided");
      expect(sqlite.prepare("select count(*) as n from decisions where case_id = ?").get(caseId)).toEqual({ n: 1 });
      expect(sqlite.prepare("select count(*) as n from audit_events where action = 'case.decided' and target_id = ?").get(String(caseId))).toEqual({ n: 1 });
    }
    expect(result.decided.every((d) => d.verdictId !== null)).toBe(true);
    const bulkEvent = sqlite.prepare("select after from audit_events where action = 'decision.bulk'").get() as { after: string };
    expect(JSON.parse(bulkEvent.after)).toMatchObject({ caseIds: bulk, level: "L2" });
    expect(pageIds("q=bulk-queue.example")).toEqual([]);
  });
});
