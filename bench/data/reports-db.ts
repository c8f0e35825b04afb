// A Linkdesk database holding 1,000,000 complaints, for benchmarks that must run at realistic scale
// (docs/performance.md "Complaint intake").
//
//   npx tsx bench/data/reports-db.ts [file]        (default: bench/data/reports-1m.db)
//
// Built through the app's own migrations, then the demo data (db/seed-demo.ts: staff, the demo API
// client, the platform registry, rule version 1, 5,000 complaints), then bulk-loaded links, cases,
// raw variants and reports up to 1,000,000 reports in all, each with the audit events intake writes
// for it (link.created, case.opened, report.created), hash-chained so that the chain verifies.
//
// Deterministic: every row comes from a fixed-seed PRNG and a fixed "now" (BULK_NOW), so two builds
// hold the same rows (except the demo staff's argon2id password hash, which is salted). Links are
// canonicalized and attributed by the app's own canonicalize/attribute, so a client filing the same
// URL again joins the existing link and case exactly as in production.
//
// The bulk load runs with synchronous=OFF and a large page cache in big transactions with prepared
// statements; synchronous=FULL is restored and the WAL checkpointed into the file before it closes,
// so the result is one self-contained file that benchmarks copy fresh for each run.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { DEMO_REPORTER_KEY } from "@/db/demo/demo-accounts";
import { descriptions, genericDescriptions } from "@/db/demo/descriptions";
import {
  type Weighted,
  independentCategoryMix,
  independentPaths,
  independentSites,
  overallCategoryMix,
  platformCategoryMix,
  platformTemplates,
  platformWeights,
  sceneMix,
  wechatFrom,
} from "@/db/demo/link-shapes";
import { LOWER_ALNUM, Rng, TRACKING_ALPHABET, fill } from "@/db/demo/random";
import type { Scene } from "@/db/schema";
import { seedDemo } from "@/db/seed-demo";
import { GENESIS_HASH, canonicalJson, eventHash } from "@/lib/audit/encoding";
import { applyMigrations, migrationsFolder, openSqlite, wrap } from "@/lib/db/open";
import { canonicalize } from "@/lib/links/canonicalize";
import { attribute } from "@/lib/platforms/attribution";
import { domainIndex } from "@/lib/platforms/domain-index";
import type { CategoryCode } from "@/lib/rules/categories";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";
import { isFreshDb } from "../support/cached-db";

export const TOTAL_REPORTS = 1_000_000;
export const DEFAULT_FILE = path.join(process.cwd(), "bench", "data", "reports-1m.db");
/** The fixed moment the data is generated relative to (also the demo seed's `now`). */
export const BULK_NOW = new Date("2026-12-08T00:00:00.000Z");
/** Reporter ids are hashed with this key (the demo's), as a server started with it would. */
export const BULK_REPORTER_KEY = DEMO_REPORTER_KEY;

const SEED = 1_000_000_007;
const WINDOW_DAYS = 365;
const REPORTER_POOL = 400_000;
const INDEPENDENT_DOMAINS = 30_000;
const REPORTS_PER_TRANSACTION = 100_000;

export type BuildSummary = {
  file: string;
  seconds: number;
  reports: number;
  links: number;
  linkVariants: number;
  cases: number;
  auditEvents: number;
  attributedLinkShare: number;
  linksWithOneReport: number;
  maxReportsOnOneLink: number;
  bytes: number;
};

type BulkLink = {
  canonicalUrl: string;
  urlHash: string;
  host: string;
  registrableDomain: string;
  platformId: number;
  attributed: boolean;
  isShortLink: boolean;
  isIpLiteral: boolean;
  isMixedScript: boolean;
  category: CategoryCode;
  style: "none" | "wechat" | "utm" | "spm";
  campaign: string;
  firstAt: number;
  lastAt: number;
  count: number;
  /** Filled while loading. */
  linkId: number;
  caseId: number;
  variants: Set<string> | null;
};

type BulkReport = { at: number; link: BulkLink; reporter: number };

// Syllables for invented independent domains (pinyin-ish, like the demo's).
const SYLLABLES = [
  "hong", "bao", "ling", "qu", "jian", "zhi", "dai", "kuan", "tou", "zi", "kefu", "tui", "yi", "cha", "xun", "ce", "shi",
  "ming", "yun", "qi", "pai", "yu", "le", "cai", "piao", "mei", "nv", "zhi", "bo", "shi", "pin", "xia", "zai", "jian",
  "kang", "yang", "sheng", "xin", "wen", "piao", "zhu", "kan", "jia", "zan", "song", "li", "fu", "quan", "mian", "fei",
  "yao", "pi", "fa", "gao", "qing", "ying", "go", "vip", "app", "h5", "wang", "tao", "gou", "kuai", "lu", "hui",
];
const TLDS: Weighted<string> = [
  ["top", 20], ["xyz", 14], ["com", 14], ["cn", 10], ["vip", 8], ["shop", 7], ["icu", 5], ["cc", 5], ["club", 4],
  ["fun", 4], ["site", 3], ["online", 3], ["com.cn", 2], ["net", 2], ["live", 2], ["ltd", 1],
];

export async function buildReportsDb(file: string = DEFAULT_FILE, totalReports = TOTAL_REPORTS): Promise<BuildSummary> {
  const started = performance.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });

  const sqlite = openSqlite(file);
  const db = wrap(sqlite);
  applyMigrations(db);
  await seedDemo(db, { now: BULK_NOW });

  // Bulk-load settings, for this load only.
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -2000000"); // 2 GB of page cache: the random-key indexes stay in memory

  const rng = new Rng(SEED);
  const nowMs = BULK_NOW.getTime();
  const windowStart = nowMs - WINDOW_DAYS * DAY_MS;
  const windowEnd = nowMs - HOUR_MS;

  const index = domainIndex(db);
  const existing = sqlite.prepare("select count(*) as n from reports").get() as { n: number };
  const wanted = totalReports - existing.n;
  if (wanted <= 0) throw new Error(`the demo data already holds ${existing.n} reports`);
  const seenUrls = new Set((sqlite.prepare("select canonical_url as u from links").all() as { u: string }[]).map((r) => r.u));
  const trackingCodes = new Set((sqlite.prepare("select tracking_code as c from reports").all() as { c: string }[]).map((r) => r.c));
  const apiClientId = (sqlite.prepare("select id from api_clients order by id limit 1").get() as { id: number }).id;

  // ── Plan: links and their report times ────────────────────────────────────
  const independentDomains: { domain: string; category: CategoryCode }[] = independentSites.map((s) => ({ domain: s.domain, category: s.category }));
  const seenDomains = new Set(independentDomains.map((d) => d.domain));
  while (independentDomains.length < INDEPENDENT_DOMAINS) {
    const parts = rng.int(2, 3);
    let name = "";
    for (let i = 0; i < parts; i += 1) name += (i > 0 && rng.chance(0.5) ? "-" : "") + rng.pick(SYLLABLES);
    if (rng.chance(0.2)) name += rng.int(1, 99);
    const domain = `${name}.${rng.weighted(TLDS)}`;
    if (seenDomains.has(domain)) continue;
    seenDomains.add(domain);
    independentDomains.push({ domain, category: rng.weighted(independentCategoryMix) });
  }

  const reportCount = (): number => {
    const bucket = rng.float();
    if (bucket < 0.55) return 1;
    if (bucket < 0.75) return 2;
    if (bucket < 0.85) return 3;
    if (bucket < 0.95) return rng.int(4, 6);
    if (bucket < 0.995) return rng.int(7, 20);
    if (bucket < 0.9995) return rng.int(21, 200);
    return rng.int(201, 2_000); // a link going viral
  };

  const newLink = (): BulkLink | null => {
    let url: string;
    let category: CategoryCode;
    let style: BulkLink["style"];
    if (rng.chance(0.6)) {
      const slug = rng.weighted(platformWeights);
      const template = rng.pick(platformTemplates[slug]!);
      url = `https://${template.host}${fill(rng, template.path)}`;
      category = rng.weighted(platformCategoryMix);
      style = rng.weighted<BulkLink["style"]>([["none", 55], ["wechat", 25], ["utm", 10], ["spm", slug === "taobao" ? 15 : 3]]);
    } else {
      // Independent sites: a few big offenders draw most complaints (a skewed pick), a long tail the rest.
      const site = independentDomains[Math.floor(independentDomains.length * rng.float() ** 2.5)]!;
      category = rng.chance(0.75) ? site.category : rng.weighted(independentCategoryMix);
      const prefix = rng.weighted<string>([["", 35], ["www.", 25], ["m.", 25], [`${rng.chars(2, LOWER_ALNUM)}.`, 15]]);
      url = `${rng.chance(0.85) ? "https" : "http"}://${prefix}${site.domain}${fill(rng, rng.pick(independentPaths[category]))}`;
      style = rng.weighted<BulkLink["style"]>([["none", 60], ["wechat", 32], ["utm", 8]]);
    }
    const canonical = canonicalize(url);
    if (!canonical.ok || seenUrls.has(canonical.link.canonicalUrl)) return null;
    const link = canonical.link;
    seenUrls.add(link.canonicalUrl);
    const attribution = attribute(index, link.host, link.registrableDomain);
    return {
      canonicalUrl: link.canonicalUrl,
      urlHash: link.urlHash,
      host: link.host,
      registrableDomain: link.registrableDomain,
      platformId: attribution.platformId,
      attributed: attribution.platform !== null,
      isShortLink: attribution.isShortLink,
      isIpLiteral: link.isIpLiteral,
      isMixedScript: link.isMixedScript,
      category,
      style,
      campaign: rng.chars(6, LOWER_ALNUM),
      firstAt: 0,
      lastAt: 0,
      count: 0,
      linkId: 0,
      caseId: 0,
      variants: null,
    };
  };

  const plannedLinks: BulkLink[] = [];
  const plannedReports: BulkReport[] = [];
  while (plannedReports.length < wanted) {
    const link = newLink();
    if (!link) continue;
    const count = Math.min(reportCount(), wanted - plannedReports.length);
    const first = windowStart + Math.floor(rng.float() * (windowEnd - windowStart));
    let last = first;
    const reporters = new Set<number>();
    for (let i = 0; i < count; i += 1) {
      // Follow-up reports trail the first by a day or two; viral links pile up within hours.
      const at = i === 0 ? first : Math.min(windowEnd, first + Math.floor(rng.exp(count > 200 ? 6 * HOUR_MS : 1.5 * DAY_MS)));
      // A few prolific reporters, a long tail of one-off ones; never the same reporter twice on a link.
      let reporter = Math.floor(REPORTER_POOL * rng.float() ** 1.6);
      while (reporters.has(reporter)) reporter = Math.floor(REPORTER_POOL * rng.float());
      reporters.add(reporter);
      plannedReports.push({ at, link, reporter });
      if (at > last) last = at;
    }
    link.firstAt = first;
    link.lastAt = last;
    link.count = count;
    plannedLinks.push(link);
  }
  // Stable sort: a link's first report (pushed first, the earliest of its times) stays ahead of its
  // follow-ups even when they share a millisecond, so the link and case exist before they are needed.
  plannedReports.sort((a, b) => a.at - b.at);

  const reporterHashes: string[] = Array.from({ length: REPORTER_POOL }, (_, i) =>
    createHmac("sha256", BULK_REPORTER_KEY).update(`bulk-reporter-${i}`).digest("hex"),
  );

  // ── Load ──────────────────────────────────────────────────────────────────
  const insertLink = sqlite.prepare(
    `insert into links (canonical_url, url_hash, host, registrable_domain, platform_id, is_short_link, is_ip_literal,
                        is_mixed_script, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertVariant = sqlite.prepare("insert into link_variants (link_id, raw_url, stripped_params, first_seen_at) values (?, ?, ?, ?)");
  const insertCase = sqlite.prepare(
    `insert into cases (link_id, status, claimed_category, report_count, opened_at, last_report_at) values (?, 'open', ?, ?, ?, ?)`,
  );
  const insertReport = sqlite.prepare(
    `insert into reports (tracking_code, link_id, case_id, raw_url, category, scene, description, reporter_hash, source,
                          api_client_id, idempotency_key, after_decision, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, 0, ?)`,
  );
  const insertAudit = sqlite.prepare(
    `insert into audit_events (seq, at, actor_id, action, target_type, target_id, before, after, request_id, prev_hash, hash)
     values (?, ?, null, ?, ?, ?, null, ?, null, ?, ?)`,
  );
  const head = sqlite.prepare("select seq, hash from audit_events order by seq desc limit 1").get() as { seq: number; hash: string } | undefined;
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  /** Appends one event to the chain exactly as recordAudit would, with the head kept in memory. */
  const audit = (action: string, targetType: string, targetId: number, after: unknown, at: string) => {
    seq += 1;
    const fields = { seq, at, actorId: null, action, targetType, targetId: String(targetId), before: null, after: canonicalJson(after), requestId: null };
    const hash = eventHash(prevHash, fields);
    insertAudit.run(seq, at, action, targetType, fields.targetId, fields.after, prevHash, hash);
    prevHash = hash;
  };

  const trackingCode = (): string => {
    for (;;) {
      const code = `LD-${rng.chars(8, TRACKING_ALPHABET)}`;
      if (!trackingCodes.has(code)) {
        trackingCodes.add(code);
        return code;
      }
    }
  };

  /** The URL as the reporter pasted it: canonical, or with the share markers of the chat app. */
  const rawUrlFor = (link: BulkLink, scene: Scene): { raw: string; stripped: string[] } => {
    if (link.style === "none" || rng.chance(0.35)) return { raw: link.canonicalUrl, stripped: [] };
    const base = link.canonicalUrl;
    const sep = base.includes("?") ? "&" : "?";
    let extra: string;
    if (link.style === "wechat") extra = `from=${wechatFrom[scene] ?? "singlemessage"}&isappinstalled=0`;
    else if (link.style === "utm") extra = `utm_source=wechat&utm_medium=social&utm_campaign=${link.campaign}`;
    else extra = `spm=a2141.${rng.int(1, 9)}.${rng.int(1000, 9999)}.${rng.int(1, 60)}`;
    const hash = base.indexOf("#");
    const raw = hash < 0 ? `${base}${sep}${extra}` : `${base.slice(0, hash)}${sep}${extra}${base.slice(hash)}`;
    const canonical = canonicalize(raw);
    if (!canonical.ok || canonical.link.canonicalUrl !== base) return { raw: base, stripped: [] };
    return { raw, stripped: canonical.link.strippedParams };
  };

  let links = 0;
  const iso = (ms: number) => new Date(ms).toISOString();
  const loadChunk = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const r = plannedReports[i]!;
      const link = r.link;
      const at = iso(r.at);
      const opensCase = link.linkId === 0;
      if (opensCase) {
        link.linkId = Number(
          insertLink.run(
            link.canonicalUrl,
            link.urlHash,
            link.host,
            link.registrableDomain,
            link.platformId,
            link.isShortLink ? 1 : 0,
            link.isIpLiteral ? 1 : 0,
            link.isMixedScript ? 1 : 0,
            at,
            iso(link.lastAt),
          ).lastInsertRowid,
        );
        audit("link.created", "link", link.linkId, { canonicalUrl: link.canonicalUrl, registrableDomain: link.registrableDomain, platformId: link.platformId }, at);
        link.caseId = Number(insertCase.run(link.linkId, link.category, link.count, at, iso(link.lastAt)).lastInsertRowid);
        audit("case.opened", "case", link.caseId, { linkId: link.linkId, claimedCategory: link.category }, at);
        link.variants = new Set();
        links += 1;
      }
      const category = rng.chance(0.8) ? link.category : rng.weighted(overallCategoryMix);
      const scene = rng.weighted(sceneMix(category));
      const { raw, stripped } = rawUrlFor(link, scene);
      if (!link.variants!.has(raw)) {
        insertVariant.run(link.linkId, raw, JSON.stringify(stripped), at);
        link.variants!.add(raw);
      }
      const description = rng.chance(0.3) ? (rng.chance(0.8) ? rng.pick(descriptions[category]) : rng.pick(genericDescriptions)) : null;
      const source = rng.chance(0.85) ? "api" : "portal";
      const reportId = Number(
        insertReport.run(
          trackingCode(),
          link.linkId,
          link.caseId,
          raw,
          category,
          scene,
          description,
          reporterHashes[r.reporter]!,
          source,
          source === "api" ? apiClientId : null,
          at,
        ).lastInsertRowid,
      );
      audit(
        "report.created",
        "report",
        reportId,
        { caseId: link.caseId, linkId: link.linkId, category, scene, source, grouping: opensCase ? "new_case" : "join_open" },
        at,
      );
    }
  });
  for (let from = 0; from < plannedReports.length; from += REPORTS_PER_TRANSACTION) {
    loadChunk(from, Math.min(plannedReports.length, from + REPORTS_PER_TRANSACTION));
  }

  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const counts = sqlite
    .prepare(
      `select (select count(*) from reports) as reports, (select count(*) from links) as links,
              (select count(*) from link_variants) as linkVariants, (select count(*) from cases) as cases,
              (select count(*) from audit_events) as auditEvents`,
    )
    .get() as { reports: number; links: number; linkVariants: number; cases: number; auditEvents: number };
  sqlite.close();

  const attributed = plannedLinks.filter((l) => l.attributed).length;
  if (links !== plannedLinks.length || counts.auditEvents !== seq) throw new Error("bulk load: counts do not add up");
  return {
    file,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    ...counts,
    attributedLinkShare: Math.round((attributed / plannedLinks.length) * 1000) / 1000,
    linksWithOneReport: plannedLinks.filter((l) => l.count === 1).length,
    maxReportsOnOneLink: plannedLinks.reduce((max, l) => Math.max(max, l.count), 0),
    bytes: fs.statSync(file).size,
  };
}

/** The cached 1M database, built if missing, older than this generator or behind the migrations. */
export async function ensureReportsDb(file: string = DEFAULT_FILE): Promise<{ file: string; built: BuildSummary | null }> {
  if (!isFreshDb(file, new URL(import.meta.url).pathname)) return { file, built: await buildReportsDb(file) };
  // Copies take the main file only: fold anything a connection left in the WAL into it first.
  if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0) {
    const sqlite = new Database(file);
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.close();
  }
  return { file, built: null };
}


const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  const file = path.resolve(process.argv[2] ?? DEFAULT_FILE);
  buildReportsDb(file)
    .then((summary) => {
      console.log(`built ${summary.file} in ${summary.seconds} s`);
      console.table(summary);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
