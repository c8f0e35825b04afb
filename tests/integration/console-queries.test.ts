// The console pages' read queries against the demo data: each figure must match a count made
// independently with plain SQL.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import { recentEvents } from "@/lib/audit/recent-events";
import { caseSummary } from "@/lib/cases/case-summary";
import { liveCounts } from "@/lib/operations/live-counts";
import { platformList } from "@/lib/platforms/platform-list";
import { publishedRulebook } from "@/lib/rules/published-rulebook";
import { listStaff } from "@/lib/staff/queries";
import { testDatabase } from "./support/database";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const count = (sql: string, ...params: unknown[]) => (sqlite.prepare(sql).get(...params) as { n: number }).n;

beforeAll(async () => {
  await seedDemo(db, { now });
});

describe("console queries on the demo data", () => {
  it("platform list: each platform's own domains and link count", () => {
    const rows = platformList(db);
    expect(rows.length).toBe(count("select count(*) as n from platforms"));
    for (const row of rows) {
      expect(row.links, row.slug).toBe(count("select count(*) as n from links where platform_id = ?", row.id));
      const domains = (sqlite.prepare("select domain from platform_domains where platform_id = ? and kind = 'registrable'").all(row.id) as { domain: string }[]).map((d) => d.domain);
      expect((row.domains ?? "").split(" ").filter(Boolean).sort(), row.slug).toEqual(domains.sort());
    }
    const douyin = rows.find((r) => r.slug === "douyin")!;
    expect(douyin.shortLinkDomains).toContain("v.douyin.com");
    expect(rows.at(-1)?.isIndependent).toBe(true);
  });

  it("case summary: the case's own link, reports and variants", () => {
    const caseId = (sqlite.prepare("select c.id from cases c join link_variants v on v.link_id = c.link_id group by c.id having count(*) > 1 limit 1").get() as { id: number }).id;
    const summary = caseSummary(db, caseId)!;
    const linkId = (sqlite.prepare("select link_id as n from cases where id = ?").get(caseId) as { n: number }).n;
    expect(summary.variants).toBe(count("select count(*) as n from link_variants where link_id = ?", linkId));
    expect(summary.variants).toBeGreaterThan(1);
    expect(summary.reportCount).toBe(count("select count(*) as n from reports where case_id = ?", caseId));
    expect(caseSummary(db, 999_999)).toBeUndefined();
  });

  it("live counts", () => {
    const counts = liveCounts(db, now);
    expect(counts.openCases).toBe(count("select count(*) as n from cases where status = 'open'"));
    expect(counts.reportsLast24h).toBe(count("select count(*) as n from reports where created_at >= ?", new Date(now.getTime() - 86_400_000).toISOString()));
    expect(counts.reportsLast24h).toBeGreaterThan(0);
    // The demo's decisions leave URL and domain blocks in force, and some that have expired.
    const nowIso = now.toISOString();
    const blocks = (expiry: string) =>
      count(`select count(*) as n from verdicts where level in ('L3', 'L4') and lifted_at is null and starts_at <= ? and ${expiry}`, nowIso, nowIso);
    expect(counts.blocksInForce).toBe(blocks("(expires_at is null or expires_at > ?)"));
    expect(counts.blocksInForce).toBeGreaterThan(0);
    expect(blocks("expires_at <= ?")).toBeGreaterThan(0);
  });

  it("the published rulebook has one rule per category", () => {
    const rulebook = publishedRulebook(db)!;
    expect(rulebook.version.version).toBe(1);
    expect(rulebook.rules).toHaveLength(13);
  });

  it("audit events page backwards by sequence without gaps or repeats", () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = recentEvents(db, before, 1000);
      seen.push(...page.rows.map((r) => r.seq));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen.length).toBe(count("select count(*) as n from audit_events"));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it("staff pages forward by id", () => {
    const first = listStaff(db, 0, 3);
    expect(first.rows).toHaveLength(3);
    const second = listStaff(db, first.nextAfter!, 3);
    expect(second.rows[0]!.id).toBeGreaterThan(first.rows[2]!.id);
  });
});
