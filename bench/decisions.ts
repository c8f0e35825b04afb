// Deciding cases at scale (issue 5, docs/performance.md "Decisions"). Target: a decision (the
// decision row, its verdict and change-feed row, the rectification notice, the case update and their
// audit events, in one immediate transaction) commits in under 20 ms at p95, on a database of
// 1,000,000 reports and about 300,000 open cases.
//
//   npx tsx bench/data/reports-db.ts     # once: builds bench/data/reports-1m.db
//   npx tsx bench/decisions.ts           # about 3 minutes; writes bench/results/decisions.json
//
// Two fresh copies of the 1M database, one for Linkdesk and one for the baseline. DECISIONS open
// cases (default 2,000, after 50 warm-up ones that are not counted) are picked with a fixed seed:
// half on registered platforms, round-robin over the platforms, half on independent sites (drawn from
// their open cases, so the big offenders come up repeatedly and reach repeat offences and domain
// blocks). Each case is decided as the rulebook recommends (recommendationFor, as the case page shows
// it): 75 % violation at the recommended level and duration, 15 % no violation, 10 % insufficient
// evidence; an L4 recommendation (domain block, only where the rules allow it) is decided by the
// senior moderator, everything else by a moderator.
//
// For each case, one after the other:
//   1. Linkdesk: decideCase (lib/decisions/decide.ts) in-process, timed end to end (the call, its
//      immediate transaction with every read and write, the commit with synchronous=FULL);
//   2. the baseline, on its own copy: the same rows written with raw better-sqlite3 statements
//      prepared once, in one BEGIN IMMEDIATE transaction: the decision, the verdict and its change-feed
//      row, the notice when Linkdesk wrote them, the case update, and ONE audit row whose hash was
//      computed before the timer started (no reads at all). Same pragmas (lib/db/open.ts openSqlite).
// The two are interleaved so that whatever else the machine does falls on both alike. Afterwards the
// Linkdesk copy's audit chain is verified (lib/audit/verify.ts) and the rows are counted.
// Prints a table, writes bench/results/decisions.json, exits non-zero if a check fails.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { desc } from "drizzle-orm";
import { Rng } from "@/db/demo/random";
import { type Level, type Outcome, type Role, auditEvents } from "@/db/schema";
import { GENESIS_HASH, canonicalJson, eventHash } from "@/lib/audit/encoding";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Actor } from "@/lib/auth/actor";
import { caseFacts, caseSubject, engineRulebook } from "@/lib/decisions/case-facts";
import { type DecisionResult, decideCase, recommendationFor } from "@/lib/decisions/decide";
import { openSqlite, wrap } from "@/lib/db/open";
import { DEFAULT_FILE, ensureReportsDb } from "./data/reports-db";
import { checkpointForCopy, freshCopy } from "./support/cached-db";
import { scaleDatasetFile } from "./support/scale-dataset";
import { summaryRow } from "./support/summary";

const DECISIONS = Number(process.env.DECISIONS ?? 2_000);
const WARMUP = 50;
const TARGET_P95_MS = 20;
const SEED = 20_261_125;
const RATIONALE = "Confirmed on review: the reported page matches the claimed category.";

type Candidate = { caseId: number; linkId: number; category: string; platformId: number; independent: boolean; domain: string };
type Plan = Candidate & { outcome: Outcome; level: Level; durationHours: number | null; role: Role; recommended: Level };
type Timing = { p50: number; p95: number; p99: number; max: number; mean: number };

async function main() {
  // `npm run bench` names the shared scale dataset (bench/data/scale-db.ts) to copy instead.
  const source = scaleDatasetFile() ?? DEFAULT_FILE;
  if (source === DEFAULT_FILE) {
    await ensureReportsDb(DEFAULT_FILE);
    checkpointForCopy(DEFAULT_FILE);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkdesk-decisions-bench-"));
  const linkdeskFile = path.join(dir, "linkdesk.db");
  const baselineFile = path.join(dir, "baseline.db");
  freshCopy(source, linkdeskFile);
  freshCopy(source, baselineFile);

  const sqlite = openSqlite(linkdeskFile);
  const db = wrap(sqlite);
  const raw = openSqlite(baselineFile);

  const reports = (sqlite.prepare("select count(*) as n from reports").get() as { n: number }).n;
  const openCases = (sqlite.prepare("select count(*) as n from cases where status = 'open'").get() as { n: number }).n;
  const actors = staffActors(sqlite);
  const decidedAtStart = (sqlite.prepare("select count(*) as n from cases where status = 'decided'").get() as { n: number }).n;

  // ── Which cases, and how each is decided ──────────────────────────────────
  const rng = new Rng(SEED);
  const candidates = pickCases(sqlite, rng, DECISIONS + WARMUP);
  const now = () => new Date();
  const linksOnDomain = sqlite.prepare("select count(*) from links where registrable_domain = ?").pluck();
  const domainLinks = new Map<string, number>();
  for (const c of candidates) if (!domainLinks.has(c.domain)) domainLinks.set(c.domain, linksOnDomain.get(c.domain) as number);
  const plans: Plan[] = candidates.map((c) => ({ ...c, outcome: "violation", level: "L0", durationHours: null, role: "moderator", recommended: "L0" }));
  const outcomeFor = (): Outcome => rng.weighted<Outcome>([["violation", 75], ["no_violation", 15], ["insufficient_evidence", 10]]);

  // ── Measure ───────────────────────────────────────────────────────────────
  const decision = decisionWriter(raw);
  const linkdeskMs: number[] = [];
  const baselineMs: number[] = [];
  const recommendMs: number[] = [];
  const failures: string[] = [];
  /** Linkdesk's times by kind of case: platform or independent site, and how many links its domain has. */
  const byKind: Record<string, number[]> = {};
  const kindsOf = (plan: Plan) => {
    const n = domainLinks.get(plan.domain)!;
    const size = n < 100 ? "domain < 100 links" : n < 5_000 ? "domain 100–4,999 links" : "domain ≥ 5,000 links";
    return [plan.independent ? "independent site" : "registered platform", size, plan.outcome === "violation" ? `violation ${plan.level}` : "no violation / insufficient"];
  };
  const tally = { outcome: {} as Record<string, number>, level: {} as Record<string, number>, role: {} as Record<string, number>, verdicts: 0, domainVerdicts: 0, notices: 0, repeatOffences: 0 };
  const readDecision = sqlite.prepare("select * from decisions where id = ?");
  const readVerdict = sqlite.prepare("select * from verdicts where id = ?");
  const readChange = sqlite.prepare("select * from verdict_changes where verdict_id = ?");
  const readNotice = sqlite.prepare("select * from rectification_notices where id = ?");
  const readVersion = sqlite.prepare("select version from cases where id = ?").pluck();

  for (let i = 0; i < plans.length; i += 1) {
    const plan = plans[i]!;
    const counted = i >= WARMUP;
    // What the case page shows before deciding (not part of the decision's time).
    const at = now();
    const startedRecommend = performance.now();
    const recommendation = recommendationFor(db, plan.caseId, plan.category, at);
    if (counted) recommendMs.push(performance.now() - startedRecommend);
    plan.recommended = recommendation.level;
    plan.outcome = outcomeFor();
    if (plan.outcome === "violation") {
      plan.level = recommendation.level;
      plan.durationHours = recommendation.durationHours;
    }
    plan.role = plan.level === "L4" ? "senior" : "moderator";
    const actor = actors[plan.role === "senior" ? "senior" : i % 2 === 0 ? "moderator" : "moderator2"]!;
    const caseVersion = readVersion.get(plan.caseId) as number;

    // 1. Linkdesk.
    let result: DecisionResult;
    const started = performance.now();
    try {
      result = decideCase(
        db,
        actor,
        {
          caseId: plan.caseId,
          caseVersion,
          outcome: plan.outcome,
          category: plan.category,
          level: plan.level,
          durationHours: plan.durationHours,
          rationale: plan.outcome === "violation" ? RATIONALE : null,
          internalNote: null,
          publicNote: null,
        },
        { now: at, requestId: `bench-decision-${i}` },
      );
    } catch (error) {
      failures.push(`case ${plan.caseId}: ${(error as Error).message}`);
      continue;
    }
    const elapsed = performance.now() - started;
    if (counted) {
      linkdeskMs.push(elapsed);
      for (const kind of kindsOf(plan)) (byKind[kind] ??= []).push(elapsed);
    }

    // 2. The baseline writes the same rows (read back from Linkdesk's copy, outside the timers).
    const row = readDecision.get(result.decisionId) as Record<string, unknown>;
    const verdict = result.verdictId === null ? null : (readVerdict.get(result.verdictId) as Record<string, unknown>);
    const change = result.verdictId === null ? null : (readChange.get(result.verdictId) as Record<string, unknown>);
    const notice = result.noticeId === null ? null : (readNotice.get(result.noticeId) as Record<string, unknown>);
    const audit = decision.auditRow(actor.id, row, `bench-decision-${i}`);
    const baselineStarted = performance.now();
    const ids = decision.write(row, verdict, change, notice, audit);
    const baselineElapsed = performance.now() - baselineStarted;
    if (counted) baselineMs.push(baselineElapsed);
    if (ids.decisionId !== result.decisionId || ids.verdictId !== result.verdictId || ids.noticeId !== result.noticeId) {
      failures.push(`case ${plan.caseId}: the baseline's rows got other ids than Linkdesk's`);
    }

    if (counted) {
      tally.outcome[plan.outcome] = (tally.outcome[plan.outcome] ?? 0) + 1;
      tally.level[plan.level] = (tally.level[plan.level] ?? 0) + 1;
      tally.role[plan.role] = (tally.role[plan.role] ?? 0) + 1;
      if (result.verdictId !== null) tally.verdicts += 1;
      if (verdict?.scope === "domain") tally.domainVerdicts += 1;
      if (result.noticeId !== null) tally.notices += 1;
      if (plan.outcome === "violation" && recommendation.offenceNumber > 1) tally.repeatOffences += 1;
    }
  }

  // ── Where Linkdesk's time goes: its reads, timed alone afterwards on the same cases (read-only) ──
  const parts = { engineRulebook: [] as number[], caseSubject: [] as number[], caseFacts: [] as number[], auditHeadRead: [] as number[] };
  const analysisNow = new Date().toISOString();
  for (const plan of plans.slice(WARMUP)) {
    let t0 = performance.now();
    const rulebook = engineRulebook(db);
    parts.engineRulebook.push(performance.now() - t0);
    t0 = performance.now();
    const subject = caseSubject(db, plan.caseId)!;
    parts.caseSubject.push(performance.now() - t0);
    t0 = performance.now();
    caseFacts(db, subject, plan.category, rulebook.forEngine.repeatWindowDays, analysisNow);
    parts.caseFacts.push(performance.now() - t0);
    t0 = performance.now();
    db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).get();
    parts.auditHeadRead.push(performance.now() - t0);
  }
  const readParts = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, summary(v)]));
  console.log("Linkdesk's reads inside a decision, timed alone on the same cases afterwards:");
  console.table(readParts);

  // ── Check ─────────────────────────────────────────────────────────────────
  const decided = (sqlite.prepare("select count(*) as n from cases where status = 'decided'").get() as { n: number }).n;
  const decidedBaseline = (raw.prepare("select count(*) as n from cases where status = 'decided'").get() as { n: number }).n;
  const auditRows = (sqlite.prepare("select count(*) as n from audit_events where request_id like 'bench-decision-%'").get() as { n: number }).n;
  console.log(`verifying the audit chain of Linkdesk's copy…`);
  const verifyStarted = performance.now();
  const chain = verifyAuditChain(sqlite);
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  console.log(`audit chain: ${chain.ok ? `${chain.verified} events verify` : `BROKEN at ${chain.firstBadSeq}: ${chain.reason}`} (${verifySeconds.toFixed(1)} s)`);

  const linkdesk = summary(linkdeskMs);
  const baseline = summary(baselineMs);
  const recommend = summary(recommendMs);
  const ratio = { p50: round(linkdesk.p50 / baseline.p50, 2), p95: round(linkdesk.p95 / baseline.p95, 2) };
  const checks = {
    everyDecisionCommitted: failures.length === 0 && linkdeskMs.length === DECISIONS,
    casesDecidedMatch: decided === decidedBaseline && decided === decidedAtStart + linkdeskMs.length + WARMUP,
    auditChainVerifies: chain.ok,
    p95UnderTarget: linkdesk.p95 < TARGET_P95_MS,
  };
  const pass = Object.values(checks).every(Boolean);

  console.log(`\n${reports} reports, ${openCases} open cases at the start; ${DECISIONS} decisions measured after ${WARMUP} warm-up`);
  console.log(`outcomes ${JSON.stringify(tally.outcome)}  levels ${JSON.stringify(tally.level)}  deciders ${JSON.stringify(tally.role)}`);
  console.log(`verdicts ${tally.verdicts} (domain ${tally.domainVerdicts}), notices ${tally.notices}, repeat offences ${tally.repeatOffences}, audit events ${auditRows}`);
  console.table({
    "Linkdesk decideCase": linkdesk,
    "baseline (raw inserts)": baseline,
    "recommendationFor (info)": recommend,
  });
  const kinds = Object.fromEntries(Object.entries(byKind).sort().map(([k, v]) => [k, { n: v.length, ...summary(v) }]));
  console.log("Linkdesk decideCase by kind of case:");
  console.table(kinds);
  console.log(`Linkdesk / baseline: p50 ${ratio.p50}×, p95 ${ratio.p95}×`);
  console.log(`decision p95 ${linkdesk.p95} ms (target < ${TARGET_P95_MS} ms): ${checks.p95UnderTarget ? "PASS" : "FAIL"}`);
  for (const f of failures.slice(0, 20)) console.error(`  ${f}`);

  const out = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg().map((l) => round(l, 2)) },
    database: { file: source, reports, openCases, synchronous: "FULL", journalMode: "WAL" },
    decisions: DECISIONS,
    warmup: WARMUP,
    mix: tally,
    targetP95Ms: TARGET_P95_MS,
    linkdeskMs: linkdesk,
    baselineMs: baseline,
    ratioToBaseline: ratio,
    recommendationForMs: recommend,
    linkdeskByKind: kinds,
    linkdeskReadsAloneMs: readParts,
    auditChain: { ...chain, seconds: round(verifySeconds, 1), benchEvents: auditRows },
    failures: failures.slice(0, 50),
    checks,
    pass,
    summary: [
      summaryRow("decision commit p95 (ms)", linkdesk.p95, baseline.p95, `< ${TARGET_P95_MS} ms`, checks.p95UnderTarget, ratio.p95),
      summaryRow("decision commit p50 (ms)", linkdesk.p50, baseline.p50, "", null, ratio.p50),
      summaryRow("decisions committed", `${linkdeskMs.length} of ${DECISIONS}`, null, "all", checks.everyDecisionCommitted),
      summaryRow("cases decided (Linkdesk = baseline = expected)", decided, decidedBaseline, "equal", checks.casesDecidedMatch, ""),
      summaryRow("audit chain verifies after deciding", chain.ok ? `yes, ${chain.verified} events` : "NO", null, "yes", checks.auditChainVerifies),
    ],
  };
  fs.mkdirSync(path.join(process.cwd(), "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(process.cwd(), "bench", "results", "decisions.json"), `${JSON.stringify(out, null, 2)}\n`);
  sqlite.close();
  raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (!pass) process.exitCode = 1;
}

/** The demo staff as actors: a moderator, a second moderator and the senior moderator. */
function staffActors(sqlite: Database.Database): Record<string, Actor> {
  const row = (email: string) =>
    sqlite.prepare("select id, email, name, role, locale, time_zone as timeZone from users where email = ?").get(email) as Actor;
  return {
    moderator: row("moderator@linkdesk.test"),
    moderator2: row("li.na@linkdesk.test"),
    senior: row("senior@linkdesk.test"),
  };
}

/**
 * `count` open cases, fixed by the seed: half on registered platforms, taken round-robin over the
 * platforms (each platform's open cases in a random order), half on independent sites, drawn at
 * random from their open cases (so domains with many links come up repeatedly).
 */
function pickCases(sqlite: Database.Database, rng: Rng, count: number): Candidate[] {
  const all = sqlite
    .prepare(
      `select c.id as caseId, l.id as linkId, c.claimed_category as category, l.platform_id as platformId,
              p.is_independent as independent, l.registrable_domain as domain
         from cases c join links l on l.id = c.link_id join platforms p on p.id = l.platform_id
        where c.status = 'open' order by c.id`,
    )
    .all() as (Omit<Candidate, "independent"> & { independent: number })[];
  const shuffle = <T>(items: T[]) => {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rng.float() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };
  const byPlatform = new Map<number, Candidate[]>();
  const independent: Candidate[] = [];
  for (const r of all) {
    const c: Candidate = { ...r, independent: r.independent === 1 };
    if (c.independent) independent.push(c);
    else byPlatform.set(c.platformId, [...(byPlatform.get(c.platformId) ?? []), c]);
  }
  const queues = [...byPlatform.values()].map(shuffle);
  const platformPicks: Candidate[] = [];
  for (let round = 0; platformPicks.length < Math.ceil(count / 2); round += 1) {
    for (const q of queues) if (round < q.length && platformPicks.length < Math.ceil(count / 2)) platformPicks.push(q[round]!);
  }
  const independentPicks = shuffle(independent).slice(0, count - platformPicks.length);
  // Interleave the two halves, so that platforms and independent sites alternate through the run.
  const out: Candidate[] = [];
  for (let i = 0; out.length < count; i += 1) {
    if (i < platformPicks.length) out.push(platformPicks[i]!);
    if (i < independentPicks.length && out.length < count) out.push(independentPicks[i]!);
  }
  return out;
}

/** The baseline: the rows of one decision with statements prepared once, one transaction, no reads. */
function decisionWriter(raw: Database.Database) {
  const insertDecision = raw.prepare(
    `insert into decisions (case_id, case_version, decider_id, outcome, category, principle, severity, level, duration_hours,
                            rule_version_id, offence_number, recommended_level, rationale, internal_note, public_note, created_at)
     values (@case_id, @case_version, @decider_id, @outcome, @category, @principle, @severity, @level, @duration_hours,
             @rule_version_id, @offence_number, @recommended_level, @rationale, @internal_note, @public_note, @created_at)`,
  );
  const insertVerdict = raw.prepare(
    `insert into verdicts (scope, link_id, domain, level, category, decision_id, starts_at, expires_at)
     values (@scope, @link_id, @domain, @level, @category, @decision_id, @starts_at, @expires_at)`,
  );
  const insertChange = raw.prepare(
    `insert into verdict_changes (verdict_id, key_type, key, level, expires_at, changed_at)
     values (@verdict_id, @key_type, @key, @level, @expires_at, @changed_at)`,
  );
  const insertNotice = raw.prepare(
    `insert into rectification_notices (platform_id, case_id, decision_id, sent_at, deadline_at)
     values (@platform_id, @case_id, @decision_id, @sent_at, @deadline_at)`,
  );
  const closeCase = raw.prepare(
    `update cases set status = 'decided', version = version + 1, decided_at = ?, assignee_id = null, lease_expires_at = null where id = ?`,
  );
  const insertAudit = raw.prepare(
    `insert into audit_events (seq, at, actor_id, action, target_type, target_id, before, after, request_id, prev_hash, hash)
     values (@seq, @at, @actorId, @action, @targetType, @targetId, @before, @after, @requestId, @prevHash, @hash)`,
  );
  const head = raw.prepare("select seq, hash from audit_events order by seq desc limit 1").get() as { seq: number; hash: string } | undefined;
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const begin = raw.prepare("begin immediate");
  const commit = raw.prepare("commit");

  return {
    /** The decision's audit row, hashed from the chain head kept in memory: computed before the timer. */
    auditRow(actorId: number, decision: Record<string, unknown>, requestId: string) {
      seq += 1;
      const fields = {
        seq,
        at: decision.created_at as string,
        actorId,
        action: "decision.recorded",
        targetType: "decision",
        targetId: String(decision.id),
        before: null,
        after: canonicalJson(decision),
        requestId,
      };
      const hash = eventHash(prevHash, fields);
      const row = { ...fields, prevHash, hash };
      prevHash = hash;
      return row;
    },
    write(
      decision: Record<string, unknown>,
      verdict: Record<string, unknown> | null,
      change: Record<string, unknown> | null,
      notice: Record<string, unknown> | null,
      audit: Record<string, unknown>,
    ) {
      begin.run();
      try {
        const decisionId = Number(insertDecision.run(decision).lastInsertRowid);
        let verdictId: number | null = null;
        if (verdict) {
          verdictId = Number(insertVerdict.run({ ...verdict, decision_id: decisionId }).lastInsertRowid);
          insertChange.run({ ...change!, verdict_id: verdictId });
        }
        const noticeId = notice ? Number(insertNotice.run({ ...notice, decision_id: decisionId }).lastInsertRowid) : null;
        closeCase.run(decision.created_at, decision.case_id);
        insertAudit.run(audit);
        commit.run();
        return { decisionId, verdictId, noticeId };
      } catch (error) {
        raw.exec("rollback");
        throw error;
      }
    },
  };
}

function summary(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!, 3);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted.at(-1)!, 3), mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length, 3) };
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
