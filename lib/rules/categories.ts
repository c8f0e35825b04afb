// The 13 complaint categories of DESIGN.md ("Categories, principles and handling levels") as data.
// Codes are stored in reports, cases, rules, decisions and verdicts: never rename one.
import type { Severity } from "@/db/schema";

export const categoryCodes = [
  "pornography",
  "gambling",
  "violence_terrorism",
  "fraud_scam",
  "illegal_trade",
  "rumour",
  "infringement",
  "phishing_malware",
  "excessive_data_collection",
  "risky_source",
  "induced_sharing",
  "excessive_marketing",
  "evasion",
] as const;

export type CategoryCode = (typeof categoryCodes)[number];

/** P1–P3 of DESIGN.md; evasion breaks all three at once and is written "P1-P3". */
export type CategoryPrinciple = "P1" | "P2" | "P3" | "P1-P3";

export type Category = {
  code: CategoryCode;
  principle: CategoryPrinciple;
  severity: Severity;
  nameEn: string;
  nameZh: string;
};

export const categories: readonly Category[] = [
  { code: "pornography", principle: "P1", severity: "critical", nameEn: "Pornography", nameZh: "色情低俗" },
  { code: "gambling", principle: "P1", severity: "critical", nameEn: "Gambling", nameZh: "赌博" },
  { code: "violence_terrorism", principle: "P1", severity: "critical", nameEn: "Violence or terrorism", nameZh: "暴力恐怖" },
  { code: "fraud_scam", principle: "P1", severity: "critical", nameEn: "Fraud or scam", nameZh: "诈骗" },
  { code: "illegal_trade", principle: "P1", severity: "high", nameEn: "Illegal trade", nameZh: "违法买卖" },
  { code: "rumour", principle: "P1", severity: "medium", nameEn: "Rumour or false information", nameZh: "谣言或虚假信息" },
  { code: "infringement", principle: "P1", severity: "high", nameEn: "Infringement or impersonation", nameZh: "侵权或冒充他人" },
  { code: "phishing_malware", principle: "P2", severity: "critical", nameEn: "Phishing or malware", nameZh: "钓鱼网站或恶意软件" },
  {
    code: "excessive_data_collection",
    principle: "P2",
    severity: "high",
    nameEn: "Excessive data collection",
    nameZh: "过度收集个人信息",
  },
  { code: "risky_source", principle: "P2", severity: "medium", nameEn: "Risky or untraceable source", nameZh: "来源不明或有风险" },
  { code: "induced_sharing", principle: "P3", severity: "medium", nameEn: "Induced sharing or following", nameZh: "诱导分享或关注" },
  {
    code: "excessive_marketing",
    principle: "P3",
    severity: "low",
    nameEn: "Excessive marketing or spam",
    nameZh: "过度营销或骚扰",
  },
  { code: "evasion", principle: "P1-P3", severity: "critical", nameEn: "Evasion of handling", nameZh: "规避处置" },
];

/** Weights of DESIGN.md: used by queue priority and the ratings' severity index. */
export const severityWeight = { critical: 8, high: 4, medium: 2, low: 1 } as const satisfies Record<Severity, number>;

const byCode = new Map<string, Category>(categories.map((c) => [c.code, c]));

export function isCategoryCode(code: string): code is CategoryCode {
  return byCode.has(code);
}

/** The category with this code, or undefined for a code that is not one (old data, bad input). */
export function categoryByCode(code: string): Category | undefined {
  return byCode.get(code);
}
