// The cached decision-log dataset of bench/exports.ts (bench/data/exports-<rows>.db): <rows> decided
// cases with one decision each, every other one with a rectification notice; rationales with
// Chinese text, commas and quotes, and one in ten starting with "=" (a neutralised CSV cell).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { applyMigrations, openSqlite, wrap } from "@/lib/db/open";

/** Whether `file` holds `rows` decisions (its pending migrations are then applied). */
function usable(sqlite: Database.Database, rows: number): boolean {
  try {
    const decisions = (sqlite.prepare("select count(*) as n from decisions").get() as { n: number }).n;
    return decisions === rows;
  } catch {
    return false;
  }
}

/** Makes sure bench/data/exports-<rows>.db exists and is current; returns its path. */
export function exportsDataset(rows: number): string {
  const file = path.resolve(`bench/data/exports-${rows}.db`);
  if (fs.existsSync(file)) {
    const sqlite = openSqlite(file);
    // A dataset from before a newer migration gets it, as a real install would.
    const ok = usable(sqlite, rows);
    if (ok) {
      applyMigrations(wrap(sqlite));
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
    }
    sqlite.close();
    if (ok) return file;
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  }
  const t0 = performance.now();
  const sqlite = openSqlite(file);
  sqlite.pragma("synchronous = OFF"); // building only
  applyMigrations(wrap(sqlite));
  const at = (i: number) => new Date(Date.parse("2025-01-01T00:00:00.000Z") + i * 30_000).toISOString();
  sqlite.prepare("insert into users (id, email, name, role, password_hash, created_at, updated_at) values (1, 'm@bench', 'M', 'moderator', 'x', ?, ?)").run(at(0), at(0));
  sqlite.prepare("insert into platforms (id, slug, name, name_zh, kind, created_at) values (1, 'shop', 'Shop', '商店', 'shop', ?)").run(at(0));
  sqlite.prepare("insert into rule_versions (id, version, status, summary, created_at) values (1, 1, 'published', 'v1', ?)").run(at(0));
  const link = sqlite.prepare("insert into links (id, canonical_url, url_hash, host, registrable_domain, platform_id, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, 1, ?, ?)");
  const kase = sqlite.prepare("insert into cases (id, link_id, status, claimed_category, opened_at, last_report_at) values (?, ?, 'decided', 'fraud_scam', ?, ?)");
  const decision = sqlite.prepare(
    "insert into decisions (id, case_id, case_version, decider_id, outcome, category, principle, severity, level, rule_version_id, rationale, created_at) values (?, ?, 1, 1, 'violation', 'fraud_scam', 'P1', 'critical', 'L3', 1, ?, ?)",
  );
  const notice = sqlite.prepare("insert into rectification_notices (platform_id, case_id, decision_id, sent_at, deadline_at) values (1, ?, ?, ?, ?)");
  sqlite.transaction(() => {
    for (let i = 1; i <= rows; i += 1) {
      link.run(i, `https://s${i % 1000}.example/item/${i}`, createHash("sha1").update(String(i)).digest("hex"), `s${i % 1000}.example`, `s${i % 1000}.example`, at(i), at(i));
      kase.run(i, i, at(i), at(i));
      decision.run(i, i, i % 10 ? "假红包页面，索要银行卡信息, \"quoted\"" : "=cmd()", at(i));
      if (i % 2) notice.run(i, i, at(i), at(i + 2880));
    }
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  console.error(`built ${rows} decisions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}
