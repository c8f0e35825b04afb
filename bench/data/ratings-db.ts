// A Linkdesk database for the rating benchmark (bench/ratings.ts): 1,000,000 complaints on 600,000
// links and cases, 500,000 decisions across 50 registered platforms and the independent sites over the
// 365 days before RATINGS_NOW, and the rectification notices those decisions sent, with their answers.
//
//   npx tsx bench/data/ratings-db.ts [file]        (default: bench/data/ratings-1m.db)
//
// Built through the app's migrations, then bulk-loaded with prepared statements in big transactions
// (synchronous=OFF while loading). Deterministic: a fixed-seed PRNG and a fixed "now". Only what the
// ratings read is realistic (decision outcomes, severities, reversals, undos, appeal overturns, notice
// answers on time, late or never, withdrawals); texts are short fillers, and no audit events are written
// for the bulk rows (the rating computation never reads them). When BENCH_SCALE_DB names the shared
// full-scale dataset (bench/data/scale-db.ts), the benchmark uses that instead.
import fs from "node:fs";
import path from "node:path";
import { Rng } from "@/db/demo/random";
import { applyMigrations, openSqlite, wrap } from "@/lib/db/open";
import { categories } from "@/lib/rules/categories";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";

export const RATINGS_NOW = new Date("2026-11-24T08:00:00.000Z");
export const DEFAULT_FILE = path.join(process.cwd(), "bench", "data", "ratings-1m.db");
export const PLATFORMS = 50;
export const CASES = 600_000;
export const REPORTS = 1_000_000;
export const DECISIONS = 500_000;
const SPAN_DAYS = 365;
const INDEPENDENT_DOMAINS = 20_000;
const SEED = 424_242;

const iso = (ms: number) => new Date(ms).toISOString();

export function buildRatingsDb(file: string = DEFAULT_FILE): void {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  const sqlite = openSqlite(`${file}.building`);
  applyMigrations(wrap(sqlite));
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -512000");
  const rng = new Rng(SEED);
  const now = RATINGS_NOW.getTime();
  const start = now - SPAN_DAYS * DAY_MS;
  const setupAt = iso(start - DAY_MS);

  const userId = Number(
    sqlite
      .prepare("insert into users (email, name, role, password_hash, created_at, updated_at) values ('bench@linkdesk.test', 'Bench', 'senior', 'x', ?, ?)")
      .run(setupAt, setupAt).lastInsertRowid,
  );
  const ruleVersionId = Number(
    sqlite
      .prepare("insert into rule_versions (version, status, summary, created_at, published_at) values (1, 'published', 'bench', ?, ?)")
      .run(setupAt, setupAt).lastInsertRowid,
  );
  const insertPlatform = sqlite.prepare("insert into platforms (slug, name, name_zh, kind, is_independent, created_at) values (?, ?, ?, 'shop', ?, ?)");
  const platformIds: number[] = [];
  for (let i = 1; i <= PLATFORMS; i += 1) {
    const slug = `bench-${String(i).padStart(2, "0")}`;
    platformIds.push(Number(insertPlatform.run(slug, `Bench ${i}`, `基准 ${i}`, 0, setupAt).lastInsertRowid));
  }
  const independentId = Number(insertPlatform.run("independent", "Independent sites", "独立网站", 1, setupAt).lastInsertRowid);
  // Big platforms draw most links (a Zipf-like spread), each platform on two registrable domains.
  const platformWeights = platformIds.map((id, i) => [id, 1 / (i + 1)] as const);
  const categoryWeights = categories.map((c) => [c, c.severity === "low" ? 25 : c.severity === "medium" ? 20 : c.severity === "high" ? 10 : 6] as const);
  // Each platform has its own conduct: the share of complaints upheld and how it answers notices.
  const conduct = new Map(platformIds.map((id) => [id, { upheld: 0.2 + 0.7 * rng.float(), onTime: 0.5 + 0.48 * rng.float(), never: 0.02 + 0.15 * rng.float() }]));

  const insertLink = sqlite.prepare(
    "insert into links (canonical_url, url_hash, host, registrable_domain, platform_id, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertCase = sqlite.prepare(
    "insert into cases (link_id, status, claimed_category, version, report_count, opened_at, last_report_at, decided_at) values (?, ?, ?, 1, ?, ?, ?, ?)",
  );
  const insertReport = sqlite.prepare(
    "insert into reports (tracking_code, link_id, case_id, raw_url, category, scene, reporter_hash, source, created_at) values (?, ?, ?, ?, ?, 'group', ?, 'api', ?)",
  );
  const insertDecision = sqlite.prepare(
    `insert into decisions (case_id, case_version, decider_id, outcome, category, principle, severity, level, rule_version_id, rationale, created_at,
                            reversed_at, reversed_by, reversal_kind, reversal_reason)
     values (?, 1, ?, ?, ?, ?, ?, ?, ?, 'bench decision', ?, ?, ?, ?, ?)`,
  );
  const insertNotice = sqlite.prepare(
    "insert into rectification_notices (platform_id, case_id, decision_id, sent_at, deadline_at, answered_at, answer, answered_by_user_id, withdrawn_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );

  // Which cases are decided: DECISIONS of the CASES, spread evenly.
  const decidedEvery = CASES / DECISIONS;
  let reportsLeft = REPORTS - CASES;
  let reportSeq = 0;
  const load = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const platform = rng.chance(0.7) ? rng.weighted(platformWeights) : independentId;
      const domain = platform === independentId ? `site-${rng.int(1, INDEPENDENT_DOMAINS)}.example` : `p${platform}-${rng.chance(0.8) ? "a" : "b"}.example`;
      const url = `https://${domain}/item/${i}`;
      const category = rng.weighted(categoryWeights);
      // Opened up to a day before now, so every complaint and decision lies before it.
      const opened = Math.floor(start + ((i + rng.float()) / CASES) * (SPAN_DAYS - 1) * DAY_MS);
      const extra = reportsLeft > 0 && rng.chance(0.45) ? Math.min(reportsLeft, rng.int(1, 2)) : 0;
      reportsLeft -= extra;
      const lastReport = opened + extra * rng.int(1, 6) * HOUR_MS;
      const decidedAt = Math.min(lastReport + Math.floor(rng.exp(18 * HOUR_MS)) + 600_000, now - 60_000);
      const decides = Math.floor(i / decidedEvery) !== Math.floor((i + 1) / decidedEvery);
      const linkId = Number(insertLink.run(url, `h${i}`, domain, domain, platform, iso(opened), iso(lastReport)).lastInsertRowid);
      const caseId = Number(
        insertCase.run(linkId, decides ? "decided" : "open", category.code, 1 + extra, iso(opened), iso(lastReport), decides ? iso(decidedAt) : null).lastInsertRowid,
      );
      for (let r = 0; r <= extra; r += 1) {
        const at = r === 0 ? opened : opened + Math.floor(((lastReport - opened) * r) / extra);
        reportSeq += 1;
        insertReport.run(`LD-B${String(reportSeq).padStart(8, "0")}`, linkId, caseId, url, category.code, `reporter-${rng.int(1, 300_000)}`, iso(at));
      }
      if (!decides) continue;
      const c = platform === independentId ? { upheld: 0.85, onTime: 0, never: 0 } : conduct.get(platform)!;
      const roll = rng.float();
      const outcome = roll < 0.1 ? "insufficient_evidence" : roll < 0.1 + 0.9 * c.upheld ? "violation" : "no_violation";
      const violation = outcome === "violation";
      const kindRoll = rng.float();
      const reversal = kindRoll < 0.005 ? "undo" : kindRoll < 0.02 ? "reversal" : kindRoll < 0.025 ? "appeal" : null;
      const reversedAt = reversal === null ? null : decidedAt + (reversal === "undo" ? 120_000 : Math.floor(rng.exp(5 * DAY_MS)));
      const decisionId = Number(
        insertDecision.run(
          caseId,
          userId,
          outcome,
          category.code,
          category.principle,
          category.severity,
          violation ? "L3" : "L0",
          ruleVersionId,
          iso(decidedAt),
          reversedAt === null || reversedAt >= now ? null : iso(reversedAt),
          reversedAt === null || reversedAt >= now ? null : userId,
          reversedAt === null || reversedAt >= now ? null : reversal,
          reversedAt === null || reversedAt >= now ? null : "bench",
        ).lastInsertRowid,
      );
      if (!violation || platform === independentId) continue;
      const deadline = decidedAt + (category.severity === "critical" ? 24 : 48) * HOUR_MS;
      const answerRoll = rng.float();
      const answered =
        answerRoll < c.never ? null : answerRoll < c.never + (1 - c.never) * c.onTime ? decidedAt + Math.floor((deadline - decidedAt) * rng.float()) : deadline + Math.floor(rng.exp(30 * HOUR_MS));
      const answeredAt = answered !== null && answered < now ? answered : null;
      const withdrawn = reversedAt !== null && reversedAt < now && (answeredAt === null || answeredAt > reversedAt) ? reversedAt : null;
      insertNotice.run(
        platform,
        caseId,
        decisionId,
        iso(decidedAt),
        iso(deadline),
        withdrawn === null && answeredAt !== null ? iso(answeredAt) : null,
        withdrawn === null && answeredAt !== null ? "fixed" : null,
        withdrawn === null && answeredAt !== null ? userId : null,
        withdrawn === null ? null : iso(withdrawn),
      );
    }
  });
  for (let from = 0; from < CASES; from += 50_000) load(from, Math.min(from + 50_000, CASES));
  // Any complaints the draws left over join the newest cases, so the total is exactly REPORTS.
  const fill = sqlite.transaction(() => {
    const ids = sqlite.prepare("select id, link_id as linkId, last_report_at as at from cases order by id desc limit 100000").all() as { id: number; linkId: number; at: string }[];
    let k = 0;
    while (reportsLeft > 0) {
      const c = ids[k % ids.length]!;
      reportSeq += 1;
      insertReport.run(`LD-B${String(reportSeq).padStart(8, "0")}`, c.linkId, c.id, `https://x/${c.id}`, "rumour", `reporter-${rng.int(1, 300_000)}`, c.at);
      reportsLeft -= 1;
      k += 1;
    }
  });
  fill();
  sqlite.pragma("synchronous = FULL");
  sqlite.exec("analyze");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  fs.renameSync(`${file}.building`, file);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${file}.building${suffix}`, { force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? DEFAULT_FILE;
  const started = performance.now();
  buildRatingsDb(file);
  console.log(`built ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
