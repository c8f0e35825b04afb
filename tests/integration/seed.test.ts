// The demo seed against real SQLite files: deterministic, complete and consistent.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_API_KEY, DEMO_PASSWORD, type SeedSummary, seedDemo } from "@/db/seed-demo";
import { hashApiKey, keyPrefix } from "@/lib/api-clients/key";
import { verifyAuditChain } from "@/lib/audit/verify";
import { verifyPassword } from "@/lib/auth/password";
import { applyMigrations, openSqlite, wrap } from "@/lib/db/open";
import { categoryCodes } from "@/lib/rules/categories";

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
    // The data is there at all (an empty dump would be trivially identical).
    expect(a.get("reports")!.length).toBeGreaterThan(100_000);
  });

  it("gives the same rows at any other moment, only shifted in time", () => {
    const isoTime = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;
    const unshift = (text: string) => text.replace(isoTime, (t) => new Date(Date.parse(t) - LATER_SHIFT_MS).toISOString());
    // The audit hashes cover the times, so they differ; everything else must match.
    const withoutHashes = (text: string) => text.replace(/"(prev_hash|hash)":"[0-9a-f]{64}"/g, "");
    const a = dump(first.sqlite);
    const b = dump(later.sqlite);
    for (const [table, rows] of a) {
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
    expect(count(sqlite, "select count(*) as n from cases where status <> 'open'")).toBe(0);
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
    expect(count(sqlite, "select count(*) as n from audit_events where actor_id is not null")).toBe(0);
  });
});
