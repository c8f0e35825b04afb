// The recommendation engine: from the case facts and a rulebook version, the action the rulebook
// calls for, with an explanation in English and Chinese that cites the rule. Pure: no database, no
// clock. The moderator decides; the recommendation is stored beside the decision
// (decisions.recommended_level) so an auditor can see where a decision departed from the rules.
//
// The platform grade is taken as a fact but never changes the action. DESIGN.md: "the grade feeds
// queue priority and the verdict modes"; a regulator forbids discriminating against competitors'
// links, so two links with the same category and the same domain history get the same handling
// whatever platform they belong to. A grade-D platform is only mentioned in the explanation, with a
// sentence saying the grade was not used.
import { type Grade, type LadderStep, type Level, levels, type Severity } from "@/db/schema";
import { categoryByCode, isCategoryCode } from "./categories";
import { alsoSanctionsProvider } from "./default-rulebook";

export type RuleForEngine = {
  category: string;
  principle: string;
  severity: Severity;
  ladder: LadderStep[];
  allowsDomainBlock: boolean;
  domainBlockThreshold: number | null;
};

export type RulebookForEngine = { version: number; repeatWindowDays: number; rules: RuleForEngine[] };

export type CaseFacts = {
  /** The category the moderator is deciding under. */
  category: string;
  /** Confirmed violations on the same registrable domain within the repeat window, before this one. */
  priorOffences: number;
  /** Confirmed, unrectified violations on the domain (links still in violation), before this one. */
  openViolationsOnDomain: number;
  /** The platform's current grade (null: independent site or not rated). Never changes the action. */
  platformGrade: Grade | null;
  isIndependent: boolean;
};

export type Recommendation = {
  level: Level;
  /** null: until lifted. */
  durationHours: number | null;
  /** L4 blocks the registrable domain; every other level applies to the canonical URL. */
  scope: "url" | "domain";
  /** L5 (provider sanction) recorded against the platform in addition, e.g. for evasion. */
  alsoSanctionProvider: boolean;
  /** The 1-based ladder step used: the offence number, capped at the ladder length. */
  offenceNumber: number;
  explanation: { en: string; zh: string };
  citation: { ruleVersion: number; category: string; step: number };
};

const levelRank = (level: Level) => levels.indexOf(level);

/**
 * Orders handling from lightest to heaviest: by level, then by duration with "until lifted" longest.
 * Negative when `a` is lighter than `b`, 0 when equal, positive when heavier.
 */
export function compareHandling(a: LadderStep, b: LadderStep): number {
  const byLevel = levelRank(a.level) - levelRank(b.level);
  if (byLevel !== 0) return byLevel;
  if (a.durationHours === b.durationHours) return 0;
  if (a.durationHours === null) return 1;
  if (b.durationHours === null) return -1;
  return a.durationHours - b.durationHours;
}

const URL_BLOCK: LadderStep = { level: "L3", durationHours: null };

/**
 * The strongest URL-level handling of a ladder, used when its L4 step may not be taken: the heaviest
 * L3 step of the ladder, or L3 until lifted when the ladder has none (a case that deserved a domain
 * block deserves at least a block of its own URL). Being the heaviest L3 step, it is never lighter
 * than any earlier step of a valid ladder, so falling back keeps repeat offences from getting lighter.
 */
function strongestUrlBlock(ladder: readonly LadderStep[]): LadderStep {
  const urlBlocks = ladder.filter((step) => step.level === "L3");
  if (urlBlocks.length === 0) return URL_BLOCK;
  return urlBlocks.reduce((heaviest, step) => (compareHandling(step, heaviest) > 0 ? step : heaviest));
}

type DomainBlockGate =
  | { kind: "not_at_this_step" }
  | { kind: "critical" }
  | { kind: "threshold_met"; openLinks: number; threshold: number }
  | { kind: "not_allowed" }
  | { kind: "platform_domain" }
  | { kind: "no_threshold" }
  | { kind: "below_threshold"; openLinks: number; threshold: number };

// DESIGN.md, L4: "only when several links of the domain are confirmed and unrectified, or the
// category is critical" — and only when the rule allows a domain block at all. A registered platform's
// own domain (taobao.com, v.douyin.com's douyin.com) hosts the pages of countless shops and creators:
// blocking it would block them all for one owner's violation, so repeat offences there fall back to
// the strongest URL block and put the platform itself under an L5 provider sanction instead.
function domainBlockGate(rule: RuleForEngine, step: LadderStep, facts: CaseFacts): DomainBlockGate {
  const gate = ruleGate(rule, step, facts.openViolationsOnDomain);
  const wouldBlockDomain = gate.kind === "critical" || gate.kind === "threshold_met";
  return wouldBlockDomain && !facts.isIndependent ? { kind: "platform_domain" } : gate;
}

function ruleGate(rule: RuleForEngine, step: LadderStep, openViolationsOnDomain: number): DomainBlockGate {
  if (step.level !== "L4") return { kind: "not_at_this_step" };
  if (!rule.allowsDomainBlock) return { kind: "not_allowed" };
  if (rule.severity === "critical") return { kind: "critical" };
  const threshold = rule.domainBlockThreshold;
  if (threshold === null) return { kind: "no_threshold" };
  // The violation being decided counts: it is confirmed and not yet rectified.
  const openLinks = openViolationsOnDomain + 1;
  return openLinks >= threshold
    ? { kind: "threshold_met", openLinks, threshold }
    : { kind: "below_threshold", openLinks, threshold };
}

function assertCount(name: string, value: number) {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of at least 0, got ${value}.`);
  }
}

export function recommend(rulebook: RulebookForEngine, facts: CaseFacts): Recommendation {
  const rule = rulebook.rules.find((r) => r.category === facts.category);
  if (!rule) {
    throw new Error(`Rulebook version ${rulebook.version} has no rule for category "${facts.category}".`);
  }
  assertCount("priorOffences", facts.priorOffences);
  assertCount("openViolationsOnDomain", facts.openViolationsOnDomain);
  if (rule.ladder.length === 0) {
    throw new Error(`Rulebook version ${rulebook.version}: the rule for "${rule.category}" has no ladder steps.`);
  }
  if (rule.ladder.some((s) => s.level === "L5")) {
    // L5 is recorded in addition to a link's handling, not instead of it (see default-rulebook.ts on
    // evasion); rulebookProblems refuses such a ladder before it can be published.
    throw new Error(`Rulebook version ${rulebook.version}: the rule for "${rule.category}" has L5 as a ladder step.`);
  }

  const offenceNumber = Math.min(facts.priorOffences + 1, rule.ladder.length);
  const ladderStep = rule.ladder[offenceNumber - 1]!;
  const critical = rule.severity === "critical";

  const gate = domainBlockGate(rule, ladderStep, facts);
  let handling = ladderStep;
  if (gate.kind === "not_allowed" || gate.kind === "platform_domain" || gate.kind === "no_threshold" || gate.kind === "below_threshold") {
    handling = strongestUrlBlock(rule.ladder);
  }
  // The default rulebook starts every critical ladder at L3 and rulebookProblems refuses one that
  // does not; the engine holds the floor too, so a faulty rulebook cannot recommend less.
  const raisedToFloor = critical && levelRank(handling.level) < levelRank("L3");
  if (raisedToFloor) handling = URL_BLOCK;

  // Evasion carries L5 on top of its L4 (DESIGN.md). An independent site belongs to no registered
  // platform, so there is no provider to demand rectification from or to rate.
  const sanctionable = (isCategoryCode(rule.category) && alsoSanctionsProvider.has(rule.category)) || gate.kind === "platform_domain";
  const alsoSanctionProvider = sanctionable && !facts.isIndependent;

  return {
    level: handling.level,
    durationHours: handling.durationHours,
    scope: handling.level === "L4" ? "domain" : "url",
    alsoSanctionProvider,
    offenceNumber,
    explanation: explain({
      rulebook,
      rule,
      facts,
      offenceNumber,
      ladderStep,
      handling,
      gate,
      raisedToFloor,
      sanctionable,
      alsoSanctionProvider,
    }),
    citation: { ruleVersion: rulebook.version, category: rule.category, step: offenceNumber },
  };
}

// ── Explanation ──────────────────────────────────────────────────────────────

const levelNames: Record<Level, { en: string; zh: string }> = {
  L0: { en: "no action", zh: "不处置" },
  L1: { en: "warn", zh: "警告" },
  L2: { en: "restrict sharing", zh: "限制分享" },
  L3: { en: "block URL", zh: "封禁网址" },
  L4: { en: "block domain", zh: "封禁域名" },
  L5: { en: "provider sanction", zh: "处罚提供方" },
};

const severityZh: Record<Severity, string> = { critical: "严重", high: "高", medium: "中", low: "低" };

/** A ladder duration in words, as the rulebook page writes it: days from two days up, hours below. */
export function durationText(hours: number | null) {
  if (hours === null) return { en: "until lifted", zh: "直至解除" };
  if (hours % 24 === 0 && hours >= 48) return { en: `${hours / 24} days`, zh: `${hours / 24} 天` };
  return { en: `${hours} ${hours === 1 ? "hour" : "hours"}`, zh: `${hours} 小时` };
}

function handlingText(step: LadderStep) {
  const name = levelNames[step.level];
  const duration = durationText(step.durationHours);
  return { en: `${step.level} ${name.en}, ${duration.en}`, zh: `${step.level} ${name.zh}，${duration.zh}` };
}

const links = (n: number) => `${n} confirmed unrectified ${n === 1 ? "link" : "links"}`;

function gateText(gate: DomainBlockGate, fallback: { en: string; zh: string }) {
  const instead = {
    en: ` The strongest URL-level step applies instead: ${fallback.en}.`,
    zh: `改用最重的网址级处置：${fallback.zh}。`,
  };
  switch (gate.kind) {
    case "not_at_this_step":
      return { en: "This step is not a domain-wide block (L4).", zh: "此步不是封禁整个域名（L4）。" };
    case "critical":
      return {
        en: "L4 is allowed because the category is critical; only a senior moderator may block a domain.",
        zh: "该类别为严重类别，因此允许 L4；只有高级审核员可以封禁域名。",
      };
    case "threshold_met":
      return {
        en: `L4 is allowed: ${links(gate.openLinks)} on the domain, counting this one, reach the rule's threshold of ${gate.threshold}; only a senior moderator may block a domain.`,
        zh: `允许 L4：该域名已确认且未整改的链接（含本条）有 ${gate.openLinks} 条，达到规则门槛 ${gate.threshold} 条；只有高级审核员可以封禁域名。`,
      };
    case "not_allowed":
      return {
        en: `L4 is not recommended: this rule does not allow a domain-wide block.${instead.en}`,
        zh: `不建议 L4：本规则不允许封禁整个域名。${instead.zh}`,
      };
    case "platform_domain":
      return {
        en: `L4 is not recommended: the domain belongs to a registered platform, and blocking it would block every shop and creator on it. The platform is sanctioned (L5) instead.${instead.en}`,
        zh: `不建议 L4：该域名属于已登记平台，封禁将波及其上所有商家和创作者，改为对平台记录 L5 处罚。${instead.zh}`,
      };
    case "no_threshold":
      return {
        en: `L4 is not recommended: the rule sets no threshold of confirmed unrectified links for a domain-wide block.${instead.en}`,
        zh: `不建议 L4：本规则未设定封禁域名所需的已确认未整改链接数。${instead.zh}`,
      };
    case "below_threshold":
      return {
        en: `L4 is not recommended: only ${links(gate.openLinks)} on the domain, counting this one, below the rule's threshold of ${gate.threshold}.${instead.en}`,
        zh: `不建议 L4：该域名已确认且未整改的链接（含本条）只有 ${gate.openLinks} 条，低于规则门槛 ${gate.threshold} 条。${instead.zh}`,
      };
  }
}

type ExplainInput = {
  rulebook: RulebookForEngine;
  rule: RuleForEngine;
  facts: CaseFacts;
  offenceNumber: number;
  ladderStep: LadderStep;
  handling: LadderStep;
  gate: DomainBlockGate;
  raisedToFloor: boolean;
  sanctionable: boolean;
  alsoSanctionProvider: boolean;
};

function explain(input: ExplainInput): { en: string; zh: string } {
  const { rulebook, rule, facts, offenceNumber, ladderStep, handling, gate } = input;
  const category = categoryByCode(rule.category);
  const nameEn = category?.nameEn ?? rule.category;
  const nameZh = category?.nameZh ?? rule.category;
  const actual = facts.priorOffences + 1;
  const steps = rule.ladder.length;
  const result = handlingText(handling);
  const step = handlingText(ladderStep);
  const window = rulebook.repeatWindowDays;

  const en: string[] = [
    `Recommended: ${result.en}${handling.level === "L4" ? " (whole registrable domain)" : ""}.`,
    `Rulebook version ${rulebook.version}, rule for ${nameEn} (${rule.category}): principle ${rule.principle}, severity ${rule.severity}.`,
    actual > steps
      ? `Offence ${actual} by this domain within ${window} days; the ladder has ${steps} ${steps === 1 ? "step" : "steps"}, so its last step applies: step ${offenceNumber}, ${step.en}.`
      : `Offence ${actual} by this domain within ${window} days: ladder step ${offenceNumber} of ${steps}, ${step.en}.`,
  ];
  const zh: string[] = [
    `建议：${result.zh}${handling.level === "L4" ? "（整个可注册域名）" : ""}。`,
    `处置规则第 ${rulebook.version} 版，「${nameZh}」（${rule.category}）规则：原则 ${rule.principle}，严重程度 ${severityZh[rule.severity]}。`,
    actual > steps
      ? `该域名 ${window} 天内第 ${actual} 次违规；规则共 ${steps} 步，适用最后一步：第 ${offenceNumber} 步，${step.zh}。`
      : `该域名 ${window} 天内第 ${actual} 次违规：规则第 ${offenceNumber} 步（共 ${steps} 步），${step.zh}。`,
  ];

  const gateSentence = gateText(gate, result);
  en.push(gateSentence.en);
  zh.push(gateSentence.zh);

  if (input.raisedToFloor) {
    en.push(`A critical category is never handled below L3, so ${result.en} is recommended.`);
    zh.push(`严重类别的处置从不低于 L3，因此建议${result.zh}。`);
  }
  if (input.alsoSanctionProvider) {
    en.push("L5 provider sanction is recorded against the platform in addition: rectification demanded, rating penalty.");
    zh.push("另对平台记录 L5 处罚提供方：要求整改，扣减评级。");
  } else if (input.sanctionable) {
    en.push("No L5 provider sanction: the site belongs to no registered platform, so there is no provider to sanction.");
    zh.push("不记录 L5 处罚提供方：该网站不属于任何已登记平台，没有可处罚的提供方。");
  }
  if (facts.platformGrade === "D") {
    en.push("The platform is graded D; grades set queue priority and verdict modes only and never change the recommended action.");
    zh.push("该平台评级为 D；评级只影响队列优先级和判定模式，从不改变建议的处置。");
  }
  return { en: en.join(" "), zh: zh.join("") };
}
