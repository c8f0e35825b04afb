// Exporting 1,000,000 decisions: rows per second and the process's peak RSS of the streamed CSV export
// (lib/exports/export.ts, consumed as fast as possible in this process, hashing every chunk as an
// HTTP client would read it), against `sqlite3 -csv` running the same query on the same file.
// Usage: npx tsx bench/exports.ts [rows]   (builds bench/data/exports-<rows>.db once)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const file = path.resolve(`bench/data/exports-${ROWS}.db`);
process.env.DATABASE_URL = `file:${file}`;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-bench";
process.env.REPORTER_HASH_KEY ??= "bench-reporter-key";

const { getDb, getSqlite } = await import("@/lib/db");
const { applyMigrations } = await import("@/lib/db/open");
const { handleExport } = await import("@/lib/exports/export");
const { decisionExportQuery } = await import("@/lib/audit/decision-log");

const fresh = !fs.existsSync(file);
applyMigrations(getDb());
const sqlite = getSqlite();
if (fresh) {
  const t0 = performance.now();
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
    for (let i = 1; i <= ROWS; i += 1) {
      link.run(i, `https://s${i % 1000}.example/item/${i}`, createHash("sha1").update(String(i)).digest("hex"), `s${i % 1000}.example`, `s${i % 1000}.example`, at(i), at(i));
      kase.run(i, i, at(i), at(i));
      decision.run(i, i, i % 10 ? "假红包页面，索要银行卡信息, \"quoted\"" : "=cmd()", at(i));
      if (i % 2) notice.run(i, i, at(i), at(i + 2880));
    }
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  console.error(`built ${ROWS} decisions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const actor = { id: 1, email: "a@bench", name: "A", role: "auditor" as const, locale: "en" as const, timeZone: "UTC" };
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const t0 = performance.now();
const response = handleExport("decisions", new Request("http://bench/api/export/decisions?format=csv"), actor);
const reader = response.body!.getReader();
const hash = createHash("sha256");
let bytes = 0;
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  hash.update(value);
  bytes += value.byteLength;
}
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);

const q = decisionExportQuery({});
const inlined = q.sql; // no parameters without filters
const s0 = performance.now();
const cli = spawnSync("sqlite3", ["-csv", "-header", file, inlined], { maxBuffer: 2 ** 31 - 1, stdio: ["ignore", "pipe", "inherit"] });
const sqliteSeconds = (performance.now() - s0) / 1000;
const sqliteRows = cli.stdout.toString("utf8").split("\n").length - 2; // header, trailing newline (rows with quoted newlines: none here)

const result = {
  rows: Number(response.headers.get("x-export-rows")),
  bytes,
  seconds: Number(seconds.toFixed(2)),
  rowsPerSecond: Math.round(Number(response.headers.get("x-export-rows")) / seconds),
  peakRssMb: Math.round(peakRss / 2 ** 20),
  rssBeforeMb: Math.round(rssBefore / 2 ** 20),
  sqlite3Csv: { rows: sqliteRows, seconds: Number(sqliteSeconds.toFixed(2)), rowsPerSecond: Math.round(sqliteRows / sqliteSeconds) },
  ratioToSqlite3: Number((sqliteSeconds / seconds).toFixed(2)),
};
console.log(JSON.stringify(result, null, 2));
