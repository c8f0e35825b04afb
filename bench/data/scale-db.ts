// The full-scale Linkdesk dataset every benchmark can run against (issue 8; `npm run bench:data`):
//
//   npx tsx bench/data/scale-db.ts [file]        (default: bench/data/scale.db)
//
// Deterministic (fixed-seed PRNGs, everything relative to SCALE_NOW), built through the app's own
// migrations and in these steps:
//   1. bench/data/reports-db.ts buildReportsDb: the demo seed (staff, demo API client, the platform
//      registry, rule version 1, 5,000 complaints decided through decideCase), then bulk complaints
//      up to 1,000,000 reports less the ones step 3 adds, each with the audit events intake writes;
//   2. invented platforms (bench/data/scale/platforms.ts) up to 50 platforms with their registrable
//      domains, registered with the audit event the seed writes;
//   3. complaints about the invented platforms' links (Zipf-like sizes), so the total is 1,000,000;
//   4. moderators' decisions on the open cases until 200,000 are left open: outcomes by the platform's
//      profile (some platforms clean, some poor, so ratings spread over A–D), the level the rulebook's
//      ladder gives for the domain's offence, the verdict, the rectification notice to the platform
//      and the platform's answer (on time, late or never, by profile), in time order;
//   5. older violation decisions on independent sites (URL verdicts on a few tens of thousands of
//      sites, domain verdicts each on its own domain) until 1,000,000 verdicts are in force, each on
//      its own link and case with its decision, verdict and change-feed row;
//   6. the rating snapshots of the 180 days ending SCALE_NOW, computed by the app's own
//      lib/ratings/compute.ts (its loadRatingInputs, snapshotRows and upsertSnapshots, as
//      computeSnapshots runs them, for the rated platforms; see step 6 below).
//   7. every open case's stored queue priority, by lib/queue/refresh-priority.ts refreshOpenPrioritiesNow.
//   8. the query planner's statistics (sqlite_stat1) as the server gathers them at start
//      (lib/db/planner-statistics.ts refreshPlannerStatistics), so in-process benchmarks plan as it does.
// Every decision, verdict, notice and answer gets the audit events the app writes for it
// (decision.recorded, case.decided, verdict.created, notice.sent, notice.answered), hash-chained with
// lib/audit/encoding.ts, so `npm run audit:verify` accepts the chain. What differs from the app:
//   - the chain is in time order within each step, not across them (steps 2–5 append after step 1's
//     events, with earlier `at` times);
//   - the cases of step 5 have no complaints (report_count 0; the brief's 1,000,000 reports cannot
//     also cover 1,000,000 decided cases), so they have no link.created/case.opened events, and their
//     decision.recorded events carry the decision and a short recommendation, not the full facts.
// Verdicts in force: every one started before SCALE_NOW and lasts until lifted or at least 14 days
// past it (as bench/data/verdicts-db.ts), so ≥ 1,000,000 are in force for two weeks after SCALE_NOW.
//
// Bulk-load settings while generating (journal off, synchronous off, 2 GB page cache, the loaded
// tables' secondary indexes dropped and rebuilt from their own CREATE statements), then WAL and
// synchronous=FULL again and the WAL checkpointed, so the file is self-contained and safe to copy.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { descriptions } from "@/db/demo/descriptions";
import { independentCategoryMix, independentPaths, platformCategoryMix, sceneMix } from "@/db/demo/link-shapes";
import { Rng, TRACKING_ALPHABET, fill } from "@/db/demo/random";
import type { LadderStep, Level } from "@/db/schema";
import { applyMigrations, openSqlite, wrap } from "@/lib/db/open";
import { canonicalize } from "@/lib/links/canonicalize";
import { attribute } from "@/lib/platforms/attribution";
import { domainIndex, invalidateDomainIndex } from "@/lib/platforms/domain-index";
import { platformRegistry } from "@/lib/platforms/registry";
import { recordAudit } from "@/lib/audit/record";
import { loadRatingInputs, snapshotRows, upsertSnapshots } from "@/lib/ratings/compute";
import { refreshOpenPrioritiesNow } from "@/lib/queue/refresh-priority";
import { refreshPlannerStatistics } from "@/lib/db/planner-statistics";
import { FORMULA_VERSION } from "@/lib/ratings/formula";
import type { CategoryCode } from "@/lib/rules/categories";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";
import { isFreshDb } from "../support/cached-db";
import { fillVerdictKeys } from "../support/verdict-keys";
import { BULK_NOW, BULK_REPORTER_KEY, buildReportsDb } from "./reports-db";
import { chainWriter } from "./scale/chain";
import { INDEPENDENT_PROFILE, type InventedPlatform, type Profile, TOTAL_PLATFORMS, inventedPlatforms, profilesFor } from "./scale/platforms";
import { IN_FORCE_MARGIN_MS, hostPrefix, inventedDomain } from "./verdicts-db";

export const DEFAULT_FILE = path.join(process.cwd(), "bench", "data", "scale.db");
/** The moment the data is generated relative to (the reports dataset's and the demo seed's `now`). */
export const SCALE_NOW = BULK_NOW;
export const TOTAL_REPORTS = 1_000_000;
export const OPEN_CASES = 200_000;
export const VERDICTS_IN_FORCE = 1_000_000;
export const RATING_DAYS = 180;
const INVENTED_REPORTS = 30_000;
const DOMAIN_VERDICT_SHARE = 0.2;
const BACKLOG_URL_SITES = 60_000;
const EVENTS_PER_TRANSACTION = 100_000;
const SEED = 8_000_008;

export type ScaleSummary = {
  file: string;
  seconds: number;
  steps: Record<string, number>;
  counts: Record<string, number>;
  verdictsInForceAtNow: number;
  verdictsInForceAtNowPlusMargin: number;
  gradesOnLastDay: Record<string, number>;
  bytes: number;
};

const iso = (ms: number) => new Date(ms).toISOString();

/** The generator's own files: the cached file is stale when any is newer. */
export function generatorFiles(): string[] {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const scaleDir = path.join(here, "scale");
  return [
    new URL(import.meta.url).pathname,
    path.join(here, "reports-db.ts"),
    path.join(here, "verdicts-db.ts"),
    ...fs.readdirSync(scaleDir).map((f) => path.join(scaleDir, f)),
  ];
}

/** Whether `file` exists, is newer than every generator file and holds every migration. */
export function isScaleDbFresh(file: string = DEFAULT_FILE): boolean {
  const newest = generatorFiles().reduce((a, b) => (fs.statSync(a).mtimeMs >= fs.statSync(b).mtimeMs ? a : b));
  return isFreshDb(file, newest);
}

type RuleRow = { category: string; principle: string; severity: "critical" | "high" | "medium" | "low"; ladder: LadderStep[] };

/** A case the moderators decide in step 4 (from the file, or one of step 3's, filled while loading). */
type Candidate = {
  caseId: number;
  linkId: number;
  category: string;
  lastAt: number;
  domain: string;
  urlHash: string;
  platformId: number;
  independent: boolean;
  invented: PlannedInventedLink | null;
};

type PlannedInventedLink = {
  canonicalUrl: string;
  urlHash: string;
  host: string;
  domain: string;
  platformId: number;
  isShortLink: boolean;
  category: CategoryCode;
  firstAt: number;
  lastAt: number;
  count: number;
  linkId: number;
  caseId: number;
};

type PlannedDecision = {
  at: number;
  caseId: number; // 0 until known (step 3's cases, step 5's new cases)
  candidate: Candidate | null; // null: a step 5 decision on a new link
  backlog: { canonicalUrl: string; urlHash: string; host: string; domain: string; isMixedScript: boolean; isIpLiteral: boolean; openedAt: number } | null;
  platformId: number;
  independent: boolean;
  outcome: "violation" | "no_violation" | "insufficient_evidence";
  category: string;
  level: Level;
  durationHours: number | null;
  offenceNumber: number | null;
  recommendedLevel: Level | null;
  scope: "url" | "domain";
  deciderId: number;
  notice: { deadlineAt: number; answeredAt: number | null } | null;
};

type StreamEvent =
  | { at: number; kind: 0; link: PlannedInventedLink; first: boolean }
  | { at: number; kind: 1; decision: PlannedDecision }
  | { at: number; kind: 2; decision: PlannedDecision };

const ANSWERS = [
  "The listing has been removed and the seller warned.",
  "Content taken down; the account is under review.",
  "We removed the page and blocked the share entry.",
  "已下架相关内容并处罚账号。",
  "已删除页面并关闭分享入口。",
];
const RATIONALES = [
  "Checked the page and confirmed it.",
  "The page asks for bank card details behind a fake prize.",
  "Share-to-unlock task confirmed on the landing page.",
  "已核实页面内容，确认违规。",
  "Multiple reporters, same content; confirmed on review.",
];

export async function buildScaleDb(file: string = DEFAULT_FILE): Promise<ScaleSummary> {
  const started = performance.now();
  const steps: Record<string, number> = {};
  let mark = performance.now();
  const step = (name: string) => {
    const t = performance.now();
    steps[name] = Math.round((t - mark) / 100) / 10;
    mark = t;
    console.error(`  ${name}: ${steps[name]} s`);
  };
  const nowMs = SCALE_NOW.getTime();

  // ── 1. Reports (and the demo seed under them) ─────────────────────────────
  await buildReportsDb(file, TOTAL_REPORTS - INVENTED_REPORTS);
  step("reports (bench/data/reports-db.ts)");

  const sqlite = openSqlite(file);
  const db = wrap(sqlite);
  applyMigrations(db);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -2000000");
  const chain = chainWriter(sqlite);
  const rng = new Rng(SEED);

  // ── 2. Invented platforms ─────────────────────────────────────────────────
  const setupAt = iso(nowMs - (RATING_DAYS + 1) * DAY_MS);
  const invented = inventedPlatforms(platformRegistry.length, TOTAL_PLATFORMS);
  const insertPlatform = sqlite.prepare("insert into platforms (slug, name, name_zh, kind, is_independent, created_at) values (?, ?, ?, ?, 0, ?)");
  const insertDomain = sqlite.prepare("insert into platform_domains (platform_id, domain, kind, created_at) values (?, ?, ?, ?)");
  const inventedIds = new Map<InventedPlatform, number>();
  sqlite.transaction(() => {
    for (const p of invented) {
      const id = Number(insertPlatform.run(p.slug, p.name, p.nameZh, p.kind, setupAt).lastInsertRowid);
      for (const d of p.domains) insertDomain.run(id, d.domain, d.kind, setupAt);
      chain.append({ at: setupAt, actorId: null, action: "platform.created", targetType: "platform", targetId: id, after: { slug: p.slug, name: p.name, kind: p.kind, domains: p.domains.map((d) => d.domain) } });
      inventedIds.set(p, id);
    }
  })();
  invalidateDomainIndex();
  const index = domainIndex(db);
  const platformRows = sqlite.prepare("select id, is_independent as independent from platforms order by id").all() as { id: number; independent: number }[];
  const independentId = platformRows.find((p) => p.independent === 1)!.id;
  const profiles = profilesFor(platformRows.filter((p) => p.independent === 0).map((p) => p.id));
  const profileOf = (platformId: number): Profile => (platformId === independentId ? INDEPENDENT_PROFILE : profiles.get(platformId)!);

  const staff = sqlite.prepare("select id, role from users order by id").all() as { id: number; role: string }[];
  const moderators = staff.filter((u) => u.role === "moderator").map((u) => u.id);
  const seniors = staff.filter((u) => u.role === "senior").map((u) => u.id);
  const managerId = staff.find((u) => u.role === "manager")!.id;
  const apiClientId = (sqlite.prepare("select id from api_clients order by id limit 1").get() as { id: number }).id;
  const ruleVersion = sqlite.prepare("select id from rule_versions where status = 'published' order by version desc limit 1").get() as { id: number };
  const ruleOf = new Map(
    (sqlite.prepare("select category, principle, severity, ladder from rules where rule_version_id = ?").all(ruleVersion.id) as (Omit<RuleRow, "ladder"> & { ladder: string })[]).map(
      (r) => [r.category, { ...r, ladder: JSON.parse(r.ladder) as LadderStep[] }],
    ),
  );
  step("platforms");

  // ── 3. Plan complaints about the invented platforms ───────────────────────
  const weightTotal = invented.reduce((s, p) => s + p.weight, 0);
  const inventedLinks: PlannedInventedLink[] = [];
  const seenUrls = new Set<string>();
  const reportsFrom = nowMs - RATING_DAYS * DAY_MS;
  let plannedInventedReports = 0;
  while (plannedInventedReports < INVENTED_REPORTS) {
    let r = rng.float() * weightTotal;
    const p = invented.find((q) => (r -= q.weight) < 0) ?? invented[invented.length - 1]!;
    const domain = p.domains[0]!.domain;
    const url = `https://${rng.pick(p.hosts)}${domain}${fill(rng, rng.pick(p.paths))}`;
    const canonical = canonicalize(url);
    if (!canonical.ok || seenUrls.has(canonical.link.canonicalUrl)) continue;
    seenUrls.add(canonical.link.canonicalUrl);
    const link = canonical.link;
    const attribution = attribute(index, link.host, link.registrableDomain);
    if (attribution.platformId !== inventedIds.get(p)) throw new Error(`${url} is not attributed to ${p.slug}`);
    const roll = rng.float();
    const count = Math.min(INVENTED_REPORTS - plannedInventedReports, roll < 0.55 ? 1 : roll < 0.8 ? 2 : roll < 0.95 ? rng.int(3, 6) : rng.int(7, 40));
    const firstAt = reportsFrom + Math.floor(rng.float() * (nowMs - HOUR_MS - reportsFrom));
    inventedLinks.push({
      canonicalUrl: link.canonicalUrl,
      urlHash: link.urlHash,
      host: link.host,
      domain: link.registrableDomain,
      platformId: attribution.platformId,
      isShortLink: attribution.isShortLink,
      category: rng.weighted(platformCategoryMix),
      firstAt,
      lastAt: firstAt,
      count,
      linkId: 0,
      caseId: 0,
    });
    plannedInventedReports += count;
  }
  const stream: StreamEvent[] = [];
  for (const link of inventedLinks) {
    for (let i = 0; i < link.count; i += 1) {
      const at = i === 0 ? link.firstAt : Math.min(nowMs - HOUR_MS, link.firstAt + Math.floor(rng.exp(1.5 * DAY_MS)));
      if (at > link.lastAt) link.lastAt = at;
      stream.push({ at, kind: 0, link, first: i === 0 });
    }
  }

  // ── 4. Plan the decisions on open cases ───────────────────────────────────
  const openRows = sqlite
    .prepare(
      `select c.id as caseId, c.link_id as linkId, c.claimed_category as category, c.last_report_at as lastReportAt, c.status as status,
              l.registrable_domain as domain, l.url_hash as urlHash, l.platform_id as platformId
         from cases c join links l on l.id = c.link_id where c.status in ('open', 'escalated')`,
    )
    .all() as { caseId: number; linkId: number; category: string; lastReportAt: string; status: string; domain: string; urlHash: string; platformId: number }[];
  const candidates: Candidate[] = [];
  for (const row of openRows) {
    if (row.status !== "open") continue;
    const lastAt = Date.parse(row.lastReportAt);
    if (lastAt > nowMs - 2 * HOUR_MS) continue;
    candidates.push({ caseId: row.caseId, linkId: row.linkId, category: row.category, lastAt, domain: row.domain, urlHash: row.urlHash, platformId: row.platformId, independent: row.platformId === independentId, invented: null });
  }
  for (const link of inventedLinks) {
    if (link.lastAt > nowMs - 2 * HOUR_MS) continue;
    candidates.push({ caseId: 0, linkId: 0, category: link.category, lastAt: link.lastAt, domain: link.domain, urlHash: link.urlHash, platformId: link.platformId, independent: false, invented: link });
  }
  const toDecide = openRows.length + inventedLinks.length - OPEN_CASES;
  if (toDecide <= 0 || toDecide > candidates.length) throw new Error(`cannot leave ${OPEN_CASES} cases open: ${openRows.length + inventedLinks.length} open, ${candidates.length} decidable`);
  // Older cases are more likely decided by now (weighted sampling without replacement).
  const keyed = candidates.map((c) => ({ c, key: rng.exp(1) / (1 + (nowMs - c.lastAt) / (20 * DAY_MS)) }));
  keyed.sort((a, b) => a.key - b.key);
  const chosen = keyed.slice(0, toDecide).map((k) => k.c);

  const decisionsPlan: PlannedDecision[] = [];
  for (const c of chosen) {
    let at = c.lastAt + 10 * 60_000 + Math.floor(rng.exp(1.5 * DAY_MS));
    if (at >= nowMs - 30 * 60_000) at = c.lastAt + Math.floor(rng.float() * (nowMs - 30 * 60_000 - c.lastAt));
    const profile = profileOf(c.platformId);
    const category = rng.chance(0.85) ? c.category : rng.weighted(c.independent ? independentCategoryMix : platformCategoryMix);
    const roll = rng.float();
    const outcome = roll < profile.violationShare ? "violation" : roll < profile.violationShare + (1 - profile.violationShare) * 0.85 ? "no_violation" : "insufficient_evidence";
    decisionsPlan.push({
      at,
      caseId: c.caseId,
      candidate: c,
      backlog: null,
      platformId: c.platformId,
      independent: c.independent,
      outcome,
      category,
      level: "L0",
      durationHours: null,
      offenceNumber: null,
      recommendedLevel: null,
      scope: "url",
      deciderId: rng.pick(moderators),
      notice: null,
    });
  }
  decisionsPlan.sort((a, b) => a.at - b.at);
  // Levels from the ladder: the offence is 1 + the domain's violations in the repeat window before.
  const violationsByDomain = new Map<string, number[]>();
  const windowMs = 180 * DAY_MS;
  for (const d of decisionsPlan) {
    if (d.outcome !== "violation") continue;
    const domain = d.candidate!.domain;
    let list = violationsByDomain.get(domain);
    if (!list) violationsByDomain.set(domain, (list = []));
    while (list.length > 0 && list[0]! < d.at - windowMs) list.shift();
    const offence = list.length + 1;
    list.push(d.at);
    const rule = ruleOf.get(d.category)!;
    const stepOf = rule.ladder[Math.min(offence, rule.ladder.length) - 1]!;
    d.offenceNumber = offence;
    d.recommendedLevel = stepOf.level;
    d.level = stepOf.level;
    d.durationHours = stepOf.durationHours;
    if (d.level === "L4") {
      if (d.independent) {
        d.scope = "domain";
        d.deciderId = rng.pick(seniors);
      } else {
        // A registered platform's own domain is never blocked as a whole: the link is.
        d.level = "L3";
        d.durationHours = null;
      }
    }
    if (!d.independent) {
      const critical = rule.severity === "critical";
      const deadlineAt = d.at + (critical ? 24 : 48) * HOUR_MS;
      const profile = profileOf(d.platformId);
      const r = rng.float();
      let answeredAt: number | null;
      if (r < profile.onTime || (critical && !profile.criticalLapses)) answeredAt = d.at + 60_000 + Math.floor(rng.float() * (deadlineAt - d.at - 120_000));
      else if (r < profile.onTime + profile.late) answeredAt = deadlineAt + 10 * 60_000 + Math.floor(rng.exp(1.5 * DAY_MS));
      else answeredAt = null;
      if (answeredAt !== null && answeredAt >= nowMs) answeredAt = null;
      d.notice = { deadlineAt, answeredAt };
    }
  }
  const marginEnd = nowMs + IN_FORCE_MARGIN_MS;
  const inForceFromPlan = decisionsPlan.filter(
    (d) => d.outcome === "violation" && d.level >= "L1" && d.level <= "L4" && (d.durationHours === null || d.at + d.durationHours * HOUR_MS > marginEnd),
  ).length;
  const inForceInFile = sqlite
    .prepare("select count(*) from verdicts where lifted_at is null and starts_at <= ? and (expires_at is null or expires_at > ?)")
    .pluck()
    .get(iso(nowMs), iso(marginEnd)) as number;

  // ── 5. Plan the verdict backlog on independent sites ──────────────────────
  const backlogCount = VERDICTS_IN_FORCE - inForceFromPlan - inForceInFile;
  const takenDomains = new Set<string>(index.domains.keys());
  for (const row of sqlite.prepare("select distinct registrable_domain from links where platform_id = ?").pluck().iterate(independentId) as Iterable<string>) takenDomains.add(row);
  const urlSites: string[] = [];
  while (urlSites.length < BACKLOG_URL_SITES) {
    const domain = inventedDomain(rng);
    if (takenDomains.has(domain)) continue;
    takenDomains.add(domain);
    urlSites.push(domain);
  }
  const domainBlockMix = independentCategoryMix.filter(([code]) => ruleOf.get(code)!.ladder.some((s) => s.level === "L4"));
  const yearAgo = nowMs - 365 * DAY_MS;
  for (let i = 0; i < backlogCount; ) {
    const domainScope = rng.chance(DOMAIN_VERDICT_SHARE);
    let domain: string;
    let category: CategoryCode;
    let ladderIndex: number;
    if (domainScope) {
      domain = inventedDomain(rng);
      if (takenDomains.has(domain)) continue;
      category = rng.weighted(domainBlockMix);
      ladderIndex = ruleOf.get(category)!.ladder.findIndex((s) => s.level === "L4");
    } else {
      domain = urlSites[Math.floor(urlSites.length * rng.float() ** 2)]!;
      category = rng.weighted(independentCategoryMix);
      ladderIndex = Math.min(ruleOf.get(category)!.ladder.length - 1, rng.weighted([[0, 75], [1, 18], [2, 7]]));
    }
    const stepOf = ruleOf.get(category)!.ladder[ladderIndex]!;
    if (!domainScope && stepOf.level === "L4") continue;
    // In force for IN_FORCE_MARGIN_MS after SCALE_NOW: until lifted, or long enough.
    const earliest = stepOf.durationHours === null ? yearAgo : Math.max(yearAgo, marginEnd + HOUR_MS - stepOf.durationHours * HOUR_MS);
    if (earliest >= nowMs - HOUR_MS) continue;
    const url = `${rng.chance(0.85) ? "https" : "http"}://${hostPrefix(rng)}${domain}${fill(rng, rng.pick(independentPaths[category]))}`;
    const canonical = canonicalize(url);
    if (!canonical.ok || canonical.link.registrableDomain !== domain || seenUrls.has(canonical.link.canonicalUrl)) continue;
    if (domainScope) takenDomains.add(domain);
    seenUrls.add(canonical.link.canonicalUrl);
    const at = earliest + Math.floor(rng.float() * (nowMs - HOUR_MS - earliest));
    const link = canonical.link;
    decisionsPlan.push({
      at,
      caseId: 0,
      candidate: null,
      backlog: {
        canonicalUrl: link.canonicalUrl,
        urlHash: link.urlHash,
        host: link.host,
        domain,
        isMixedScript: link.isMixedScript,
        isIpLiteral: link.isIpLiteral,
        openedAt: at - Math.max(10 * 60_000, Math.floor(rng.exp(8 * HOUR_MS))),
      },
      platformId: independentId,
      independent: true,
      outcome: "violation",
      category,
      level: stepOf.level,
      durationHours: stepOf.durationHours,
      offenceNumber: ladderIndex + 1,
      recommendedLevel: stepOf.level,
      scope: domainScope ? "domain" : "url",
      deciderId: domainScope ? rng.pick(seniors) : rng.pick(moderators),
      notice: null,
    });
    i += 1;
  }
  for (const d of decisionsPlan) {
    stream.push({ at: d.at, kind: 1, decision: d });
    if (d.notice?.answeredAt != null) stream.push({ at: d.notice.answeredAt, kind: 2, decision: d });
  }
  stream.sort((a, b) => a.at - b.at || a.kind - b.kind);
  step(`plan (${decisionsPlan.length} decisions, ${backlogCount} of them the backlog)`);

  // ── Load steps 3–5 in time order ──────────────────────────────────────────
  const loadedIndexes = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
       and tbl_name in ('links', 'cases', 'decisions', 'verdicts', 'verdict_changes', 'rectification_notices') order by name`,
    )
    .all() as { name: string; sql: string }[];
  for (const { name } of loadedIndexes) sqlite.exec(`drop index "${name}"`);

  const insertLink = sqlite.prepare(
    `insert into links (canonical_url, url_hash, host, registrable_domain, platform_id, is_short_link, is_ip_literal, is_mixed_script, first_seen_at, last_seen_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertVariant = sqlite.prepare("insert into link_variants (link_id, raw_url, stripped_params, first_seen_at) values (?, ?, '[]', ?)");
  const insertOpenCase = sqlite.prepare("insert into cases (link_id, status, claimed_category, report_count, opened_at, last_report_at) values (?, 'open', ?, ?, ?, ?)");
  const insertDecidedCase = sqlite.prepare(
    "insert into cases (link_id, status, claimed_category, version, report_count, opened_at, last_report_at, decided_at) values (?, 'decided', ?, 2, 0, ?, ?, ?)",
  );
  const insertReport = sqlite.prepare(
    `insert into reports (tracking_code, link_id, case_id, raw_url, category, scene, description, reporter_hash, source, api_client_id, after_decision, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  const closeCase = sqlite.prepare("update cases set status = 'decided', version = 2, decided_at = ?, assignee_id = null, lease_expires_at = null where id = ?");
  const insertDecision = sqlite.prepare(
    `insert into decisions (case_id, case_version, decider_id, outcome, category, principle, severity, level, duration_hours, rule_version_id,
                            offence_number, recommended_level, rationale, created_at)
     values (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertVerdict = sqlite.prepare(
    "insert into verdicts (scope, link_id, domain, level, category, decision_id, starts_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertChange = sqlite.prepare("insert into verdict_changes (verdict_id, key_type, key, level, expires_at, changed_at) values (?, ?, ?, ?, ?, ?)");
  const insertNotice = sqlite.prepare("insert into rectification_notices (platform_id, case_id, decision_id, sent_at, deadline_at) values (?, ?, ?, ?, ?)");
  const answerNotice = sqlite.prepare("update rectification_notices set answered_at = ?, answer = ?, answered_by_user_id = ? where id = ?");

  const trackingCodes = new Set(sqlite.prepare("select tracking_code from reports").pluck().all() as string[]);
  const trackingCode = () => {
    for (;;) {
      const code = `LD-${rng.chars(8, TRACKING_ALPHABET)}`;
      if (!trackingCodes.has(code)) {
        trackingCodes.add(code);
        return code;
      }
    }
  };
  const reporterHashes = Array.from({ length: 20_000 }, (_, i) => createHmac("sha256", BULK_REPORTER_KEY).update(`scale-reporter-${i}`).digest("hex"));
  const noticeIds = new Map<PlannedDecision, number>();

  const loadEvent = (e: StreamEvent) => {
    const at = iso(e.at);
    if (e.kind === 0) {
      const { link } = e;
      if (e.first) {
        link.linkId = Number(
          insertLink.run(link.canonicalUrl, link.urlHash, link.host, link.domain, link.platformId, link.isShortLink ? 1 : 0, 0, 0, at, iso(link.lastAt)).lastInsertRowid,
        );
        chain.append({ at, actorId: null, action: "link.created", targetType: "link", targetId: link.linkId, after: { canonicalUrl: link.canonicalUrl, registrableDomain: link.domain, platformId: link.platformId } });
        link.caseId = Number(insertOpenCase.run(link.linkId, link.category, link.count, at, iso(link.lastAt)).lastInsertRowid);
        chain.append({ at, actorId: null, action: "case.opened", targetType: "case", targetId: link.caseId, after: { linkId: link.linkId, claimedCategory: link.category } });
        insertVariant.run(link.linkId, link.canonicalUrl, at);
      }
      const category = rng.chance(0.85) ? link.category : rng.weighted(platformCategoryMix);
      const scene = rng.weighted(sceneMix(category));
      const source = rng.chance(0.85) ? "api" : "portal";
      const reportId = Number(
        insertReport.run(
          trackingCode(),
          link.linkId,
          link.caseId,
          link.canonicalUrl,
          category,
          scene,
          rng.chance(0.3) ? rng.pick(descriptions[category]) : null,
          rng.pick(reporterHashes),
          source,
          source === "api" ? apiClientId : null,
          at,
        ).lastInsertRowid,
      );
      chain.append({
        at,
        actorId: null,
        action: "report.created",
        targetType: "report",
        targetId: reportId,
        after: { caseId: link.caseId, linkId: link.linkId, category, scene, source, grouping: e.first ? "new_case" : "join_open" },
      });
      return;
    }
    const d = e.decision;
    if (e.kind === 2) {
      const noticeId = noticeIds.get(d)!;
      const answer = rng.pick(ANSWERS);
      answerNotice.run(at, answer, managerId, noticeId);
      const deadlineAt = iso(d.notice!.deadlineAt);
      chain.append({
        at,
        actorId: managerId,
        action: "notice.answered",
        targetType: "notice",
        targetId: noticeId,
        before: { answeredAt: null },
        after: { answeredAt: at, answer, answeredByClientId: null, answeredByUserId: managerId, platformId: d.platformId, deadlineAt, onTime: at <= deadlineAt },
      });
      return;
    }
    let linkId: number;
    let urlHash: string;
    let domain: string;
    if (d.backlog) {
      const b = d.backlog;
      const opened = iso(b.openedAt);
      linkId = Number(insertLink.run(b.canonicalUrl, b.urlHash, b.host, b.domain, d.platformId, 0, b.isIpLiteral ? 1 : 0, b.isMixedScript ? 1 : 0, opened, opened).lastInsertRowid);
      d.caseId = Number(insertDecidedCase.run(linkId, d.category, opened, opened, at).lastInsertRowid);
      urlHash = b.urlHash;
      domain = b.domain;
    } else {
      const c = d.candidate!;
      if (c.invented) {
        c.caseId = c.invented.caseId;
        c.linkId = c.invented.linkId;
      }
      d.caseId = c.caseId;
      linkId = c.linkId;
      urlHash = c.urlHash;
      domain = c.domain;
      closeCase.run(at, d.caseId);
    }
    const rule = ruleOf.get(d.category)!;
    const violation = d.outcome === "violation";
    const rationale = violation ? rng.pick(RATIONALES) : rng.chance(0.5) ? "Page checked; nothing against the rules." : null;
    const decisionId = Number(
      insertDecision.run(
        d.caseId,
        d.deciderId,
        d.outcome,
        d.category,
        rule.principle,
        rule.severity,
        d.level,
        violation && d.level !== "L0" ? d.durationHours : null,
        ruleVersion.id,
        violation ? d.offenceNumber : null,
        violation ? d.recommendedLevel : null,
        rationale,
        at,
      ).lastInsertRowid,
    );
    chain.append({
      at,
      actorId: d.deciderId,
      action: "decision.recorded",
      targetType: "decision",
      targetId: decisionId,
      after: {
        caseId: d.caseId,
        caseVersion: 1,
        deciderId: d.deciderId,
        outcome: d.outcome,
        category: d.category,
        principle: rule.principle,
        severity: rule.severity,
        level: d.level,
        durationHours: violation ? d.durationHours : null,
        ruleVersionId: ruleVersion.id,
        offenceNumber: violation ? d.offenceNumber : null,
        recommendedLevel: violation ? d.recommendedLevel : null,
        rationale,
        internalNote: null,
        publicNote: null,
        createdAt: at,
        providerSanction: false,
        recommendation: { level: d.recommendedLevel, durationHours: d.durationHours, scope: d.scope, alsoSanctionProvider: false, offenceNumber: d.offenceNumber },
      },
    });
    chain.append({
      at,
      actorId: d.deciderId,
      action: "case.decided",
      targetType: "case",
      targetId: d.caseId,
      before: { status: "open", version: 1, assigneeId: null, leaseExpiresAt: null },
      after: { status: "decided", version: 2, decidedAt: at, assigneeId: null, leaseExpiresAt: null, decisionId },
    });
    if (violation && d.level >= "L1" && d.level <= "L4") {
      const expiresAt = d.durationHours === null ? null : iso(e.at + d.durationHours * HOUR_MS);
      const key = d.scope === "url" ? urlHash : domain;
      const verdictId = Number(insertVerdict.run(d.scope, d.scope === "url" ? linkId : null, d.scope === "domain" ? domain : null, d.level, d.category, decisionId, at, expiresAt).lastInsertRowid);
      // The feed's key is filled with the verdict's expression once everything is loaded (fillVerdictKeys).
      const changeSeq = Number(insertChange.run(verdictId, d.scope, key, d.level, expiresAt, at).lastInsertRowid);
      chain.append({
        at,
        actorId: d.deciderId,
        action: "verdict.created",
        targetType: "verdict",
        targetId: verdictId,
        after: { scope: d.scope, linkId: d.scope === "url" ? linkId : null, domain: d.scope === "domain" ? domain : null, key, level: d.level, category: d.category, decisionId, startsAt: at, expiresAt, changeSeq },
      });
    }
    if (violation && d.notice) {
      const deadlineAt = iso(d.notice.deadlineAt);
      const noticeId = Number(insertNotice.run(d.platformId, d.caseId, decisionId, at, deadlineAt).lastInsertRowid);
      noticeIds.set(d, noticeId);
      chain.append({
        at,
        actorId: d.deciderId,
        action: "notice.sent",
        targetType: "notice",
        targetId: noticeId,
        after: { platformId: d.platformId, caseId: d.caseId, decisionId, sentAt: at, deadlineAt, providerSanction: false },
      });
    } else if (d.notice) {
      d.notice.answeredAt = null; // no violation, no notice
    }
  };
  // Answers of notices never sent (no violation) are skipped when they come up.
  const loadChunk = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const e = stream[i]!;
      if (e.kind === 2 && !noticeIds.has(e.decision)) continue;
      loadEvent(e);
    }
  });
  for (let from = 0; from < stream.length; from += EVENTS_PER_TRANSACTION) loadChunk(from, Math.min(stream.length, from + EVENTS_PER_TRANSACTION));
  step(`load (${chain.appended()} audit events)`);
  fillVerdictKeys(sqlite); // each verdict under its lookup expression, as the app stores them
  for (const { sql } of loadedIndexes) sqlite.exec(sql);
  step("indexes");

  // ── 6. Rating snapshots, by the app's own computation ─────────────────────
  // lib/ratings/compute.ts, step by step as computeSnapshots runs it (load, count and rate every
  // platform-day, upsert, one ratings.computed event), but loading the rated platforms' decisions
  // only (loadRatingInputs with their ids; other platforms' violations on the same domains are still
  // read for repeats): the same snapshots, without counting step 5's ~1,000,000 independent-site
  // decisions, which no grade uses (computeSnapshots over everything took 194 s on this file).
  const lastDay = iso(nowMs).slice(0, 10);
  const firstDay = iso(nowMs - (RATING_DAYS - 1) * DAY_MS).slice(0, 10);
  const ratedIds = platformRows.filter((p) => p.independent === 0).map((p) => p.id);
  const computedAt = SCALE_NOW.toISOString();
  const inputs = loadRatingInputs(db, { from: firstDay, to: lastDay }, ratedIds);
  const snapshots = snapshotRows(inputs, computedAt);
  db.transaction(
    (tx) => {
      upsertSnapshots(tx, snapshots);
      recordAudit(tx, {
        actorId: null,
        action: "ratings.computed",
        targetType: "rating_snapshots",
        targetId: `${firstDay}..${lastDay}`,
        after: { from: firstDay, to: lastDay, days: inputs.days.length, platforms: inputs.rated.length, snapshots: snapshots.length, formulaVersion: FORMULA_VERSION },
        at: computedAt,
      });
    },
    { behavior: "immediate" },
  );
  // The snapshots are current: nothing is left for the server's refresher (lib/ratings/refresh.ts) to redo.
  if (sqlite.prepare("select 1 from sqlite_master where name = 'rating_stale_platforms'").get()) sqlite.exec("delete from rating_stale_platforms");
  step(`ratings (${snapshots.length} snapshots, lib/ratings/compute.ts)`);

  // ── 7. Queue priorities, as a running installation holds them ─────────────
  // Every open case's stored priority and its parts, by the app's own refresh (lib/queue). Without
  // them a server started on this file scores all 200,000 open cases first, in the background, while
  // a benchmark measures it.
  const prioritised = refreshOpenPrioritiesNow(db, SCALE_NOW.toISOString());
  step(`queue priorities (${prioritised} open cases, refreshOpenPrioritiesNow)`);

  // ── 8. Planner statistics, as the server keeps them (lib/db/planner-statistics.ts) ──
  const analysed = refreshPlannerStatistics(sqlite);
  step(`planner statistics (${analysed.length} tables analysed)`);

  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const tables = [
    "platforms", "platform_domains", "users", "api_clients", "links", "link_variants", "reports", "cases", "decisions", "verdicts",
    "verdict_changes", "rectification_notices", "rating_snapshots", "audit_events",
  ];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = sqlite.prepare(`select count(*) from ${t}`).pluck().get() as number;
  const extra = sqlite
    .prepare(
      `select (select count(*) from cases where status in ('open', 'escalated')) as openCases,
              (select count(*) from cases where id in (select case_id from reports)) as casesWithReports,
              (select count(*) from rectification_notices where answered_at is not null) as noticesAnswered`,
    )
    .get() as Record<string, number>;
  Object.assign(counts, extra);
  const inForceAt = (t: number) =>
    sqlite.prepare("select count(*) from verdicts where lifted_at is null and starts_at <= ? and (expires_at is null or expires_at > ?)").pluck().get(iso(t), iso(t)) as number;
  const verdictsInForceAtNow = inForceAt(nowMs);
  const verdictsInForceAtNowPlusMargin = sqlite
    .prepare("select count(*) from verdicts where lifted_at is null and starts_at <= ? and (expires_at is null or expires_at > ?)")
    .pluck()
    .get(iso(nowMs), iso(marginEnd)) as number;
  const gradesOnLastDay = Object.fromEntries(
    (sqlite.prepare("select grade, count(*) as n from rating_snapshots where day = ? group by grade order by grade").all(lastDay) as { grade: string; n: number }[]).map((r) => [r.grade, r.n]),
  );
  sqlite.close();
  if (counts.reports !== TOTAL_REPORTS) throw new Error(`expected ${TOTAL_REPORTS} reports, found ${counts.reports}`);
  if (counts.openCases !== OPEN_CASES) throw new Error(`expected ${OPEN_CASES} open cases, found ${counts.openCases}`);
  if (verdictsInForceAtNowPlusMargin < VERDICTS_IN_FORCE) throw new Error(`only ${verdictsInForceAtNowPlusMargin} verdicts in force`);
  const summary: ScaleSummary = {
    file,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    steps,
    counts,
    verdictsInForceAtNow,
    verdictsInForceAtNowPlusMargin,
    gradesOnLastDay,
    bytes: fs.statSync(file).size,
  };
  fs.writeFileSync(`${file}.summary.json`, `${JSON.stringify({ ...summary, builtAt: new Date().toISOString(), scaleNow: SCALE_NOW.toISOString() }, null, 2)}\n`);
  return summary;
}

/** The scale dataset, built when missing or stale (older than its generator, behind the migrations). */
export async function ensureScaleDb(file: string = DEFAULT_FILE): Promise<{ file: string; built: ScaleSummary | null }> {
  if (isScaleDbFresh(file)) return { file, built: null };
  return { file, built: await buildScaleDb(file) };
}

export function printSummary(summary: ScaleSummary): void {
  const fmt = (n: number) => n.toLocaleString("en");
  console.log(`\nscale dataset ${summary.file} (${(summary.bytes / 2 ** 30).toFixed(2)} GB)`);
  const rows = Object.entries(summary.counts);
  const width = Math.max(...rows.map(([k]) => k.length), 30);
  for (const [name, n] of rows) console.log(`  ${name.padEnd(width)} ${fmt(n).padStart(12)}`);
  console.log(`  ${"verdicts in force at SCALE_NOW".padEnd(width)} ${fmt(summary.verdictsInForceAtNow).padStart(12)}`);
  console.log(`  ${"… and 14 days after it".padEnd(width)} ${fmt(summary.verdictsInForceAtNowPlusMargin).padStart(12)}`);
  console.log(`  grades on ${SCALE_NOW.toISOString().slice(0, 10)}: ${JSON.stringify(summary.gradesOnLastDay)}`);
  console.log(`  steps (s): ${JSON.stringify(summary.steps)}`);
  console.log(`elapsed: ${summary.seconds} s`);
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  const file = path.resolve(process.argv[2] ?? DEFAULT_FILE);
  buildScaleDb(file)
    .then(printSummary)
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
