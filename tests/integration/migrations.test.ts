import { describe, expect, it } from "vitest";
import { testDatabase } from "./support/database";

const domainTables = [
  "users", "api_clients", "platforms", "platform_domains", "links", "link_variants", "cases", "reports",
  "rule_versions", "rules", "decisions", "verdicts", "rectification_notices", "restore_requests", "appeals",
  "rating_snapshots", "grade_overrides", "audit_events",
];

describe("migrations", () => {
  it("apply to an empty file and create the whole domain", () => {
    const { sqlite } = testDatabase();
    const tables = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const table of domainTables) expect(tables).toContain(table);
    const triggers = (sqlite.prepare("select name from sqlite_master where type = 'trigger'").all() as { name: string }[]).map((t) => t.name);
    expect(triggers.sort()).toEqual(["audit_events_no_delete", "audit_events_no_update"]);
  });

  it("are recorded and applying them again changes nothing", () => {
    const { sqlite } = testDatabase();
    const before = (sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    testDatabase();
    const after = (sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    expect(before).toBeGreaterThanOrEqual(2);
    expect(after).toBe(before);
  });

  it("leave the connection in WAL mode with foreign keys, a busy timeout and durable commits", () => {
    const { sqlite } = testDatabase();
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2); // FULL
  });

  it("enforce one open case per canonical link", () => {
    const { sqlite } = testDatabase();
    const now = new Date().toISOString();
    sqlite.prepare("insert into links (canonical_url, url_hash, host, registrable_domain, first_seen_at, last_seen_at) values ('https://a.example/', 'h1', 'a.example', 'a.example', ?, ?)").run(now, now);
    const linkId = (sqlite.prepare("select id from links where url_hash = 'h1'").get() as { id: number }).id;
    const open = sqlite.prepare("insert into cases (link_id, status, claimed_category, opened_at, last_report_at) values (?, ?, 'fraud_scam', ?, ?)");
    open.run(linkId, "open", now, now);
    expect(() => open.run(linkId, "escalated", now, now)).toThrow(/UNIQUE/);
    // A decided case does not block a new open one.
    sqlite.prepare("update cases set status = 'decided' where link_id = ?").run(linkId);
    expect(() => open.run(linkId, "open", now, now)).not.toThrow();
  });
});
