// Demo links with fixed URLs and scripted decisions, so the verdict API, the e2e tests and the README
// have known examples of every answer: a warning, restricted sharing, a URL block, a domain block,
// a block that has expired and a link judged harmless. Their domains are invented and appear nowhere
// else in the demo, so no other decision changes their verdicts. Each scripted level is the one the
// rulebook recommends at that point (the seed checks this and refuses to load otherwise).
import type { Level, Outcome } from "@/db/schema";
import type { CategoryCode } from "@/lib/rules/categories";

/** Canonical URLs with a known verdict at the seed's `now` (verdictFor / GET /api/v1/links/verdict). */
export const DEMO_VERDICT_EXAMPLES = {
  /** L1 warn for 30 days, decided 9 days ago: rumour, first offence of its domain. */
  warn: "https://jiankang-kuaixun.net/news/48213307.html",
  /** L2 restrict sharing for 30 days, decided 4 days ago: induced sharing, first offence. */
  restrictSharing: "https://jizan-lingjiang.xyz/share/Qm7tR2kd",
  /** L3 block of this URL until lifted, decided 16 days ago: a click-farm job scam, first offence. */
  blockUrl: "https://jianzhi-fanli.top/jianzhi/60721.html",
  /** L4 block of the whole registrable domain zhongjiang-lingqu.top, decided 25 days ago (second fraud link). */
  blockDomain: "https://www.zhongjiang-lingqu.top/h5/lq.html?id=5120",
  /** Never reported, but on the blocked domain: blocked by the domain verdict alone. */
  blockDomainUnreported: "https://m.zhongjiang-lingqu.top/act/newyear/index.html",
  /** Had an L3 block for 12 hours (second induced-sharing offence of its domain), expired 35 days ago: allowed. */
  expiredBlock: "https://kanjia-bang.top/unlock/pR82xa",
  /** Reported as a rumour, decided "no violation" 6 days ago: allowed. */
  noViolation: "https://www.zhihu.com/question/612345678",
} as const;

export type ShowcaseDecision = {
  /** Days before `now` the decision was taken (after the link's last report). */
  daysAgo: number;
  decider: "moderator" | "li.na" | "zhang.wei" | "senior";
  outcome: Outcome;
  level: Level;
  durationHours: number | null;
};

export type ShowcaseLink = {
  canonicalUrl: string;
  host: string;
  registrableDomain: string;
  platformSlug: string;
  category: CategoryCode;
  /** When its reports came in, in days before `now`. */
  reportDaysAgo: readonly number[];
  decision: ShowcaseDecision;
};

const DAYS_30 = 30 * 24;

/** Two links share a domain where the example is a repeat offence: the first one's decision makes it so. */
export const showcaseLinks: readonly ShowcaseLink[] = [
  {
    canonicalUrl: DEMO_VERDICT_EXAMPLES.warn,
    host: "jiankang-kuaixun.net",
    registrableDomain: "jiankang-kuaixun.net",
    platformSlug: "independent",
    category: "rumour",
    reportDaysAgo: [11.2, 10.6, 9.9],
    decision: { daysAgo: 9.3, decider: "li.na", outcome: "violation", level: "L1", durationHours: DAYS_30 },
  },
  {
    canonicalUrl: DEMO_VERDICT_EXAMPLES.restrictSharing,
    host: "jizan-lingjiang.xyz",
    registrableDomain: "jizan-lingjiang.xyz",
    platformSlug: "independent",
    category: "induced_sharing",
    reportDaysAgo: [5.4, 5.1, 4.8, 4.6],
    decision: { daysAgo: 4.2, decider: "moderator", outcome: "violation", level: "L2", durationHours: DAYS_30 },
  },
  {
    canonicalUrl: DEMO_VERDICT_EXAMPLES.blockUrl,
    host: "jianzhi-fanli.top",
    registrableDomain: "jianzhi-fanli.top",
    platformSlug: "independent",
    category: "fraud_scam",
    reportDaysAgo: [17.5, 17.1, 16.8, 16.5, 16.4],
    decision: { daysAgo: 16.2, decider: "zhang.wei", outcome: "violation", level: "L3", durationHours: null },
  },
  {
    canonicalUrl: "https://zhongjiang-lingqu.top/prize/Xk3p9Q",
    host: "zhongjiang-lingqu.top",
    registrableDomain: "zhongjiang-lingqu.top",
    platformSlug: "independent",
    category: "fraud_scam",
    reportDaysAgo: [62.3, 61.9, 61.7],
    decision: { daysAgo: 61.4, decider: "moderator", outcome: "violation", level: "L3", durationHours: null },
  },
  {
    canonicalUrl: DEMO_VERDICT_EXAMPLES.blockDomain,
    host: "www.zhongjiang-lingqu.top",
    registrableDomain: "zhongjiang-lingqu.top",
    platformSlug: "independent",
    category: "fraud_scam",
    reportDaysAgo: [26.4, 26.2, 26.1, 25.9, 25.8, 25.6],
    decision: { daysAgo: 25.3, decider: "senior", outcome: "violation", level: "L4", durationHours: null },
  },
  {
    canonicalUrl: "https://kanjia-bang.top/kanjia/310582",
    host: "kanjia-bang.top",
    registrableDomain: "kanjia-bang.top",
    platformSlug: "independent",
    category: "induced_sharing",
    reportDaysAgo: [81.5, 81.2],
    decision: { daysAgo: 80.6, decider: "li.na", outcome: "violation", level: "L2", durationHours: DAYS_30 },
  },
  {
    canonicalUrl: DEMO_VERDICT_EXAMPLES.expiredBlock,
    host: "kanjia-bang.top",
    registrableDomain: "kanjia-bang.top",
    platformSlug: "independent",
    category: "induced_sharing",
    reportDaysAgo: [36.3, 36.1, 35.9],
    decision: { daysAgo: 35.6, decider: "zhang.wei", outcome: "violation", level: "L3", durationHours: 12 },
  },
  {
    canonicalUrl: DEMO_VERDICT_EXAMPLES.noViolation,
    host: "www.zhihu.com",
    registrableDomain: "zhihu.com",
    platformSlug: "zhihu",
    category: "rumour",
    reportDaysAgo: [7.2, 6.9],
    decision: { daysAgo: 6.4, decider: "moderator", outcome: "no_violation", level: "L0", durationHours: null },
  },
];
