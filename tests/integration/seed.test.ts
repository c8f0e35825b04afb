// The demo seed against real SQLite files: deterministic, complete and consistent.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_API_KEY, DEMO_PASSWORD, DEMO_VERDICT_EXAMPLES, type SeedSummary, seedDemo } from "@/db/seed-demo";
import { showcaseLinks } from "@/db/demo/showcase";
import { hashApiKey, keyPrefix } from "@/lib/api-clients/key";
import { verifyAuditChain } from "@/lib/audit/verify";
import { verifyPassword } from "@/lib/auth/password";
import { applyMigrations, openSqlite, wrap } from "@/lib/db/open";
import { canonicalize } from "@/lib/links/canonicalize";
import { categoryCodes } from "@/lib/rules/categories";
import { verdictFor } from "@/lib/verdicts/in-force";
import { applyMode } from "@/lib/verdicts/modes";

const NOW = new Date("2026-11-24T08:00:00.000Z");
const DAY = 24 * 3_600_000;

type Seeded = { sqlite: Database.Database; summary: SeedSummary };

let dir = "";
let first: Seeded;
let second: Seeded;
let later: Seeded;
const LATER_SHIFT_MS = 37 * DAY + 5 * 3_600_000 + 17 * 60_000;

async function seedInto(file: string, now = NOW): Promise<Seeded> {
  const sqlite = openSqlite(file);
  const db = wrap(sqlite);
  applyMigrations(db);
  const summary = await seedDemo(db, { now });
  return { sqlite, summary };
}

/** Every table's rows in rowid order, as JSON, with the salted password hashes left out. */
function dump(sqlite: Database.Database): Map<string, string> {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  return new Map(
    tables.map(({ name }) => {
      const rows = sqlite.prepare(`select * from "${name}" order by rowid`).all() as Record<string, unknown>[];
      if (name === "users") for (const row of rows) delete row.password_hash;
      return [name, JSON.stringify(rows)];
    }),
  );
}

const one = <T>(sqlite: Database.Database, query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const all = <T>(sqlite: Database.Database, query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];
const count = (sqlite: Database.Database, query: string, ...params: unknown[]) =>
  (sqlite.prepare(query).get(...params) as { n: number }).n;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkdesk-seed-"));
  first = await seedInto(path.join(dir, "first.db"));
  second = await seedInto(path.join(dir, "second.db"));
  later = await seedInto(path.join(dir, "later.db"), new Date(NOW.getTime() + LATER_SHIFT_MS));
});

afterAll(() => {
  first?.sqlite.close();
  second?.sqlite.close();
  later?.sqlite.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("demo seed", () => {
  it("gives identical rows for the same now, except the salted password hashes", () => {
    const a = dump(first.sqlite);
    const b = dump(second.sqlite);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [table, rows] of a) expect(rows === b.get(table), `table ${table} differs between runs`).toBe(true);
    expect(first.summary).toEqual(second.summary);
    // The data is there at all (an empty dump would be trivially identical), the moderators' work included.
    expect(a.get("reports")!.length).toBeGreaterThan(100_000);
    for (const table of ["decisions", "verdicts", "verdict_changes", "rectification_notices"]) {
      expect(JSON.parse(a.get(table)!).length, table).toBeGreaterThan(100);
    }
    expect(first.summary.decisions).toBeGreaterThan(1_000);
    expect(first.summary.noticesAnswered).toBeGreaterThan(100);
  });

  it("gives the same rows at any other moment, only shifted in time", () => {
    const isoTime = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;
    // Rating snapshots are per UTC day; the shift moves every day by whole days too (NOW and NOW + shift
    // fall on the same side of midnight), so the days in the audit trail unshift by whole days.
    const isoDay = /(?<![\dT:-])\d{4}-\d{2}-\d{2}(?![T\d])/g;
    const shiftDays = Math.floor(LATER_SHIFT_MS / DAY);
    const unshift = (text: string) =>
      text
        .replace(isoTime, (t) => new Date(Date.parse(t) - LATER_SHIFT_MS).toISOString())
        .replace(isoDay, (d) => new Date(Date.parse(`${d}T00:00:00.000Z`) - shiftDays * DAY).toISOString().slice(0, 10));
    // The audit hashes cover the times, so they differ; everything else must match.
    const withoutHashes = (text: string) => text.replace(/"(prev_hash|hash)":"[0-9a-f]{64}"/g, "");
    const a = dump(first.sqlite);
    const b = dump(later.sqlite);
    for (const [table, rows] of a) {
      // A snapshot counts whole UTC days, and the shift is not whole days: what falls in a day differs.
      if (table === "rating_snapshots") {
        expect(JSON.parse(b.get(table)!).length).toBe(JSON.parse(rows).length);
        continue;
      }
      expect(withoutHashes(unshift(b.get(table)!)) === withoutHashes(rows), `table ${table} differs beyond the shift`).toBe(true);
    }
  });

  it("loads the platform registry with real short-link domains and the independent sites", () => {
    const { sqlite } = first;
    expect(count(sqlite, "select count(*) as n from platforms where is_independent = 0")).toBeGreaterThanOrEqual(20);
    const shortLinks = all<{ domain: string }>(sqlite, "select domain from platform_domains where kind = 'short_link'").map((d) => d.domain);
    expect(shortLinks).toEqual(expect.arrayContaining(["m.tb.cn", "v.douyin.com", "3.cn", "t.cn", "b23.tv", "xhslink.com"]));
    const independent = all<{ id: number }>(sqlite, "select id from platforms where is_independent = 1 and slug = 'independent'");
    expect(independent).toHaveLength(1);
    expect(count(sqlite, "select count(*) as n from platform_domains where platform_id = ?", independent[0]!.id)).toBe(0);
    // Every platform without domains is the independent one.
    expect(count(sqlite, "select count(*) as n from platforms p where not exists (select 1 from platform_domains d where d.platform_id = p.id)")).toBe(1);
  });

  it("publishes rule version 1 with one rule per category", () => {
    const { sqlite } = first;
    const version = one<{ id: number; status: string; published_at: string }>(sqlite, "select * from rule_versions where version = 1");
    expect(version.status).toBe("published");
    expect(version.published_at).toBe(new Date(NOW.getTime() - 180 * DAY).toISOString());
    const categories = all<{ category: string }>(sqlite, "select category from rules where rule_version_id = ? order by category", version.id);
    expect(categories.map((r) => r.category)).toEqual([...categoryCodes].sort());
  });

  it("spreads about 5,000 reports over the 180 days before now, with a busy last day", () => {
    const { sqlite } = first;
    const reports = count(sqlite, "select count(*) as n from reports");
    expect(reports).toBeGreaterThanOrEqual(4_500);
    expect(reports).toBeLessThanOrEqual(5_500);
    const from = new Date(NOW.getTime() - 180 * DAY).toISOString();
    const now = NOW.toISOString();
    expect(count(sqlite, "select count(*) as n from reports where created_at <= ? or created_at > ?", from, now)).toBe(0);
    const lastDay = count(sqlite, "select count(*) as n from reports where created_at > ?", new Date(NOW.getTime() - DAY).toISOString());
    expect(lastDay).toBeGreaterThanOrEqual(20);
    expect(first.summary.reportsLast24h).toBe(lastDay);
    expect(count(sqlite, "select count(distinct tracking_code) as n from reports")).toBe(reports);
    for (const { tracking_code } of all<{ tracking_code: string }>(sqlite, "select tracking_code from reports")) {
      expect(tracking_code).toMatch(/^LD-[2-9A-HJ-NP-Z]{8}$/);
    }
  });

  it("names every category in some report", () => {
    const seen = new Set(all<{ category: string }>(first.sqlite, "select distinct category from reports").map((r) => r.category));
    for (const code of categoryCodes) expect(seen.has(code), `no report names ${code}`).toBe(true);
    expect(seen.size).toBe(categoryCodes.length);
  });

  it("stores canonical links with their hash and attribution", () => {
    const { sqlite } = first;
    const rows = all<{ canonical_url: string; url_hash: string; host: string; platform_id: number | null; is_ip_literal: number }>(
      sqlite,
      "select canonical_url, url_hash, host, platform_id, is_ip_literal from links",
    );
    for (const row of rows) {
      const url = new URL(row.canonical_url);
      expect(url.href).toBe(row.canonical_url);
      expect(url.hash).toBe("");
      expect(url.hostname).toBe(row.host);
      expect(row.url_hash).toBe(createHash("sha256").update(row.canonical_url).digest("hex"));
      expect(row.platform_id).not.toBeNull();
    }
    const shortLink = (host: string) =>
      one<{ registrable_domain: string; is_short_link: number } | undefined>(
        sqlite,
        "select registrable_domain, is_short_link from links where host = ? limit 1",
        host,
      );
    expect(shortLink("v.douyin.com")).toEqual({ registrable_domain: "douyin.com", is_short_link: 1 });
    expect(shortLink("m.tb.cn")).toEqual({ registrable_domain: "tb.cn", is_short_link: 1 });
    const independentShare =
      count(sqlite, "select count(*) as n from reports r join links l on l.id = r.link_id join platforms p on p.id = l.platform_id where p.is_independent = 1") /
      count(sqlite, "select count(*) as n from reports");
    expect(independentShare).toBeGreaterThan(0.2);
    expect(independentShare).toBeLessThan(0.4);
    expect(count(sqlite, "select count(*) as n from links where is_ip_literal = 1")).toBeGreaterThan(0);
    // Every link keeps its canonical URL among its variants.
    expect(
      count(sqlite, "select count(*) as n from links l where not exists (select 1 from link_variants v where v.link_id = l.id and v.raw_url = l.canonical_url)"),
    ).toBe(0);
  });

  it("opens exactly one case per link, consistent with its reports", () => {
    const { sqlite } = first;
    const links = count(sqlite, "select count(*) as n from links");
    expect(count(sqlite, "select count(*) as n from cases")).toBe(links);
    expect(count(sqlite, "select count(distinct link_id) as n from cases")).toBe(links);
    // Open or decided; escalation and reopening are not part of the demo.
    expect(count(sqlite, "select count(*) as n from cases where status not in ('open', 'decided')")).toBe(0);
    expect(count(sqlite, "select count(*) as n from cases where (status = 'decided') <> (decided_at is not null)")).toBe(0);
    expect(count(sqlite, "select count(*) as n from cases where version <> (case status when 'decided' then 2 else 1 end)")).toBe(0);
    expect(count(sqlite, "select count(*) as n from reports where after_decision = 1")).toBe(0);
    expect(count(sqlite, "select count(*) as n from reports r join cases c on c.id = r.case_id where c.link_id <> r.link_id")).toBe(0);
    const mismatched = count(
      sqlite,
      `select count(*) as n from cases c
        where c.report_count <> (select count(*) from reports r where r.case_id = c.id)
           or c.opened_at <> (select min(created_at) from reports r where r.case_id = c.id)
           or c.last_report_at <> (select max(created_at) from reports r where r.case_id = c.id)`,
    );
    expect(mismatched).toBe(0);
    // Some links went viral.
    expect(count(sqlite, "select count(*) as n from cases where report_count >= 30")).toBeGreaterThanOrEqual(2);

    // The partial unique index: a second open case for a link is refused, a closed one is not.
    const linkId = one<{ link_id: number }>(sqlite, "select link_id from cases order by id limit 1").link_id;
    const insert = sqlite.prepare(
      "insert into cases (link_id, status, claimed_category, opened_at, last_report_at) values (?, ?, 'fraud_scam', ?, ?)",
    );
    sqlite.exec("savepoint probe");
    try {
      expect(() => insert.run(linkId, "open", NOW.toISOString(), NOW.toISOString())).toThrow(/UNIQUE/);
      expect(() => insert.run(linkId, "escalated", NOW.toISOString(), NOW.toISOString())).toThrow(/UNIQUE/);
      expect(() => insert.run(linkId, "closed", NOW.toISOString(), NOW.toISOString())).not.toThrow();
    } finally {
      sqlite.exec("rollback to probe; release probe");
    }
  });

  it("creates the five demo logins with the demo password, and Chinese-speaking moderators", async () => {
    const { sqlite } = first;
    const expected = {
      "admin@linkdesk.test": "admin",
      "moderator@linkdesk.test": "moderator",
      "senior@linkdesk.test": "senior",
      "manager@linkdesk.test": "manager",
      "auditor@linkdesk.test": "auditor",
    };
    for (const [email, role] of Object.entries(expected)) {
      const user = one<{ role: string; password_hash: string; disabled_at: string | null } | undefined>(
        sqlite,
        "select role, password_hash, disabled_at from users where email = ?",
        email,
      );
      expect(user, email).toBeDefined();
      expect(user!.role).toBe(role);
      expect(user!.disabled_at).toBeNull();
      expect(await verifyPassword(user!.password_hash, DEMO_PASSWORD)).toBe(true);
    }
    expect(one<{ name: string }>(sqlite, "select name from users where email = 'admin@linkdesk.test'").name).toBe("Ada Admin");
    expect(count(sqlite, "select count(*) as n from users where locale = 'zh' and role = 'moderator'")).toBeGreaterThanOrEqual(2);
  });

  it("registers the demo API client by the hash of its key", () => {
    const client = one<{ name: string; key_prefix: string; revoked_at: string | null } | undefined>(
      first.sqlite,
      "select name, key_prefix, revoked_at from api_clients where key_hash = ?",
      hashApiKey(DEMO_API_KEY),
    );
    expect(client).toEqual({ name: "Demo chat app", key_prefix: keyPrefix(DEMO_API_KEY), revoked_at: null });
    const api = count(first.sqlite, "select count(*) as n from reports where source = 'api'");
    expect(count(first.sqlite, "select count(*) as n from reports where source = 'api' and api_client_id is not null")).toBe(api);
    expect(count(first.sqlite, "select count(*) as n from reports where source = 'portal' and api_client_id is not null")).toBe(0);
  });

  it("records an audit chain that verifies, in time order, with an event per report and case", () => {
    for (const { sqlite, summary } of [first, second]) {
      const report = verifyAuditChain(sqlite);
      expect(report).toMatchObject({ ok: true, verified: summary.auditEvents });
    }
    const { sqlite } = first;
    const outOfOrder = count(sqlite, "select count(*) as n from audit_events a join audit_events b on b.seq = a.seq + 1 where b.at < a.at");
    expect(outOfOrder).toBe(0);
    const events = (action: string) => count(sqlite, "select count(*) as n from audit_events where action = ?", action);
    expect(events("report.created")).toBe(count(sqlite, "select count(*) as n from reports"));
    expect(events("case.opened")).toBe(count(sqlite, "select count(*) as n from cases"));
    expect(events("seed.staff_created")).toBe(count(sqlite, "select count(*) as n from users"));
    expect(events("platform.created")).toBe(count(sqlite, "select count(*) as n from platforms"));
    expect(events("api_client.created")).toBe(1);
    expect(events("rules.published")).toBe(1);
    expect(events("decision.recorded")).toBe(count(sqlite, "select count(*) as n from decisions"));
    expect(events("case.decided")).toBe(count(sqlite, "select count(*) as n from cases where status = 'decided'"));
    expect(events("verdict.created")).toBe(count(sqlite, "select count(*) as n from verdicts"));
    expect(events("notice.sent")).toBe(count(sqlite, "select count(*) as n from rectification_notices"));
    expect(events("notice.answered")).toBe(count(sqlite, "select count(*) as n from rectification_notices where answered_at is not null"));
    // The seed's own setup has no actor; the moderators' decisions and the managers' answers name theirs.
    const staffActions = ["decision.recorded", "case.decided", "verdict.created", "notice.sent", "notice.answered"];
    const marks = staffActions.map(() => "?").join(", ");
    expect(count(sqlite, `select count(*) as n from audit_events where actor_id is null and action in (${marks})`, ...staffActions)).toBe(0);
    expect(count(sqlite, `select count(*) as n from audit_events where actor_id is not null and action not in (${marks})`, ...staffActions)).toBe(0);
  });

  it("reports the counts it loaded", () => {
    const { sqlite, summary } = first;
    const now = NOW.toISOString();
    expect(summary).toMatchObject({
      links: count(sqlite, "select count(*) as n from links"),
      cases: count(sqlite, "select count(*) as n from cases"),
      reports: count(sqlite, "select count(*) as n from reports"),
      openCases: count(sqlite, "select count(*) as n from cases where status = 'open'"),
      decisions: count(sqlite, "select count(*) as n from decisions"),
      violations: count(sqlite, "select count(*) as n from decisions where outcome = 'violation'"),
      verdicts: count(sqlite, "select count(*) as n from verdicts"),
      verdictsInForce: count(
        sqlite,
        "select count(*) as n from verdicts where lifted_at is null and starts_at <= ? and (expires_at is null or expires_at > ?)",
        now,
        now,
      ),
      notices: count(sqlite, "select count(*) as n from rectification_notices"),
      noticesAnswered: count(sqlite, "select count(*) as n from rectification_notices where answered_at is not null"),
      noticesOverdue: count(sqlite, "select count(*) as n from rectification_notices where answered_at is null and deadline_at < ?", now),
      auditEvents: count(sqlite, "select count(*) as n from audit_events"),
    });
  });
});

describe("demo decisions", () => {
  const now = NOW.toISOString();

  it("decide about 60 % of the cases, each after every report it covers, and leave recent ones open", () => {
    const { sqlite } = first;
    const share = count(sqlite, "select count(*) as n from cases where status = 'decided'") / count(sqlite, "select count(*) as n from cases");
    expect(share).toBeGreaterThanOrEqual(0.55);
    expect(share).toBeLessThanOrEqual(0.65);
    expect(count(sqlite, "select count(*) as n from decisions")).toBe(count(sqlite, "select count(*) as n from cases where status = 'decided'"));
    expect(count(sqlite, "select count(*) as n from decisions d join cases c on c.id = d.case_id where d.created_at <> c.decided_at")).toBe(0);
    // No report was filed on a case at or after its decision, and no decision lies in the future.
    expect(count(sqlite, "select count(*) as n from reports r join decisions d on d.case_id = r.case_id where r.created_at >= d.created_at")).toBe(0);
    expect(count(sqlite, "select count(*) as n from decisions where created_at > ?", now)).toBe(0);
    const weekAgo = new Date(NOW.getTime() - 7 * DAY).toISOString();
    expect(count(sqlite, "select count(*) as n from cases where status = 'open' and last_report_at > ?", weekAgo)).toBeGreaterThan(20);
    expect(count(sqlite, "select count(*) as n from cases where status = 'decided' and decided_at > ?", weekAgo)).toBeGreaterThan(20);
    // Backlog of every age: cases nobody has reached yet, last reported hours, weeks or months ago.
    const openSince = (days: number) => count(sqlite, "select count(*) as n from cases where status = 'open' and last_report_at < ?", new Date(NOW.getTime() - days * DAY).toISOString());
    expect(count(sqlite, "select count(*) as n from cases where status = 'open'") - openSince(1)).toBeGreaterThan(0);
    expect(openSince(30) - openSince(90)).toBeGreaterThan(50);
    expect(openSince(90)).toBeGreaterThan(50);
  });

  it("find violations in every category, and also no violation or too little evidence", () => {
    const { sqlite } = first;
    const outcomes = new Map(all<{ outcome: string; n: number }>(sqlite, "select outcome, count(*) as n from decisions group by outcome").map((r) => [r.outcome, r.n]));
    const decided = [...outcomes.values()].reduce((a, b) => a + b, 0);
    expect(outcomes.get("violation")! / decided).toBeGreaterThan(0.4);
    // Most complaints about independent sites are upheld; about platforms, as many as the platform's
    // conduct leaves (db/demo/decision-plan.ts): few for one that polices its links, most for one that does not.
    const upheldShare = (where: string) =>
      one<{ share: number }>(
        sqlite,
        `select avg(d.outcome = 'violation') as share from decisions d join cases c on c.id = d.case_id join links l on l.id = c.link_id
           join platforms p on p.id = l.platform_id where d.outcome <> 'insufficient_evidence' and ${where}`,
      ).share;
    expect(upheldShare("p.is_independent = 1")).toBeGreaterThan(0.7);
    expect(upheldShare("p.slug = 'pinduoduo'")).toBeGreaterThan(0.7);
    expect(upheldShare("p.slug in ('jd', 'alipay')")).toBeLessThan(0.3);
    expect(outcomes.get("no_violation")).toBeGreaterThan(50);
    expect(outcomes.get("insufficient_evidence")).toBeGreaterThan(50);
    const violated = new Set(all<{ category: string }>(sqlite, "select distinct category from decisions where outcome = 'violation'").map((r) => r.category));
    for (const code of categoryCodes) expect(violated.has(code), `no violation of ${code}`).toBe(true);
    // Mostly the category the reporters claimed; sometimes the moderator corrected it.
    const corrected = count(sqlite, "select count(*) as n from decisions d join cases c on c.id = d.case_id where d.category <> c.claimed_category");
    expect(corrected).toBeGreaterThan(0);
    expect(corrected / outcomes.get("violation")!).toBeLessThan(0.2);
    // Every decision carries the rule it applied and a rationale; L0 goes with the outcomes that are not violations.
    expect(count(sqlite, "select count(*) as n from decisions where rationale is null or length(rationale) < 10 or rule_version_id is null")).toBe(0);
    expect(count(sqlite, "select count(*) as n from decisions where (outcome = 'violation') = (level = 'L0')")).toBe(0);
  });

  it("use every level from L0 to L4 and decide sanctions beside them, mostly as the rulebook recommends, L4 and sanctions only by the senior", () => {
    const { sqlite } = first;
    const used = new Set(all<{ level: string }>(sqlite, "select distinct level from decisions").map((r) => r.level));
    expect([...used].sort()).toEqual(["L0", "L1", "L2", "L3", "L4"]);
    const violations = count(sqlite, "select count(*) as n from decisions where outcome = 'violation'");
    const followed = count(sqlite, "select count(*) as n from decisions where outcome = 'violation' and level = recommended_level");
    // A domain already under an L4 block gets URL blocks for its further links (db/demo/handling.ts).
    const alreadyBlocked = count(sqlite, "select count(*) as n from decisions where outcome = 'violation' and recommended_level = 'L4' and level = 'L3'");
    expect(followed / violations).toBeGreaterThan(0.6);
    expect((followed + alreadyBlocked) / violations).toBeGreaterThan(0.9);
    const senior = one<{ id: number }>(sqlite, "select id from users where email = 'senior@linkdesk.test'").id;
    expect(count(sqlite, "select count(*) as n from decisions where (level = 'L4' or provider_sanction = 1) and decider_id <> ?", senior)).toBe(0);
    // L4 only where the engine recommended it, on an independent site; a sanction only against a registered
    // platform, beside the block of the link ("L3 + L5"), never instead of it.
    expect(count(sqlite, "select count(*) as n from decisions where level = 'L4' and recommended_level <> 'L4'")).toBe(0);
    const onPlatform = (where: string) =>
      count(
        sqlite,
        `select count(*) as n from decisions d join cases c on c.id = d.case_id join links l on l.id = c.link_id join platforms p on p.id = l.platform_id where ${where} and p.is_independent = 0`,
      );
    expect(onPlatform("d.level = 'L4'")).toBe(0);
    const sanctions = count(sqlite, "select count(*) as n from decisions where provider_sanction = 1");
    expect(sanctions).toBeGreaterThan(0);
    expect(onPlatform("d.provider_sanction = 1")).toBe(sanctions);
    expect(count(sqlite, "select count(*) as n from decisions d join verdicts v on v.decision_id = d.id where d.provider_sanction = 1 and d.reversed_at is null")).toBeGreaterThan(0);
    // The three demo moderators and the senior share the work; nobody else decides.
    const deciders = all<{ email: string; n: number }>(
      sqlite,
      "select u.email, count(*) as n from decisions d join users u on u.id = d.decider_id group by u.email order by u.email",
    );
    expect(deciders.map((d) => d.email)).toEqual(["li.na@linkdesk.test", "moderator@linkdesk.test", "senior@linkdesk.test", "zhang.wei@linkdesk.test"]);
    for (const d of deciders) expect(d.n, d.email).toBeGreaterThan(100);
    // Chinese-speaking moderators write in Chinese.
    expect(
      count(sqlite, "select count(*) as n from decisions d join users u on u.id = d.decider_id where u.locale = 'zh' and d.rationale not glob '*[一-龥]*'"),
    ).toBe(0);
  });

  it("count repeat offences per registrable domain, from the earlier decisions only", () => {
    const { sqlite } = first;
    const mismatched = count(
      sqlite,
      `select count(*) as n from decisions d join cases c on c.id = d.case_id join links l on l.id = c.link_id
        where d.outcome = 'violation' and d.offence_number <> 1 + (
          select count(*) from decisions e join cases ec on ec.id = e.case_id join links el on el.id = ec.link_id
           where el.registrable_domain = l.registrable_domain and e.outcome = 'violation' and e.reversed_at is null
             and e.created_at < d.created_at and e.created_at >= strftime('%Y-%m-%dT%H:%M:%fZ', d.created_at, '-180 days'))`,
    );
    expect(mismatched).toBe(0);
    // Repeat offenders: independent domains with many confirmed violations.
    const repeaters = all<{ domain: string; n: number }>(
      sqlite,
      `select l.registrable_domain as domain, count(*) as n from decisions d join cases c on c.id = d.case_id join links l on l.id = c.link_id
        join platforms p on p.id = l.platform_id where p.is_independent = 1 and d.outcome = 'violation' group by 1 having n >= 5`,
    );
    expect(repeaters.length).toBeGreaterThanOrEqual(5);
    expect(repeaters.map((r) => r.domain)).toEqual(expect.arrayContaining(["jianzhi-daily.xyz", "qipai-yule.vip"]));
  });

  it("leave verdicts that have expired, verdicts in force for a while, and verdicts until lifted", () => {
    const { sqlite } = first;
    const byState = new Map(
      all<{ state: string; n: number }>(
        sqlite,
        `select case when expires_at is null then 'until_lifted' when expires_at <= ? then 'expired' else 'in_force' end as state, count(*) as n
           from verdicts group by 1`,
        now,
      ).map((r) => [r.state, r.n]),
    );
    expect(byState.get("expired")).toBeGreaterThan(50);
    expect(byState.get("in_force")).toBeGreaterThan(5);
    expect(byState.get("until_lifted")).toBeGreaterThan(100);
    // Expired blocks too, not only expired warnings.
    expect(count(sqlite, "select count(*) as n from verdicts where level = 'L3' and expires_at <= ?", now)).toBeGreaterThan(10);
    // One verdict per decision of L1–L4, on its URL or (L4) its domain, from the decision's moment.
    expect(count(sqlite, "select count(*) as n from decisions where level in ('L1', 'L2', 'L3', 'L4')")).toBe(count(sqlite, "select count(*) as n from verdicts"));
    expect(
      count(
        sqlite,
        `select count(*) as n from verdicts v join decisions d on d.id = v.decision_id
          where v.level <> d.level or v.starts_at <> d.created_at or (v.scope = 'domain') <> (v.level = 'L4')
             or (d.duration_hours is null) <> (v.expires_at is null)`,
      ),
    ).toBe(0);
    expect(count(sqlite, "select count(*) as n from verdict_changes")).toBe(count(sqlite, "select count(*) as n from verdicts"));
    expect(count(sqlite, "select count(*) as n from verdicts where lifted_at is not null")).toBe(0);
  });

  it("send a notice per violation on a registered platform, answered mostly on time, some late, some never", () => {
    const { sqlite } = first;
    expect(count(sqlite, "select count(*) as n from rectification_notices")).toBe(
      count(
        sqlite,
        "select count(*) as n from decisions d join cases c on c.id = d.case_id join links l on l.id = c.link_id join platforms p on p.id = l.platform_id where d.outcome = 'violation' and p.is_independent = 0",
      ),
    );
    const states = new Map(
      all<{ state: string; n: number }>(
        sqlite,
        `select case when answered_at is null then (case when deadline_at < ? then 'overdue' else 'open' end)
                     when answered_at <= deadline_at then 'on_time' else 'late' end as state, count(*) as n
           from rectification_notices group by 1`,
        now,
      ).map((r) => [r.state, r.n]),
    );
    const total = [...states.values()].reduce((a, b) => a + b, 0);
    expect(states.get("on_time")! / total).toBeGreaterThan(0.6);
    expect(states.get("on_time")! / total).toBeLessThan(0.8);
    expect(states.get("late")! / total).toBeGreaterThan(0.08);
    expect(states.get("late")! / total).toBeLessThan(0.25);
    expect(states.get("overdue")! / total).toBeGreaterThan(0.05);
    expect(states.get("open")).toBeGreaterThan(0);
    // Answers come after the notice, before now, and are recorded by the demo manager on the platform's behalf.
    expect(count(sqlite, "select count(*) as n from rectification_notices where answered_at <= sent_at or answered_at > ?", now)).toBe(0);
    const manager = one<{ id: number }>(sqlite, "select id from users where email = 'manager@linkdesk.test'").id;
    expect(count(sqlite, "select count(*) as n from rectification_notices where answered_at is not null and (answered_by_user_id is not ? or answered_by_client_id is not null)", manager)).toBe(0);
    // A few platforms let critical notices lapse: their grade is capped.
    const lapsed = all<{ slug: string }>(
      sqlite,
      `select distinct p.slug from rectification_notices n join decisions d on d.id = n.decision_id join platforms p on p.id = n.platform_id
        where n.answered_at is null and n.deadline_at < ? and d.severity = 'critical'`,
      now,
    ).map((r) => r.slug);
    expect(lapsed).toContain("pinduoduo");
    expect(lapsed.length).toBeLessThanOrEqual(5);
    // Deadlines: 24 hours for a critical violation, 48 otherwise.
    expect(
      count(
        sqlite,
        `select count(*) as n from rectification_notices n join decisions d on d.id = n.decision_id
          where (julianday(n.deadline_at) - julianday(n.sent_at)) * 24 not between (case d.severity when 'critical' then 23.99 else 47.99 end) and (case d.severity when 'critical' then 24.01 else 48.01 end)`,
      ),
    ).toBe(0);
  });
});

describe("demo verdict examples", () => {
  const keyOf = (url: string) => {
    const canonical = canonicalize(url);
    if (!canonical.ok) throw new Error(`not a URL: ${url}`);
    return canonical.link;
  };
  const verdictAt = (url: string, at = NOW) => {
    const link = keyOf(url);
    return verdictFor(wrap(first.sqlite), link, at);
  };
  const standard = (url: string) => {
    const link = keyOf(url);
    const attributed = !showcaseLinks.some((l) => l.platformSlug === "independent" && l.registrableDomain === link.registrableDomain);
    return applyMode("standard", {
      level: verdictAt(url)?.level ?? null,
      grade: null,
      attributed,
      isShortLink: false,
      isIpLiteral: false,
      isMixedScript: false,
    });
  };

  it("are canonical URLs of seeded links (the unreported one aside) on domains nothing else in the demo touches", () => {
    for (const entry of showcaseLinks) {
      const link = keyOf(entry.canonicalUrl);
      expect(link.canonicalUrl).toBe(entry.canonicalUrl);
      expect(link.registrableDomain).toBe(entry.registrableDomain);
      const row = one<{ url_hash: string; registrable_domain: string } | undefined>(
        first.sqlite,
        "select url_hash, registrable_domain from links where canonical_url = ?",
        entry.canonicalUrl,
      );
      expect(row).toEqual({ url_hash: link.urlHash, registrable_domain: link.registrableDomain });
    }
    expect(count(first.sqlite, "select count(*) as n from links where canonical_url = ?", DEMO_VERDICT_EXAMPLES.blockDomainUnreported)).toBe(0);
    const domains = [...new Set(showcaseLinks.filter((l) => l.platformSlug === "independent").map((l) => l.registrableDomain))];
    for (const domain of domains) {
      const own = showcaseLinks.filter((l) => l.registrableDomain === domain).length;
      expect(count(first.sqlite, "select count(*) as n from links where registrable_domain = ?", domain), domain).toBe(own);
    }
  });

  it("warn (L1) and restrict sharing (L2) for 30 days", () => {
    expect(verdictAt(DEMO_VERDICT_EXAMPLES.warn)).toMatchObject({ scope: "url", level: "L1", category: "rumour", liftedAt: null });
    expect(verdictAt(DEMO_VERDICT_EXAMPLES.warn)!.expiresAt! > NOW.toISOString()).toBe(true);
    expect(standard(DEMO_VERDICT_EXAMPLES.warn)).toMatchObject({ verdict: "warn", shareable: true });
    expect(verdictAt(DEMO_VERDICT_EXAMPLES.restrictSharing)).toMatchObject({ scope: "url", level: "L2", category: "induced_sharing" });
    expect(standard(DEMO_VERDICT_EXAMPLES.restrictSharing)).toMatchObject({ verdict: "warn", shareable: false });
  });

  it("block one URL until lifted (L3), and a whole domain (L4), reported URL or not", () => {
    expect(verdictAt(DEMO_VERDICT_EXAMPLES.blockUrl)).toMatchObject({ scope: "url", level: "L3", category: "fraud_scam", expiresAt: null });
    expect(verdictAt(DEMO_VERDICT_EXAMPLES.blockUrl, new Date(NOW.getTime() + 365 * DAY))).not.toBeNull();
    expect(standard(DEMO_VERDICT_EXAMPLES.blockUrl).verdict).toBe("block");
    for (const url of [DEMO_VERDICT_EXAMPLES.blockDomain, DEMO_VERDICT_EXAMPLES.blockDomainUnreported]) {
      expect(verdictAt(url), url).toMatchObject({ scope: "domain", domain: "zhongjiang-lingqu.top", level: "L4", expiresAt: null });
      expect(standard(url).verdict).toBe("block");
    }
  });

  it("allow a link whose block has expired, and one judged harmless", () => {
    const { sqlite } = first;
    expect(verdictAt(DEMO_VERDICT_EXAMPLES.expiredBlock)).toBeNull();
    const expired = one<{ level: string; expires_at: string }>(
      sqlite,
      "select v.level, v.expires_at from verdicts v join links l on l.id = v.link_id where l.canonical_url = ?",
      DEMO_VERDICT_EXAMPLES.expiredBlock,
    );
    expect(expired.level).toBe("L3");
    expect(expired.expires_at < NOW.toISOString()).toBe(true);
    // It did block while it lasted.
    const decidedAt = one<{ starts_at: string }>(sqlite, "select starts_at from verdicts v join links l on l.id = v.link_id where l.canonical_url = ?", DEMO_VERDICT_EXAMPLES.expiredBlock).starts_at;
    expect(verdictAt(DEMO_VERDICT_EXAMPLES.expiredBlock, new Date(Date.parse(decidedAt) + 3_600_000))).toMatchObject({ level: "L3" });
    expect(standard(DEMO_VERDICT_EXAMPLES.expiredBlock).verdict).toBe("allow");

    expect(verdictAt(DEMO_VERDICT_EXAMPLES.noViolation)).toBeNull();
    expect(
      one<{ outcome: string }>(
        sqlite,
        "select d.outcome from decisions d join cases c on c.id = d.case_id join links l on l.id = c.link_id where l.canonical_url = ?",
        DEMO_VERDICT_EXAMPLES.noViolation,
      ).outcome,
    ).toBe("no_violation");
    expect(standard(DEMO_VERDICT_EXAMPLES.noViolation).verdict).toBe("allow");
  });

  it("keep their verdicts at any seeding moment", () => {
    const shifted = new Date(NOW.getTime() + LATER_SHIFT_MS);
    const levelAt = (url: string) => {
      const link = keyOf(url);
      return verdictFor(wrap(later.sqlite), link, shifted)?.level ?? null;
    };
    expect(Object.fromEntries(Object.entries(DEMO_VERDICT_EXAMPLES).map(([name, url]) => [name, levelAt(url)]))).toEqual({
      warn: "L1",
      restrictSharing: "L2",
      blockUrl: "L3",
      blockDomain: "L4",
      blockDomainUnreported: "L4",
      expiredBlock: null,
      noViolation: null,
    });
  });
});

describe("demo ratings", () => {
  const today = NOW.toISOString().slice(0, 10);
  const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY).toISOString().slice(0, 10);
  type Row = { slug: string; day: string; score: number; grade: string; provisional: number; decided: number; rectification_rate: number };
  const snapshotsOf = (sqlite: Database.Database, day: string) =>
    all<Row>(sqlite, "select p.slug, s.* from rating_snapshots s join platforms p on p.id = s.platform_id where s.day = ? order by p.slug", day);

  it("cover every rated platform on each of the 180 days, and leave no platform marked stale", () => {
    const { sqlite } = first;
    const rated = count(sqlite, "select count(*) as n from platforms where is_independent = 0");
    expect(first.summary.ratingSnapshots).toBe(180 * rated);
    expect(count(sqlite, "select count(distinct day) as n from rating_snapshots")).toBe(180);
    expect(one<{ first: string; last: string }>(sqlite, "select min(day) as first, max(day) as last from rating_snapshots")).toEqual({ first: daysAgo(179), last: today });
    expect(count(sqlite, "select count(*) as n from rating_snapshots group by day order by n limit 1")).toBe(rated);
    expect(count(sqlite, "select count(*) as n from rating_stale_platforms")).toBe(0);
    expect(count(sqlite, "select count(*) as n from audit_events where action = 'ratings.computed'")).toBe(1);
  });

  it("spread the grades by conduct: a clean small platform at A, the worst at D", () => {
    const rows = snapshotsOf(first.sqlite, today);
    const grades = new Map(rows.map((r) => [r.slug, r.grade]));
    for (const grade of ["A", "B", "C", "D"]) expect(rows.filter((r) => r.grade === grade).length, `platforms graded ${grade}`).toBeGreaterThanOrEqual(2);
    expect(grades.get("amap")).toBe("A");
    expect(grades.get("jd")).toMatch(/^[AB]$/);
    expect(grades.get("pinduoduo")).toBe("D");
    expect(grades.get("58")).toBe("D");
    // Every big platform's links share a few registrable domains, so its repeat rate is about 1.
    const douyin = one<{ repeat_rate: number; provisional: number }>(
      first.sqlite,
      "select repeat_rate, provisional from rating_snapshots s join platforms p on p.id = s.platform_id where p.slug = 'douyin' and day = ?",
      today,
    );
    expect(douyin).toEqual({ repeat_rate: 1, provisional: 0 });
  });

  it("show taobao's grade falling in the last weeks, as its notices went unanswered in time", () => {
    const taobao = (day: string) => snapshotsOf(first.sqlite, day).find((r) => r.slug === "taobao")!;
    const before = taobao(daysAgo(30));
    const now = taobao(today);
    expect(before.grade).toMatch(/^[AB]$/);
    expect(before.rectification_rate).toBe(1);
    expect(now.grade).toMatch(/^[CD]$/);
    expect(now.score).toBeLessThan(before.score - 10);
    expect(now.rectification_rate).toBeLessThan(0.75);
    expect(now.provisional).toBe(0);
  });
});
