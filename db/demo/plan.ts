// Planning (pure, before any write): every demo link and report, with its time, category, scene,
// reporter and tracking code, drawn from the fixed-seed PRNG and `now` alone.
import type { Scene } from "@/db/schema";
import { INDEPENDENT_PLATFORM } from "@/lib/platforms/registry";
import type { CategoryCode } from "@/lib/rules/categories";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";
import { descriptions, genericDescriptions } from "./descriptions";
import {
  type IndependentSite,
  type UrlTemplate,
  type Weighted,
  demoRegistrableDomain,
  independentCategoryMix,
  independentPaths,
  independentSites,
  ipHosts,
  overallCategoryMix,
  platformCategoryMix,
  platformTemplates,
  platformWeights,
  sceneMix,
  wechatFrom,
} from "./link-shapes";
import { LOWER_ALNUM, Rng, TRACKING_ALPHABET, fill } from "./random";
import { type ShowcaseDecision, showcaseLinks } from "./showcase";

const SEED = 20_261_124;
// The showcase links draw from a stream of their own, so adding them left every other row as it was.
const SHOWCASE_SEED = 20_261_125;
export const WINDOW_DAYS = 180;
const TOTAL_REPORTS = 5_000;
const REPORTER_POOL = 1_500;

type VariantStyle = "none" | "wechat" | "utm" | "spm";

export type PlannedLink = {
  canonicalUrl: string;
  host: string;
  registrableDomain: string;
  platformSlug: string; // "independent" for unattributed domains
  isShortLink: boolean;
  isIpLiteral: boolean;
  isMixedScript: boolean;
  category: CategoryCode; // what most reporters see in it
  variantStyle: VariantStyle;
  campaign: string; // utm_campaign value when variantStyle is "utm"
  times: number[];
  reports: PlannedReport[];
  /** A showcase link's scripted decision (db/demo/showcase.ts). */
  showcase?: ShowcaseDecision;
};

export type PlannedReport = {
  order: number;
  at: number;
  link: PlannedLink;
  category: CategoryCode;
  scene: Scene;
  rawUrl: string;
  strippedParams: string[];
  description: string | null;
  reporter: number;
  source: "api" | "portal";
  trackingCode: string;
};

const hourWeights = [3, 2, 1, 1, 1, 1, 2, 4, 6, 7, 7, 8, 9, 8, 7, 7, 7, 8, 9, 10, 11, 12, 10, 6]; // Beijing time
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
/** A Tuesday, 20:00 in Beijing: the evening peak. */
const SHAPE_REFERENCE_MS = Date.parse("2026-11-24T12:00:00.000Z");

export function plan(now: number) {
  const rng = new Rng(SEED);
  const start = now - WINDOW_DAYS * DAY_MS;
  const recentStart = now - DAY_MS;
  const backgroundEnd = recentStart - 60_000;
  const byUrl = new Map<string, PlannedLink>();
  const ordered: PlannedLink[] = [];

  /** A time in [lo, hi) shaped by the hour of day, the weekend and slow growth over the window. */
  const drawTime = (lo: number, hi: number): number => {
    for (;;) {
      const t = lo + rng.float() * (hi - lo);
      // The hour-of-day and weekend shape is laid out as if seeding at SHAPE_REFERENCE, so the
      // random draws, and with them every row, are the same whatever the clock says; seeding at
      // another moment only shifts the times.
      const local = new Date(t - now + SHAPE_REFERENCE_MS + SHANGHAI_OFFSET_MS);
      const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6 ? 1.15 : 1;
      const growth = 0.7 + (0.6 * (t - start)) / (now - start);
      const weight = hourWeights[local.getUTCHours()]! * weekend * growth;
      if (rng.float() * 12 * 1.15 * 1.3 < weight) return Math.floor(t);
    }
  };

  const addLink = (link: Omit<PlannedLink, "times" | "reports">): PlannedLink | null => {
    if (byUrl.has(link.canonicalUrl)) return null;
    const full: PlannedLink = { ...link, times: [], reports: [] };
    byUrl.set(link.canonicalUrl, full);
    ordered.push(full);
    return full;
  };

  const variantStyleFor = (slug: string): VariantStyle =>
    rng.weighted<VariantStyle>([
      ["none", 60],
      ["wechat", 25],
      ["utm", 10],
      ["spm", slug === "taobao" ? 15 : 0],
    ]);

  const platformLink = (slug: string, category: CategoryCode, template?: UrlTemplate) => {
    const t = template ?? rng.pick(platformTemplates[slug]!);
    const canonicalUrl = `https://${t.host}${fill(rng, t.path)}`;
    return addLink({
      canonicalUrl,
      host: t.host,
      registrableDomain: demoRegistrableDomain(t.host),
      platformSlug: slug,
      isShortLink: t.short === true,
      isIpLiteral: false,
      isMixedScript: false,
      category,
      variantStyle: variantStyleFor(slug),
      campaign: rng.chars(6, LOWER_ALNUM),
    });
  };

  const independentLink = (site: IndependentSite, category: CategoryCode, pathTemplate?: string, hostOverride?: string) => {
    const prefix = rng.weighted<string>([["", 35], ["www.", 25], ["m.", 25], [`${rng.chars(2, LOWER_ALNUM)}.`, 15]]);
    const host = hostOverride ?? `${prefix}${site.domain}`;
    const scheme = site.scheme ?? (rng.chance(0.85) ? "https" : "http");
    const path = fill(rng, pathTemplate ?? rng.pick(independentPaths[category]));
    return addLink({
      canonicalUrl: `${scheme}://${host}${path}`,
      host,
      registrableDomain: site.domain,
      platformSlug: INDEPENDENT_PLATFORM.slug,
      isShortLink: false,
      isIpLiteral: false,
      isMixedScript: site.domain.startsWith("xn--"),
      category,
      variantStyle: rng.weighted<VariantStyle>([["none", 65], ["wechat", 30], ["utm", 5]]),
      campaign: rng.chars(6, LOWER_ALNUM),
    });
  };

  const ipLink = () => {
    const ip = rng.pick(ipHosts);
    const path = fill(rng, rng.pick(independentPaths[ip.category]));
    return addLink({
      canonicalUrl: `http://${ip.host}${ip.port ? `:${ip.port}` : ""}${path}`,
      host: ip.host,
      registrableDomain: ip.host,
      platformSlug: INDEPENDENT_PLATFORM.slug,
      isShortLink: false,
      isIpLiteral: true,
      isMixedScript: false,
      category: ip.category,
      variantStyle: "none",
      campaign: "",
    });
  };

  const siteByDomain = (domain: string) => independentSites.find((s) => s.domain === domain)!;
  const siteWeights: Weighted<IndependentSite> = independentSites.map((s) => [s, s.weight]);

  /** Dozens of reports on one link within a short span (a link going viral). */
  const burst = (link: PlannedLink | null, from: number, spanMs: number, count: number) => {
    for (let i = 0; i < count; i += 1) link!.times.push(Math.floor(from + ((rng.float() + rng.float()) / 2) * spanMs));
  };

  // A link's follow-up reports trail its first one by a day or two.
  const trailing = (link: PlannedLink, first: number, count: number) => {
    link.times.push(first);
    for (let i = 1; i < count; i += 1) {
      const t = first + rng.exp(1.5 * DAY_MS);
      link.times.push(Math.floor(t < backgroundEnd ? t : first + rng.float() * (backgroundEnd - first)));
    }
  };

  // 1. Bursts.
  burst(
    independentLink({ ...siteByDomain("hongbao-lingqu.top"), scheme: "https" }, "fraud_scam", "/h5/lq.html?id=8866", "hongbao-lingqu.top"),
    now - 41 * DAY_MS + 9 * HOUR_MS,
    36 * HOUR_MS,
    72,
  );
  burst(
    addLink({
      canonicalUrl: "https://fenxiang-jiesuo.cn/v/9527",
      host: "fenxiang-jiesuo.cn",
      registrableDomain: "fenxiang-jiesuo.cn",
      platformSlug: INDEPENDENT_PLATFORM.slug,
      isShortLink: false,
      isIpLiteral: false,
      isMixedScript: false,
      category: "induced_sharing",
      variantStyle: "wechat",
      campaign: "",
    }),
    now - 95 * DAY_MS + 13 * HOUR_MS,
    48 * HOUR_MS,
    55,
  );
  burst(platformLink("pinduoduo", "induced_sharing"), now - 20 * DAY_MS + 2 * HOUR_MS, 48 * HOUR_MS, 40);
  burst(platformLink("weibo", "rumour", platformTemplates.weibo![2]), now - 12 * DAY_MS + 5 * HOUR_MS, 30 * HOUR_MS, 35);

  // 2. Repeat offenders: many distinct bad links on one domain over the months.
  const offenders: readonly [string, number][] = [
    ["jianzhi-daily.xyz", 30],
    ["cheap-iphone-sale.shop", 25],
    ["qipai-yule.vip", 20],
    ["gaoqing-yingshi.cc", 20],
    ["quanyi-fuli.com.cn", 15],
  ];
  for (const [domain, count] of offenders) {
    const site = siteByDomain(domain);
    for (let i = 0; i < count; i += 1) {
      const category = rng.chance(0.85) ? site.category : rng.weighted(independentCategoryMix);
      const link = independentLink(site, category);
      if (link) trailing(link, drawTime(start, backgroundEnd), rng.weighted([[1, 40], [2, 30], [3, 20], [4, 10]]));
    }
  }

  // 3. The last 24 hours: a fresh red-packet scam on a rotated domain, and the everyday trickle.
  const rotated: IndependentSite = { domain: "lingqu-hongbao.vip", category: "fraud_scam", weight: 0, scheme: "https" };
  burst(independentLink(rotated, "fraud_scam", "/r/{a6}", "lingqu-hongbao.vip"), now - 18 * HOUR_MS, 17 * HOUR_MS, 12);

  // 4. Everyday complaints: 70 % on platforms, 30 % on independent sites; most links get one report.
  const backgroundLinks: PlannedLink[] = [];
  const newBackgroundLink = (): PlannedLink | null => {
    if (rng.chance(0.7)) {
      const slug = rng.weighted(platformWeights);
      return platformLink(slug, rng.weighted(platformCategoryMix));
    }
    if (rng.chance(0.04)) return ipLink();
    const site = rng.weighted(siteWeights);
    return independentLink(site, rng.chance(0.75) ? site.category : rng.weighted(independentCategoryMix));
  };
  const recentOnNew = 8;
  const recentOnOld = 12;
  let planned = ordered.reduce((n, l) => n + l.times.length, 0);
  const backgroundTarget = TOTAL_REPORTS - recentOnNew - recentOnOld;
  while (planned < backgroundTarget) {
    const link = newBackgroundLink();
    if (!link) continue;
    const wanted = rng.weighted([[1, 55], [2, 20], [3, 10], [rng.int(4, 6), 10], [rng.int(7, 15), 5]]);
    const count = Math.min(wanted, backgroundTarget - planned);
    trailing(link, drawTime(start, backgroundEnd), count);
    planned += count;
    backgroundLinks.push(link);
  }
  for (let i = 0; i < recentOnNew; ) {
    const link = newBackgroundLink();
    if (!link) continue;
    link.times.push(drawTime(recentStart, now - 60_000));
    i += 1;
  }
  for (let i = 0; i < recentOnOld; i += 1) {
    rng.pick(backgroundLinks).times.push(drawTime(recentStart, now - 60_000));
  }

  // Reporters: a pool of pseudonymous client ids; a few dozen report far more often than the rest.
  const reporterIds: string[] = [];
  const seen = new Set<number>();
  while (reporterIds.length < REPORTER_POOL) {
    const n = rng.int(1, 99_999);
    if (seen.has(n)) continue;
    seen.add(n);
    reporterIds.push(`wx_user_${String(n).padStart(5, "0")}`);
  }

  // 5. Each report's details, link by link.
  let order = 0;
  const all: PlannedReport[] = [];
  for (const link of ordered) {
    link.times.sort((a, b) => a - b);
    const reporters = new Set<number>();
    for (const at of link.times) {
      const category = rng.chance(0.8) ? link.category : rng.weighted(overallCategoryMix);
      const scene = rng.weighted(sceneMix(category));
      let reporter = 0;
      do {
        reporter = rng.chance(0.2) ? rng.int(0, 39) : rng.int(0, REPORTER_POOL - 1);
      } while (reporters.has(reporter));
      reporters.add(reporter);
      const { rawUrl, strippedParams } = rawVariant(rng, link, scene);
      let description: string | null = null;
      if (rng.chance(0.55)) description = rng.chance(0.85) ? rng.pick(descriptions[category]) : rng.pick(genericDescriptions);
      const report: PlannedReport = {
        order: order++,
        at,
        link,
        category,
        scene,
        rawUrl,
        strippedParams,
        description,
        reporter,
        source: rng.chance(0.85) ? "api" : "portal",
        trackingCode: "",
      };
      link.reports.push(report);
      all.push(report);
    }
  }
  all.sort((a, b) => a.at - b.at || a.order - b.order);
  const codes = new Set<string>();
  for (const report of all) {
    let code = "";
    do code = `LD-${rng.chars(8, TRACKING_ALPHABET)}`;
    while (codes.has(code));
    codes.add(code);
    report.trackingCode = code;
  }

  // 6. The showcase links, with known URLs and scripted decisions.
  const showcaseRng = new Rng(SHOWCASE_SEED);
  for (const entry of showcaseLinks) {
    const reporters = new Set<number>();
    const link = addLink({
      canonicalUrl: entry.canonicalUrl,
      host: entry.host,
      registrableDomain: entry.registrableDomain,
      platformSlug: entry.platformSlug,
      isShortLink: false,
      isIpLiteral: false,
      isMixedScript: false,
      category: entry.category,
      variantStyle: "none",
      campaign: "",
    });
    if (!link) throw new Error(`plan: showcase URL ${entry.canonicalUrl} is also a random demo link`);
    link.showcase = entry.decision;
    for (const daysAgo of entry.reportDaysAgo) {
      const category = entry.category;
      let code = "";
      do code = `LD-${showcaseRng.chars(8, TRACKING_ALPHABET)}`;
      while (codes.has(code));
      codes.add(code);
      const report: PlannedReport = {
        order: order++,
        at: Math.floor(now - daysAgo * DAY_MS),
        link,
        category,
        scene: showcaseRng.weighted(sceneMix(category)),
        rawUrl: link.canonicalUrl,
        strippedParams: [],
        description: showcaseRng.pick(descriptions[category]),
        reporter: distinctReporter(showcaseRng, reporters),
        source: showcaseRng.chance(0.85) ? "api" : "portal",
        trackingCode: code,
      };
      link.times.push(report.at);
      link.reports.push(report);
      all.push(report);
    }
  }
  all.sort((a, b) => a.at - b.at || a.order - b.order);
  return { reports: all, reporterIds, start };
}

function distinctReporter(rng: Rng, taken: Set<number>): number {
  let reporter = 0;
  do reporter = rng.int(0, REPORTER_POOL - 1);
  while (taken.has(reporter));
  taken.add(reporter);
  return reporter;
}

/** The URL as the reporter pasted it: sometimes with the chat app's or a campaign's tracking parameters. */
function rawVariant(rng: Rng, link: PlannedLink, scene: Scene): { rawUrl: string; strippedParams: string[] } {
  const plain = { rawUrl: link.canonicalUrl, strippedParams: [] };
  if (link.variantStyle === "none" || !rng.chance(0.7)) return plain;
  let params: [string, string][];
  if (link.variantStyle === "wechat") {
    const from = wechatFrom[scene];
    if (!from) return plain;
    params = [["from", from], ["isappinstalled", "0"]];
  } else if (link.variantStyle === "utm") {
    params = [["utm_source", "wechat"], ["utm_medium", "social"], ["utm_campaign", link.campaign]];
  } else {
    params = [["spm", "a2141.7631564.0.0"], ["utm_source", "wechat"]];
  }
  const query = params.map(([k, v]) => `${k}=${v}`).join("&");
  return {
    rawUrl: `${link.canonicalUrl}${link.canonicalUrl.includes("?") ? "&" : "?"}${query}`,
    strippedParams: params.map(([k]) => k),
  };
}

/** The category most reports name; a tie goes to the one named first. */
export function claimedCategory(link: PlannedLink): CategoryCode {
  const counts = new Map<CategoryCode, number>();
  for (const r of link.reports) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  let best = link.reports[0]!.category;
  for (const [category, n] of counts) if (n > counts.get(best)!) best = category;
  return best;
}
