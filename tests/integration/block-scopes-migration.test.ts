// Migration 0013 on a database written before block scopes: its URL verdicts become "this URL"
// verdicts keyed by lookup expression, domain verdicts keep their domain, the feed's keys follow, and
// decisions learn their scope and (for L5 and notices that carried one) their provider sanction.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, migrationsFolder, openSqlite, wrap } from "@/lib/db/open";
import { canonicalize } from "@/lib/links/canonicalize";
import { expressionKey } from "@/lib/verdicts/expressions";
import { verdictFor } from "@/lib/verdicts/in-force";
import { lookUpVerdict } from "@/lib/verdicts/lookup";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkdesk-0013-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was before 0013: the same files, the journal cut after 0012. */
function migrationsBefore0013(): string {
  const folder = path.join(dir, "migrations");
  fs.cpSync(migrationsFolder(), folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < "0013");
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe("migration 0013 (block scopes and sanctions)", () => {
  it("rekeys stored verdicts and the feed, and records scopes and sanctions on decisions", () => {
    const sqlite = openSqlite(path.join(dir, "old.db"));
    migrate(drizzle({ client: sqlite }), { migrationsFolder: migrationsBefore0013() });
    const now = "2026-12-01T00:00:00.000Z";
    const run = (sql: string, ...params: unknown[]) => Number(sqlite.prepare(sql).run(...params).lastInsertRowid);
    const user = run("insert into users (email, name, role, password_hash, created_at, updated_at) values ('m@x.test', 'M', 'senior', 'x', ?, ?)", now, now);
    const platform = run("insert into platforms (slug, name, name_zh, kind, is_independent, created_at) values ('shop', 'Shop', '店', 'shop', 0, ?)", now);
    const ruleVersion = run("insert into rule_versions (version, status, summary, created_at) values (1, 'published', 'v1', ?)", now);
    const itemUrl = "https://item.shop.example/item.htm?id=42&sku=7";
    const link = (url: string, platformId: number | null) => {
      const c = canonicalize(url);
      if (!c.ok) throw new Error(url);
      return run(
        "insert into links (canonical_url, url_hash, host, registrable_domain, platform_id, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?)",
        c.link.canonicalUrl,
        c.link.urlHash,
        c.link.host,
        c.link.registrableDomain,
        platformId,
        now,
        now,
      );
    };
    const decide = (linkId: number, level: string) => {
      const caseId = run("insert into cases (link_id, status, claimed_category, opened_at, last_report_at, decided_at) values (?, 'decided', 'fraud_scam', ?, ?, ?)", linkId, now, now, now);
      return run(
        "insert into decisions (case_id, case_version, decider_id, outcome, category, level, rule_version_id, created_at) values (?, 1, ?, 'violation', 'fraud_scam', ?, ?, ?)",
        caseId,
        user,
        level,
        ruleVersion,
        now,
      );
    };
    const item = link(itemUrl, platform);
    const urlDecision = decide(item, "L3");
    const urlVerdict = run("insert into verdicts (scope, link_id, level, category, decision_id, starts_at) values ('url', ?, 'L3', 'fraud_scam', ?, ?)", item, urlDecision, now);
    run("insert into verdict_changes (verdict_id, key_type, key, level, changed_at) values (?, 'url', 'old-url-hash', 'L3', ?)", urlVerdict, now);
    const scam = link("https://www.scam.example/a", null);
    const domainDecision = decide(scam, "L4");
    const domainVerdict = run("insert into verdicts (scope, domain, level, category, decision_id, starts_at) values ('domain', 'scam.example', 'L4', 'fraud_scam', ?, ?)", domainDecision, now);
    run("insert into verdict_changes (verdict_id, key_type, key, level, changed_at) values (?, 'domain', 'scam.example', 'L4', ?)", domainVerdict, now);
    const sanctionOnly = decide(link("https://item.shop.example/other.htm", platform), "L5");
    sqlite.close();

    const db = wrap(openSqlite(path.join(dir, "old.db")));
    applyMigrations(db);
    const row = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params);
    expect(row("select scope, expression, expression_key, required_params from verdicts where id = ?", urlVerdict)).toEqual({
      scope: "url",
      expression: "item.shop.example/item.htm?id=42",
      expression_key: expressionKey("item.shop.example/item.htm?id=42"),
      required_params: JSON.stringify(["id=42", "sku=7"]),
    });
    expect(row("select scope, expression, expression_key, required_params from verdicts where id = ?", domainVerdict)).toEqual({
      scope: "domain",
      expression: "scam.example/",
      expression_key: expressionKey("scam.example/"),
      required_params: null,
    });
    expect(row("select key_type, key, params from verdict_changes where verdict_id = ?", urlVerdict)).toEqual({
      key_type: "url",
      key: expressionKey("item.shop.example/item.htm?id=42"),
      params: JSON.stringify([expressionKey("id=42"), expressionKey("sku=7")]),
    });
    expect(row("select key_type, key, params from verdict_changes where verdict_id = ?", domainVerdict)).toEqual({ key_type: "domain", key: expressionKey("scam.example/"), params: null });
    expect(row("select scope, provider_sanction from decisions where id = ?", urlDecision)).toEqual({ scope: "url", provider_sanction: 0 });
    expect(row("select scope, provider_sanction from decisions where id = ?", domainDecision)).toEqual({ scope: "domain", provider_sanction: 0 });
    // An L5 decision keeps its meaning: a sanction, no block.
    expect(row("select level, scope, provider_sanction from decisions where id = ?", sanctionOnly)).toEqual({ level: "L5", scope: null, provider_sanction: 1 });

    // The migrated verdicts hold as block scopes do: other spellings, extra parameters, subdomains.
    const at = new Date("2026-12-02T00:00:00.000Z");
    const spelled = canonicalize("http://www.item.shop.example/item.htm?sku=7&id=42&from=x");
    if (!spelled.ok) throw new Error("spelling");
    expect(verdictFor(db, spelled.link, at)?.id).toBe(urlVerdict);
    const answer = lookUpVerdict(db, "https://m.scam.example/never-seen", "standard", at);
    expect(answer.ok && answer.verdict.level).toBe("L4");
    db.$client.close();
  });
});
