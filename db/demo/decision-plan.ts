// Planning the demo decisions (pure, before any write): which cases the demo moderators decided, when,
// with which outcome and category, who took them, and when the platform answered the rectification
// notice. The level is not planned here: it depends on the domain's earlier decisions, so the seed
// asks the rulebook for it at the decision's time (db/demo/handling.ts).
//
// A case is decided only after the last report on its link, and only when that moment is before
// `now`: no report of the demo is ever filed on a decided case, so the cases stay exactly as the
// report grouping (lib/reports/case-grouping.ts) would have left them.
import type { Outcome, Severity } from "@/db/schema";
import { type CategoryCode, categoryByCode } from "@/lib/rules/categories";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";
import { overallCategoryMix } from "./link-shapes";
import { type PlannedLink, claimedCategory } from "./plan";
import { Rng } from "./random";
import type { ShowcaseDecision } from "./showcase";

const DECISION_SEED = 20_261_126;
const MINUTE_MS = 60_000;

export type DeciderKey = ShowcaseDecision["decider"];

export const deciderEmails: Record<DeciderKey, string> = {
  moderator: "moderator@linkdesk.test",
  "li.na": "li.na@linkdesk.test",
  "zhang.wei": "zhang.wei@linkdesk.test",
  senior: "senior@linkdesk.test",
};

/** Planned departures from the recommended level (db/demo/handling.ts applies them where allowed). */
export type Deviation = "follow" | "lighter" | "heavier";

export type NoticeAnswerPlan =
  | { kind: "on_time" | "late"; at: number; textRoll: number; zh: boolean }
  | { kind: "never" };

export type PlannedDecision = {
  link: PlannedLink;
  at: number;
  outcome: Outcome;
  category: CategoryCode;
  decider: DeciderKey;
  deviation: Deviation;
  rationaleRoll: number;
  /** Null: no public (or internal) note. */
  publicNoteRoll: number | null;
  internalNoteRoll: number | null;
  /** Only a violation on a registered platform's link sends a notice (lib/decisions/decide.ts). */
  answer: NoticeAnswerPlan | null;
  scripted: ShowcaseDecision | null;
};

// How quickly a case is reached after its last report: the queue puts severe categories first, so a
// low-severity complaint more often waits in the backlog, for weeks, and is sometimes never reached.
const pace: Record<Severity, { meanHours: number; backlog: number; reached: number }> = {
  critical: { meanHours: 5, backlog: 0.1, reached: 0.85 },
  high: { meanHours: 10, backlog: 0.3, reached: 0.68 },
  medium: { meanHours: 20, backlog: 0.45, reached: 0.58 },
  low: { meanHours: 30, backlog: 0.6, reached: 0.45 },
};
const BACKLOG_MEAN_DAYS = 20;

// Each platform's conduct, which its rating reflects (docs/ratings.md "The demo's ratings"): how many
// of the complaints about its links a moderator upholds (a platform that polices its own listings
// leaves mostly unfounded complaints, and few severe ones), and how it answers rectification notices.
type Conduct = {
  /** Of the decided complaints (violation or no violation), the share upheld, by the claim's severity; null: as for any site. */
  upheld: Record<Severity, number> | null;
  /** How it answers notices: on time, late, never (weights). */
  habit: readonly [number, number, number];
  /** Lets even critical notices lapse (most platforms answer those, if not always in time). */
  lapsesOnCritical: boolean;
};

const conducts = {
  // Small platforms that keep their links clean: grade A (provisional, with few decided cases).
  clean: { upheld: { critical: 0.02, high: 0.04, medium: 0.06, low: 0.08 }, habit: [97, 3, 0], lapsesOnCritical: false },
  // Big platforms with their own moderation: grade B (every link shares a registrable domain, so the
  // repeat rate is about 1 and 80 is the best score they can reach).
  careful: { upheld: { critical: 0.1, high: 0.15, medium: 0.2, low: 0.25 }, habit: [95, 4, 1], lapsesOnCritical: false },
  average: { upheld: { critical: 0.2, high: 0.25, medium: 0.3, low: 0.35 }, habit: [80, 12, 8], lapsesOnCritical: false },
  lax: { upheld: null, habit: [72, 13, 15], lapsesOnCritical: false },
  poor: { upheld: null, habit: [45, 22, 33], lapsesOnCritical: true },
} satisfies Record<string, Conduct>;

const platformConduct: Record<string, Conduct> = {
  taobao: conducts.careful,
  jd: conducts.careful,
  alipay: conducts.careful,
  meituan: conducts.careful,
  zhihu: conducts.careful,
  amap: conducts.clean,
  ctrip: conducts.clean,
  dangdang: conducts.clean,
  kugou: conducts.clean,
  ximalaya: conducts.clean,
  huya: conducts.clean,
  douyin: conducts.average,
  xiaohongshu: conducts.average,
  toutiao: conducts.average,
  bilibili: conducts.average,
  baidu: conducts.average,
  weibo: conducts.average,
  iqiyi: conducts.average,
  netease: conducts.average,
  dianping: conducts.careful,
  eleme: conducts.careful,
  dewu: conducts.careful,
  suning: conducts.clean,
  douban: conducts.average,
  xigua: conducts.average,
  pinduoduo: conducts.poor,
  "58": conducts.poor,
  kuaishou: { ...conducts.lax, habit: [58, 20, 22] },
  xianyu: { ...conducts.lax, habit: [52, 22, 26] },
};
const DEFAULT_CONDUCT: Conduct = conducts.lax;

/**
 * The platform whose grade falls in the last weeks: careful until SLIP_DAYS_AGO, then it stops
 * answering notices in time and lets a critical one lapse — the rating's rectification rate drops and
 * the overdue critical notice caps the grade at C (what the "why this grade" panel shows).
 */
export const SLIPPING_PLATFORM = "taobao";
export const SLIP_DAYS_AGO = 24;
const slipped: Conduct = { upheld: { critical: 0.7, high: 0.25, medium: 0.3, low: 0.35 }, habit: [20, 75, 5], lapsesOnCritical: true };

function conductOf(slug: string, at: number, now: number): Conduct {
  if (slug === SLIPPING_PLATFORM && at >= now - SLIP_DAYS_AGO * DAY_MS) return slipped;
  return platformConduct[slug] ?? DEFAULT_CONDUCT;
}

const NOTICE_HOURS = { critical: 24, other: 48 } as const;

function outcomeWeights(reports: number): readonly (readonly [Outcome, number])[] {
  if (reports === 1) return [["violation", 62], ["no_violation", 23], ["insufficient_evidence", 15]];
  if (reports <= 3) return [["violation", 80], ["no_violation", 13], ["insufficient_evidence", 7]];
  return [["violation", 92], ["no_violation", 6], ["insufficient_evidence", 2]];
}

/** The outcome a roll in [0, 1) picks: the usual weights, or the platform's share of upheld complaints. */
function outcomeFor(roll: number, reports: number, upheld: number | null): Outcome {
  const weights = outcomeWeights(reports);
  const entries: readonly (readonly [Outcome, number])[] =
    upheld === null
      ? weights
      : (() => {
          const unclear = weights[2]![1];
          const decided = 100 - unclear;
          return [["violation", decided * upheld], ["no_violation", decided * (1 - upheld)], ["insufficient_evidence", unclear]];
        })();
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = roll * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

const severityOf = (category: CategoryCode): Severity => categoryByCode(category)!.severity;

/** Links in the order their first report came in: the order the seed creates their cases. */
export function linksInOrder(reports: readonly { link: PlannedLink }[]): PlannedLink[] {
  const seen = new Set<PlannedLink>();
  for (const r of reports) seen.add(r.link);
  return [...seen];
}

export function planDecisions(links: readonly PlannedLink[], now: number): PlannedDecision[] {
  const rng = new Rng(DECISION_SEED);
  const planned: PlannedDecision[] = [];
  for (const link of links) {
    // Every link draws the same rolls whether or not it ends up decided, so one choice never
    // shifts the draws of the links after it.
    const claimed = claimedCategory(link);
    const last = link.reports[link.reports.length - 1]!.at;
    const speed = pace[severityOf(claimed)];
    const reached = rng.chance(speed.reached);
    const backlog = rng.chance(speed.backlog) ? rng.exp(BACKLOG_MEAN_DAYS * DAY_MS) : 0;
    const wait = 10 * MINUTE_MS + rng.exp(speed.meanHours * HOUR_MS) + backlog;
    const outcomeRoll = rng.float(); // one draw, as rng.weighted takes
    const corrected = rng.chance(0.1);
    let alternative = rng.weighted(overallCategoryMix);
    if (alternative === claimed) alternative = link.category !== claimed ? link.category : rng.weighted(overallCategoryMix);
    const decider = rng.weighted<DeciderKey>([["moderator", 30], ["li.na", 25], ["zhang.wei", 25], ["senior", 20]]);
    const deviation = rng.weighted<Deviation>([["follow", 89], ["lighter", 7], ["heavier", 4]]);
    // Once the choice of a sanction alone; still drawn so that the rest of the plan stays as it was.
    rng.chance(0.6);
    const rationaleRoll = rng.float();
    const publicNoteRoll = rng.chance(0.6) ? rng.float() : null;
    const internalNoteRoll = rng.chance(0.15) ? rng.float() : null;
    const answerKindRoll = rng.float();
    const answerTimeRoll = rng.float();
    const answerTextRoll = rng.float();
    const answerInChinese = rng.chance(0.7);

    const scripted = link.showcase ?? null;
    const at = scripted ? Math.floor(now - scripted.daysAgo * DAY_MS) : Math.floor(last + wait);
    if (scripted) {
      if (at <= last || at >= now) throw new Error(`planDecisions: the showcase decision on ${link.canonicalUrl} is not between its last report and now`);
    } else if (!reached || at >= now) continue;

    const conduct = link.platformSlug === "independent" ? DEFAULT_CONDUCT : conductOf(link.platformSlug, at, now);
    const upheld = link.platformSlug === "independent" ? null : (conduct.upheld?.[severityOf(claimed)] ?? null);
    const decided = scripted?.outcome ?? outcomeFor(outcomeRoll, link.reports.length, upheld);
    const category = !scripted && decided === "violation" && corrected ? alternative : claimed;
    let answer: NoticeAnswerPlan | null = null;
    if (decided === "violation" && link.platformSlug !== "independent") {
      const critical = severityOf(category) === "critical";
      const deadline = (critical ? NOTICE_HOURS.critical : NOTICE_HOURS.other) * HOUR_MS;
      const [onTime, late, never] = conduct.habit;
      const roll = answerKindRoll * (onTime + late + never);
      let kind: NoticeAnswerPlan["kind"] = roll < onTime ? "on_time" : roll < onTime + late ? "late" : "never";
      // Most platforms never let a critical notice lapse: they answer it, if not always in time.
      if (kind === "never" && critical && !conduct.lapsesOnCritical) kind = answerTimeRoll < 0.5 ? "on_time" : "late";
      // The slipping platform lets its critical notices lapse outright.
      if (critical && conduct === slipped) kind = "never";
      if (kind === "never") answer = { kind };
      else {
        const delay = kind === "on_time" ? deadline * (0.05 + 0.92 * answerTimeRoll) : deadline + 30 * MINUTE_MS - Math.log(1 - answerTimeRoll) * 36 * HOUR_MS;
        answer = { kind, at: Math.floor(at + delay), textRoll: answerTextRoll, zh: answerInChinese };
      }
    }
    planned.push({
      link,
      at,
      outcome: decided,
      category,
      decider: scripted?.decider ?? decider,
      deviation: scripted ? "follow" : deviation,
      rationaleRoll,
      publicNoteRoll,
      internalNoteRoll: scripted ? null : internalNoteRoll,
      answer,
      scripted,
    });
  }
  return planned;
}
