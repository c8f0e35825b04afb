// A Linkdesk database holding 1,000,000 verdicts in force, URL and domain mixed, for the verdict API
// benchmark (bench/verdicts.ts, docs/performance.md "Verdict lookups").
//
//   npx tsx bench/data/verdicts-db.ts [file]        (default: bench/data/verdicts-1m.db; about a minute)
//
// Built through the app's own migrations, then the platform registry (lib/platforms/registry.ts), the
// default rulebook published as rule version 1 (lib/rules/default-rulebook.ts) and one moderator, all
// audited as the demo seed audits them. Then bulk-loaded with prepared statements in big transactions:
//   - 800,000 URL verdicts in force, each on its own link with its own case (decided) and decision,
//     on platform links (60 %) and on links of 60,000 invented independent sites (40 %), levels L1–L3
//     as the category's ladder gives them (an L4 is always a domain verdict);
//   - 200,000 L4 domain verdicts in force, each on its own invented independent registrable domain,
//     with the link, case and decision it came from;
//   - on top of those, the verdicts that no longer apply, so that of all verdict rows about 25 % are
//     expired and 3 % lifted (their decisions, cases and links likewise), as a system that has been
//     deciding for a year holds them: 1,388,889 verdict rows in all;
//   - a verdict_changes row per verdict, and an L0 row for each lifted one, in time order.
// Links are canonicalized and attributed by the app's own canonicalize/attribute, so the server's
// lookups find them by url_hash and registrable domain exactly as in production.
//
// Not loaded, because no lookup reads them: reports (cases say report_count 0), rectification
// notices and audit events for the bulk rows (the chain covers the setup rows only and verifies). The
// rating snapshots are computed at the end, as a running server would have them. Issue 8 builds the full-scale dataset with all of that.
//
// Times are relative to a fixed VERDICTS_NOW, not the clock, so two builds hold the same rows (except
// the moderator's salted password hash). The lookups use the real clock: every verdict in force
// started at least an hour before VERDICTS_NOW and runs until lifted or at least 14 days past it, so
// the 1,000,000 stay in force for two weeks after VERDICTS_NOW; move VERDICTS_NOW forward (the cached
// file is rebuilt when this file changes) to benchmark later than that.
import fs from "node:fs";
import path from "node:path";
import { type Level, platformDomains, platforms, ruleVersions, rules, users } from "@/db/schema";
import { type Weighted, independentCategoryMix, independentPaths, platformCategoryMix, platformTemplates, platformWeights } from "@/db/demo/link-shapes";
import { LOWER_ALNUM, Rng, fill } from "@/db/demo/random";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { applyMigrations, openSqlite, wrap } from "@/lib/db/open";
import { type CanonicalLink, canonicalize } from "@/lib/links/canonicalize";
import { attribute } from "@/lib/platforms/attribution";
import { catchUpRatings } from "@/lib/ratings/catch-up";
import { domainIndex } from "@/lib/platforms/domain-index";
import { INDEPENDENT_PLATFORM, platformRegistry } from "@/lib/platforms/registry";
import type { CategoryCode } from "@/lib/rules/categories";
import { REPEAT_WINDOW_DAYS, defaultRulebook } from "@/lib/rules/default-rulebook";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";
import { blockPattern, expressionKey } from "@/lib/verdicts/expressions";
import { paramKeys } from "@/lib/verdicts/issue-verdict";
import { checkpointForCopy, isFreshDb } from "../support/cached-db";

export const DEFAULT_FILE = path.join(process.cwd(), "bench", "data", "verdicts-1m.db");
/** The moment the data is generated relative to. */
export const VERDICTS_NOW = new Date("2026-12-08T00:00:00.000Z");
/** How long after VERDICTS_NOW every verdict in force still applies. */
export const IN_FORCE_MARGIN_MS = 14 * DAY_MS;
export const URL_VERDICTS_IN_FORCE = 800_000;
export const DOMAIN_VERDICTS_IN_FORCE = 200_000;
const EXPIRED_SHARE = 0.25;
const LIFTED_SHARE = 0.03;
const URL_SITE_DOMAINS = 60_000;
const SEED = 20_261_124;
const ROWS_PER_TRANSACTION = 100_000;

export type VerdictsBuildSummary = {
  file: string;
  seconds: number;
  links: number;
  cases: number;
  decisions: number;
  verdicts: number;
  urlVerdicts: number;
  domainVerdicts: number;
  inForceAtVerdictsNow: number;
  expired: number;
  lifted: number;
  verdictChanges: number;
  byLevelInForce: Record<string, number>;
  bytes: number;
};

type State = "in_force" | "expired" | "lifted";

type PlannedVerdict = {
  scope: "url" | "domain";
  state: State;
  link: CanonicalLink;
  platformId: number;
  isShortLink: boolean;
  category: CategoryCode;
  level: Level;
  offenceNumber: number;
  durationHours: number | null;
  openedAt: number;
  startsAt: number;
  expiresAt: number | null;
  liftedAt: number | null;
};

// Syllables for invented independent domains (pinyin-ish, like the demo's).
const SYLLABLES = [
  "hong", "bao", "ling", "qu", "jian", "zhi", "dai", "kuan", "tou", "zi", "kefu", "tui", "yi", "cha", "xun", "ce", "shi",
  "ming", "yun", "qi", "pai", "yu", "le", "cai", "piao", "mei", "nv", "bo", "pin", "xia", "zai", "kang", "yang",
  "sheng", "xin", "wen", "zhu", "kan", "jia", "zan", "song", "li", "fu", "quan", "mian", "fei", "yao", "pi", "fa",
  "gao", "qing", "ying", "go", "vip", "app", "h5", "wang", "tao", "gou", "kuai", "lu", "hui",
];
// One-label public suffixes only, so that a plain "last two labels" reading (the baseline server's)
// finds the same registrable domain as the Public Suffix List.
const TLDS: Weighted<string> = [
  ["top", 20], ["xyz", 14], ["com", 14], ["cn", 10], ["vip", 8], ["shop", 7], ["icu", 5], ["cc", 5], ["club", 4],
  ["fun", 4], ["site", 3], ["online", 3], ["net", 2], ["live", 2], ["ltd", 1],
];
const LIFT_REASONS = ["Restore request approved: the page was changed.", "Decision reversed on review.", "Appeal upheld."];

/** The domains, hosts and paths the benchmark's request stream draws from too. */
export function inventedDomain(rng: Rng): string {
  const parts = rng.int(2, 3);
  let name = "";
  for (let i = 0; i < parts; i += 1) name += (i > 0 && rng.chance(0.5) ? "-" : "") + rng.pick(SYLLABLES);
  if (rng.chance(0.3)) name += rng.int(1, 999);
  return `${name}.${rng.weighted(TLDS)}`;
}

export function hostPrefix(rng: Rng): string {
  return rng.weighted<string>([["", 35], ["www.", 25], ["m.", 25], [`${rng.chars(2, LOWER_ALNUM)}.`, 15]]);
}

/** Split `total` into exact counts of each state, in a shuffled order. */
function states(rng: Rng, inForce: number): State[] {
  const total = Math.round(inForce / (1 - EXPIRED_SHARE - LIFTED_SHARE));
  const expired = Math.round(total * EXPIRED_SHARE);
  const list: State[] = [];
  for (let i = 0; i < total; i += 1) list.push(i < inForce ? "in_force" : i < inForce + expired ? "expired" : "lifted");
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng.float() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

export async function buildVerdictsDb(file: string = DEFAULT_FILE): Promise<VerdictsBuildSummary> {
  const started = performance.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });

  const sqlite = openSqlite(file);
  const db = wrap(sqlite);
  applyMigrations(db);

  const nowMs = VERDICTS_NOW.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const setupAt = iso(nowMs - 400 * DAY_MS);
  const passwordHash = await hashPassword("bench-moderator-not-for-sign-in");

  // ── Setup, through the app's tables and audit chain ───────────────────────
  const { moderatorId, ruleVersionId } = db.transaction(
    (tx) => {
      const moderatorId = tx
        .insert(users)
        .values({ email: "bench.moderator@linkdesk.example", name: "Bench Moderator", role: "moderator", passwordHash, createdAt: setupAt, updatedAt: setupAt })
        .returning({ id: users.id })
        .get().id;
      recordAudit(tx, { actorId: null, action: "seed.staff_created", targetType: "user", targetId: moderatorId, after: { email: "bench.moderator@linkdesk.example", role: "moderator" }, at: setupAt });
      for (const entry of [...platformRegistry, INDEPENDENT_PLATFORM]) {
        const isIndependent = entry.slug === INDEPENDENT_PLATFORM.slug;
        const id = tx
          .insert(platforms)
          .values({ slug: entry.slug, name: entry.name, nameZh: entry.nameZh, kind: entry.kind, isIndependent, createdAt: setupAt })
          .returning({ id: platforms.id })
          .get().id;
        for (const d of entry.domains) tx.insert(platformDomains).values({ platformId: id, domain: d.domain, kind: d.kind, createdAt: setupAt }).run();
        recordAudit(tx, {
          actorId: null,
          action: "platform.created",
          targetType: "platform",
          targetId: id,
          after: { slug: entry.slug, name: entry.name, kind: entry.kind, domains: entry.domains.map((d) => d.domain) },
          at: setupAt,
        });
      }
      const ruleVersionId = tx
        .insert(ruleVersions)
        .values({ version: 1, status: "published", summary: "Default rulebook", repeatWindowDays: REPEAT_WINDOW_DAYS, createdAt: setupAt, publishedAt: setupAt })
        .returning({ id: ruleVersions.id })
        .get().id;
      for (const rule of defaultRulebook) tx.insert(rules).values({ ruleVersionId, ...rule }).run();
      recordAudit(tx, {
        actorId: null,
        action: "rules.published",
        targetType: "rule_version",
        targetId: ruleVersionId,
        after: { version: 1, summary: "Default rulebook", categories: defaultRulebook.map((r) => r.category) },
        at: setupAt,
      });
      return { moderatorId, ruleVersionId };
    },
    { behavior: "immediate" },
  );

  // ── Plan ──────────────────────────────────────────────────────────────────
  const rng = new Rng(SEED);
  const index = domainIndex(db);
  const ruleOf = new Map(defaultRulebook.map((r) => [r.category, r]));
  const seenUrls = new Set<string>();
  const takenDomains = new Set<string>(index.domains.keys());

  const plannedVerdicts: PlannedVerdict[] = [];
  /** Times for one verdict in its state; `durationHours` null is "until lifted". */
  const timesFor = (state: State, ladderHours: number | null, expiredHours: () => number) => {
    let durationHours = ladderHours;
    let startsAt: number;
    let expiresAt: number | null;
    let liftedAt: number | null = null;
    if (state === "in_force") {
      const earliest = durationHours === null ? nowMs - 365 * DAY_MS : nowMs + IN_FORCE_MARGIN_MS - durationHours * HOUR_MS;
      startsAt = earliest + Math.floor(rng.float() * (nowMs - HOUR_MS - earliest));
      expiresAt = durationHours === null ? null : startsAt + durationHours * HOUR_MS;
    } else if (state === "expired") {
      durationHours ??= expiredHours(); // an "until lifted" step cannot expire: the moderator set a duration
      expiresAt = nowMs - 300 * DAY_MS + Math.floor(rng.float() * (300 * DAY_MS - HOUR_MS));
      startsAt = expiresAt - durationHours * HOUR_MS;
    } else {
      startsAt = nowMs - 365 * DAY_MS + Math.floor(rng.float() * (363 * DAY_MS));
      expiresAt = durationHours === null ? null : startsAt + durationHours * HOUR_MS;
      const end = Math.min(expiresAt ?? Infinity, nowMs - HOUR_MS);
      liftedAt = startsAt + HOUR_MS + Math.floor(rng.float() * Math.max(1, end - startsAt - 2 * HOUR_MS));
    }
    const openedAt = startsAt - Math.max(10 * 60_000, Math.floor(rng.exp(8 * HOUR_MS)));
    return { durationHours, startsAt, expiresAt, liftedAt, openedAt };
  };

  // Domain verdicts first: each on its own invented registrable domain.
  const domainBlockMix = independentCategoryMix.filter(([code]) => ruleOf.get(code)!.allowsDomainBlock);
  for (const state of states(rng, DOMAIN_VERDICTS_IN_FORCE)) {
    let planned: PlannedVerdict | null = null;
    while (!planned) {
      const domain = inventedDomain(rng);
      if (takenDomains.has(domain)) continue;
      const category = rng.weighted(domainBlockMix);
      const url = `${rng.chance(0.85) ? "https" : "http"}://${hostPrefix(rng)}${domain}${fill(rng, rng.pick(independentPaths[category]))}`;
      const canonical = canonicalize(url);
      if (!canonical.ok || canonical.link.registrableDomain !== domain || seenUrls.has(canonical.link.canonicalUrl)) continue;
      takenDomains.add(domain);
      seenUrls.add(canonical.link.canonicalUrl);
      const ladder = ruleOf.get(category)!.ladder;
      const step = ladder.findIndex((s) => s.level === "L4");
      const times = timesFor(state, ladder[step]!.durationHours, () => rng.pick([2160, 4320]));
      const attribution = attribute(index, canonical.link.host, domain);
      planned = {
        scope: "domain",
        state,
        link: canonical.link,
        platformId: attribution.platformId,
        isShortLink: attribution.isShortLink,
        category,
        level: "L4",
        offenceNumber: step + 1,
        ...times,
      };
    }
    plannedVerdicts.push(planned);
  }

  // The independent sites URL verdicts fall on (none of them under a domain verdict).
  const urlSites: string[] = [];
  while (urlSites.length < URL_SITE_DOMAINS) {
    const domain = inventedDomain(rng);
    if (takenDomains.has(domain)) continue;
    takenDomains.add(domain);
    urlSites.push(domain);
  }

  for (const state of states(rng, URL_VERDICTS_IN_FORCE)) {
    let planned: PlannedVerdict | null = null;
    while (!planned) {
      let url: string;
      let category: CategoryCode;
      if (rng.chance(0.6)) {
        const template = rng.pick(platformTemplates[rng.weighted(platformWeights)]!);
        url = `https://${template.host}${fill(rng, template.path)}`;
        category = rng.weighted(platformCategoryMix);
      } else {
        // A few big offenders draw many verdicts (a skewed pick), a long tail the rest.
        const site = urlSites[Math.floor(urlSites.length * rng.float() ** 2)]!;
        category = rng.weighted(independentCategoryMix);
        url = `${rng.chance(0.85) ? "https" : "http"}://${hostPrefix(rng)}${site}${fill(rng, rng.pick(independentPaths[category]))}`;
      }
      // The offence: mostly a first one; the step must be a URL level (L1–L3) lasting "until lifted"
      // or 30 days or more (the short L3 steps of induced sharing would lapse within a day).
      const ladder = ruleOf.get(category)!.ladder;
      const offence = Math.min(ladder.length - 1, rng.weighted([[0, 75], [1, 18], [2, 7]]));
      const step = ladder[offence]!;
      if (step.level === "L4" || (step.durationHours !== null && step.durationHours < 720)) continue;
      const canonical = canonicalize(url);
      if (!canonical.ok || seenUrls.has(canonical.link.canonicalUrl)) continue;
      seenUrls.add(canonical.link.canonicalUrl);
      const times = timesFor(state, step.durationHours, () => rng.pick([720, 2160]));
      const attribution = attribute(index, canonical.link.host, canonical.link.registrableDomain);
      planned = {
        scope: "url",
        state,
        link: canonical.link,
        platformId: attribution.platformId,
        isShortLink: attribution.isShortLink,
        category,
        level: step.level,
        offenceNumber: offence + 1,
        ...times,
      };
    }
    plannedVerdicts.push(planned);
  }
  // Ids in time order, as a year of decisions would have written them.
  plannedVerdicts.sort((a, b) => a.startsAt - b.startsAt);

  // ── Load ──────────────────────────────────────────────────────────────────
  // Bulk-load settings, for this load only: no journal (a failed build is thrown away), and the
  // loaded tables' indexes dropped and then created again from their own CREATE statements, which
  // builds each one by sorting instead of by a million random inserts. The schema text is unchanged.
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -2000000"); // 2 GB of page cache
  const loadedIndexes = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
       and tbl_name in ('links', 'cases', 'decisions', 'verdicts', 'verdict_changes') order by name`,
    )
    .all() as { name: string; sql: string }[];
  for (const { name } of loadedIndexes) sqlite.exec(`drop index "${name}"`);

  const insertLink = sqlite.prepare(
    `insert into links (canonical_url, url_hash, host, registrable_domain, platform_id, is_short_link, is_ip_literal,
                        is_mixed_script, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCase = sqlite.prepare(
    `insert into cases (link_id, status, claimed_category, version, report_count, opened_at, last_report_at, decided_at)
     values (?, 'decided', ?, 2, 0, ?, ?, ?)`,
  );
  const insertDecision = sqlite.prepare(
    `insert into decisions (case_id, case_version, decider_id, outcome, category, principle, severity, level, duration_hours,
                            rule_version_id, offence_number, recommended_level, rationale, created_at)
     values (?, 1, ?, 'violation', ?, ?, ?, ?, ?, ?, ?, ?, 'Checked the page and confirmed it.', ?)`,
  );
  const insertVerdict = sqlite.prepare(
    `insert into verdicts (scope, link_id, domain, expression, expression_key, required_params, level, category, decision_id, starts_at, expires_at,
                           lifted_at, lifted_reason)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertChange = sqlite.prepare(
    "insert into verdict_changes (verdict_id, key_type, key, params, level, expires_at, changed_at) values (?, ?, ?, ?, ?, ?, ?)",
  );

  type Change = { at: number; verdictId: number; keyType: "url" | "domain"; key: string; params: string | null; level: Level; expiresAt: string | null };
  const changes: Change[] = [];
  const loadChunk = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const v = plannedVerdicts[i]!;
      const rule = ruleOf.get(v.category)!;
      const opened = iso(v.openedAt);
      const starts = iso(v.startsAt);
      const expires = v.expiresAt === null ? null : iso(v.expiresAt);
      const { link } = v;
      const linkId = insertLink.run(
        link.canonicalUrl,
        link.urlHash,
        link.host,
        link.registrableDomain,
        v.platformId,
        v.isShortLink ? 1 : 0,
        link.isIpLiteral ? 1 : 0,
        link.isMixedScript ? 1 : 0,
        opened,
        opened,
      ).lastInsertRowid;
      const caseId = insertCase.run(linkId, v.category, opened, opened, starts).lastInsertRowid;
      const decisionId = insertDecision.run(
        caseId,
        moderatorId,
        v.category,
        rule.principle,
        rule.severity,
        v.level,
        v.durationHours,
        ruleVersionId,
        v.offenceNumber,
        v.level,
        starts,
      ).lastInsertRowid;
      const lifted = v.liftedAt === null ? null : iso(v.liftedAt);
      // Stored as lib/verdicts/issue-verdict.ts stores them: under the scope's lookup expression.
      const pattern = blockPattern(link, { scope: v.scope })!;
      const key = expressionKey(pattern.expression);
      const params = v.scope === "url" ? JSON.stringify(pattern.requiredParams) : null;
      const paramKeyList = paramKeys(pattern.scope === "url" ? pattern.requiredParams : null);
      const feedParams = paramKeyList && JSON.stringify(paramKeyList);
      const verdictId = Number(
        insertVerdict.run(
          v.scope,
          v.scope === "url" ? linkId : null,
          v.scope === "domain" ? link.registrableDomain : null,
          pattern.expression,
          key,
          params,
          v.level,
          v.category,
          decisionId,
          starts,
          expires,
          lifted,
          lifted === null ? null : rng.pick(LIFT_REASONS),
        ).lastInsertRowid,
      );
      changes.push({ at: v.startsAt, verdictId, keyType: v.scope, key, params: feedParams, level: v.level, expiresAt: expires });
      if (v.liftedAt !== null) changes.push({ at: v.liftedAt, verdictId, keyType: v.scope, key, params: feedParams, level: "L0", expiresAt: null });
    }
  });
  for (let from = 0; from < plannedVerdicts.length; from += ROWS_PER_TRANSACTION) {
    loadChunk(from, Math.min(plannedVerdicts.length, from + ROWS_PER_TRANSACTION));
  }
  changes.sort((a, b) => a.at - b.at);
  const loadChanges = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const c = changes[i]!;
      insertChange.run(c.verdictId, c.keyType, c.key, c.params, c.level, c.expiresAt, iso(c.at));
    }
  });
  for (let from = 0; from < changes.length; from += ROWS_PER_TRANSACTION) {
    loadChanges(from, Math.min(changes.length, from + ROWS_PER_TRANSACTION));
  }

  for (const { sql } of loadedIndexes) sqlite.exec(sql);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  // The rating snapshots of every day, as a server that had been running would have them: without
  // them a started server spends its first minutes computing them on its background worker, beside
  // whatever is measured (about 5 minutes of a core here).
  const ratings = await catchUpRatings(wrap(sqlite), { now: new Date(nowMs) });
  console.log(`rating snapshots: ${ratings?.snapshots ?? 0} for ${ratings?.days ?? 0} days in ${Math.round((ratings?.ms ?? 0) / 1000)} s`);
  const now = iso(nowMs);
  const counts = sqlite
    .prepare(
      `select (select count(*) from links) as links, (select count(*) from cases) as cases,
              (select count(*) from decisions) as decisions, (select count(*) from verdicts) as verdicts,
              (select count(*) from verdicts where scope = 'url') as urlVerdicts,
              (select count(*) from verdicts where scope = 'domain') as domainVerdicts,
              (select count(*) from verdicts where lifted_at is not null) as lifted,
              (select count(*) from verdicts where lifted_at is null and expires_at <= ?) as expired,
              (select count(*) from verdict_changes) as verdictChanges`,
    )
    .get(now) as Omit<VerdictsBuildSummary, "file" | "seconds" | "inForceAtVerdictsNow" | "byLevelInForce" | "bytes">;
  const byLevelInForce = Object.fromEntries(
    (sqlite.prepare(`select level, count(*) as n from verdicts ${IN_FORCE_WHERE} group by level order by level`).all({ now }) as { level: string; n: number }[]).map(
      (r) => [r.level, r.n],
    ),
  );
  sqlite.close();
  const inForceAtVerdictsNow = Object.values(byLevelInForce).reduce((a, b) => a + b, 0);
  if (inForceAtVerdictsNow !== URL_VERDICTS_IN_FORCE + DOMAIN_VERDICTS_IN_FORCE) throw new Error(`bulk load: ${inForceAtVerdictsNow} verdicts in force`);
  return {
    file,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    ...counts,
    inForceAtVerdictsNow,
    byLevelInForce,
    bytes: fs.statSync(file).size,
  };
}

/** The condition lib/verdicts/lookup.ts applies, with `:now` bound. */
export const IN_FORCE_WHERE = "where lifted_at is null and starts_at <= :now and (expires_at is null or expires_at > :now)";

/** The cached database, built if missing, older than this generator or behind the migrations. */
export async function ensureVerdictsDb(file: string = DEFAULT_FILE): Promise<{ file: string; built: VerdictsBuildSummary | null }> {
  if (!isFreshDb(file, new URL(import.meta.url).pathname)) return { file, built: await buildVerdictsDb(file) };
  checkpointForCopy(file);
  return { file, built: null };
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  const file = path.resolve(process.argv[2] ?? DEFAULT_FILE);
  buildVerdictsDb(file)
    .then((summary) => {
      console.log(`built ${summary.file} in ${summary.seconds} s`);
      console.log(summary);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
