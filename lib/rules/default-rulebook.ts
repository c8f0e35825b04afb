// DESIGN.md's default rulebook as data: one entry per category, shaped like a `rules` row without its
// ids. The seed publishes it as rule version 1; managers edit later versions in the console.
//
// A ladder lists the step for the first offence, then for each repeat by the same registrable domain
// within REPEAT_WINDOW_DAYS; offences beyond the last step repeat the last step.
// durationHours null means "until lifted" (an approved restore request, a reversal or an appeal).
import type { LadderStep, Severity } from "@/db/schema";
import { type CategoryCode, type CategoryPrinciple, categories } from "./categories";

export const REPEAT_WINDOW_DAYS = 180;

export type DefaultRule = {
  category: CategoryCode;
  principle: CategoryPrinciple;
  severity: Severity;
  ladder: LadderStep[];
  allowsDomainBlock: boolean;
  /** Confirmed, unrectified links of one domain before L4 may be chosen; null for critical categories. */
  domainBlockThreshold: number | null;
  reasonEn: string;
  reasonZh: string;
};

const DAYS_30 = 30 * 24;
const DAYS_90 = 90 * 24;

type RuleText = Pick<DefaultRule, "ladder" | "reasonEn" | "reasonZh">;

const texts: Record<CategoryCode, RuleText> = {
  pornography: {
    ladder: [
      { level: "L3", durationHours: null },
      { level: "L4", durationHours: null },
    ],
    reasonEn: "This page may contain pornographic or vulgar content.",
    reasonZh: "该网页可能含有色情低俗内容。",
  },
  gambling: {
    ladder: [
      { level: "L3", durationHours: null },
      { level: "L4", durationHours: null },
    ],
    reasonEn: "This page may offer gambling or betting.",
    reasonZh: "该网页可能涉及赌博或博彩。",
  },
  violence_terrorism: {
    ladder: [
      { level: "L3", durationHours: null },
      { level: "L4", durationHours: null },
    ],
    reasonEn: "This page may contain violent or terrorist content.",
    reasonZh: "该网页可能含有暴力恐怖内容。",
  },
  fraud_scam: {
    ladder: [
      { level: "L3", durationHours: null },
      { level: "L4", durationHours: null },
    ],
    reasonEn: "This page may be a scam, such as a fake red packet, fake prize or paid task. Do not pay or share your details.",
    reasonZh: "该网页可能是诈骗（如虚假红包、虚假中奖、刷单兼职），请勿付款或填写个人信息。",
  },
  illegal_trade: {
    ladder: [
      { level: "L2", durationHours: DAYS_30 },
      { level: "L3", durationHours: null },
      { level: "L4", durationHours: null },
    ],
    reasonEn: "This page may sell goods or services that are not allowed, such as unlicensed drugs or securities.",
    reasonZh: "该网页可能在买卖违禁商品或服务，如无证药品、非法证券。",
  },
  rumour: {
    ladder: [
      { level: "L1", durationHours: DAYS_30 },
      { level: "L2", durationHours: DAYS_30 },
      { level: "L3", durationHours: null },
    ],
    reasonEn: "This page may contain false or misleading information.",
    reasonZh: "该网页可能含有不实或误导性信息。",
  },
  infringement: {
    // "L3 → L3 longer → L4": the first block lasts until a restore request is approved; the repeat
    // block runs a fixed 90 days even if the content is fixed sooner.
    ladder: [
      { level: "L3", durationHours: null },
      { level: "L3", durationHours: DAYS_90 },
      { level: "L4", durationHours: null },
    ],
    reasonEn: "This page may infringe someone's rights or pretend to be someone else.",
    reasonZh: "该网页可能侵犯他人权益或冒充他人。",
  },
  phishing_malware: {
    ladder: [
      { level: "L3", durationHours: null },
      { level: "L4", durationHours: null },
    ],
    reasonEn: "This page may try to steal your account or install harmful software.",
    reasonZh: "该网页可能盗取账号信息或诱导安装有害软件。",
  },
  excessive_data_collection: {
    ladder: [
      { level: "L1", durationHours: DAYS_30 },
      { level: "L3", durationHours: null },
      { level: "L4", durationHours: null },
    ],
    reasonEn: "This page may ask for more personal information than it needs, such as your phone or ID number.",
    reasonZh: "该网页可能索取不必要的个人信息，如手机号或身份证号。",
  },
  risky_source: {
    ladder: [
      { level: "L1", durationHours: DAYS_30 },
      { level: "L2", durationHours: DAYS_30 },
    ],
    reasonEn: "This page may come from an unknown operator or offer downloads of unknown origin.",
    reasonZh: "该网页可能来源不明，或提供来历不明的下载。",
  },
  induced_sharing: {
    ladder: [
      { level: "L2", durationHours: DAYS_30 },
      { level: "L3", durationHours: 12 },
      { level: "L3", durationHours: 24 },
      { level: "L3", durationHours: 168 },
    ],
    reasonEn: "This page may push you to share or follow before you can see it, or to help with price cuts.",
    reasonZh: "该网页可能诱导你分享、关注或帮忙砍价后才能查看。",
  },
  excessive_marketing: {
    ladder: [
      { level: "L1", durationHours: DAYS_30 },
      { level: "L2", durationHours: DAYS_30 },
      { level: "L3", durationHours: null },
    ],
    reasonEn: "This page may show excessive ads, spam or redirects that are hard to leave.",
    reasonZh: "该网页可能含有过多广告、骚扰信息或难以退出的跳转。",
  },
  evasion: {
    // DESIGN.md: "L4 + L5" on the first offence. A ladder holds one step per offence, so putting L5
    // second would wrongly mean "a repeat gets only a provider sanction". The ladder is therefore the
    // single step L4, and L5 (rectification demanded, rating penalty) is recorded as a note in the
    // reason; the platform is sanctioned anyway through the rectification notice every confirmed
    // violation sends (see also `alsoSanctionsProvider`).
    ladder: [{ level: "L4", durationHours: null }],
    reasonEn:
      "This site may be evading earlier handling, for example by switching domains or showing reviewers different content. Its provider has been asked to rectify (L5).",
    reasonZh: "该网站可能在规避处置，如频繁更换域名或对审核者展示不同内容。已要求其提供方整改（L5）。",
  },
};

export const defaultRulebook: readonly DefaultRule[] = categories.map((c) => {
  const { ladder, reasonEn, reasonZh } = texts[c.code];
  const allowsDomainBlock = ladder.some((step) => step.level === "L4");
  return {
    category: c.code,
    principle: c.principle,
    severity: c.severity,
    ladder,
    allowsDomainBlock,
    domainBlockThreshold: allowsDomainBlock && c.severity !== "critical" ? 3 : null,
    reasonEn,
    reasonZh,
  };
});

/** Categories whose confirmed violation also records L5 against the platform (DESIGN.md: evasion). */
export const alsoSanctionsProvider: ReadonlySet<CategoryCode> = new Set<CategoryCode>(["evasion"]);
