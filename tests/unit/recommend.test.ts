import { describe, expect, it } from "vitest";
import { type Grade, grades } from "@/db/schema";
import { categories, type CategoryCode } from "@/lib/rules/categories";
import { defaultRulebook, REPEAT_WINDOW_DAYS } from "@/lib/rules/default-rulebook";
import {
  type CaseFacts,
  compareHandling,
  durationText,
  recommend,
  type RuleForEngine,
  type RulebookForEngine,
} from "@/lib/rules/recommend";

const rulebook: RulebookForEngine = {
  version: 1,
  repeatWindowDays: REPEAT_WINDOW_DAYS,
  rules: defaultRulebook.map((rule) => ({ ...rule, ladder: [...rule.ladder] })),
};

// What DESIGN.md's default rulebook should give for offences 1 to 4 of one domain, written out by hand
// ("L3" alone: until lifted; "/d": domain scope). `few`: this is the domain's only confirmed
// unrectified link; `many`: two more are open, reaching the default threshold of 3.
type Expected = { few: string[]; many: string[] };
const same = (steps: string[]): Expected => ({ few: steps, many: steps });
const CRITICAL = same(["L3", "L4/d", "L4/d", "L4/d"]);

const expected: Record<CategoryCode, Expected> = {
  pornography: CRITICAL,
  gambling: CRITICAL,
  violence_terrorism: CRITICAL,
  fraud_scam: CRITICAL,
  phishing_malware: CRITICAL,
  illegal_trade: { few: ["L2 720h", "L3", "L3", "L3"], many: ["L2 720h", "L3", "L4/d", "L4/d"] },
  rumour: same(["L1 720h", "L2 720h", "L3", "L3"]),
  infringement: { few: ["L3", "L3 2160h", "L3", "L3"], many: ["L3", "L3 2160h", "L4/d", "L4/d"] },
  excessive_data_collection: { few: ["L1 720h", "L3", "L3", "L3"], many: ["L1 720h", "L3", "L4/d", "L4/d"] },
  risky_source: same(["L1 720h", "L2 720h", "L2 720h", "L2 720h"]),
  induced_sharing: same(["L2 720h", "L3 12h", "L3 24h", "L3 168h"]),
  excessive_marketing: same(["L1 720h", "L2 720h", "L3", "L3"]),
  evasion: same(["L4/d", "L4/d", "L4/d", "L4/d"]),
};

// Where a link can come from: an independent site, a platform not yet rated, a platform of each grade.
const origins: { label: string; isIndependent: boolean; platformGrade: Grade | null }[] = [
  { label: "independent site", isIndependent: true, platformGrade: null },
  { label: "unrated platform", isIndependent: false, platformGrade: null },
  ...grades.map((grade) => ({ label: `grade-${grade} platform`, isIndependent: false, platformGrade: grade })),
];

/** The heaviest L3 step of a category's default ladder, or L3 until lifted when it has none. */
function strongestUrlBlockOf(code: string): string {
  const steps = defaultRulebook.find((r) => r.category === code)!.ladder.filter((s) => s.level === "L3");
  const longest = steps.reduce<number | null | undefined>((max, s) => (max === null || s.durationHours === null ? null : Math.max(max ?? 0, s.durationHours)), undefined);
  return longest === undefined || longest === null ? "L3" : `L3 ${longest}h`;
}

function describeResult(r: ReturnType<typeof recommend>) {
  const duration = r.durationHours === null ? "" : ` ${r.durationHours}h`;
  return `${r.level}${duration}${r.scope === "domain" ? "/d" : ""}`;
}

describe("recommend over the default rulebook", () => {
  for (const category of categories) {
    describe(category.code, () => {
      for (const [open, openViolationsOnDomain] of [["few", 0], ["many", 2]] as const) {
        expected[category.code][open].forEach((want, index) => {
          const offence = index + 1;
          it(`offence ${offence}, ${open} open violations on the domain: ${want}`, () => {
            for (const origin of origins) {
              // A registered platform's own domain is never blocked whole: its strongest URL block and L5.
              const platformDomainFallback = !origin.isIndependent && want.endsWith("/d");
              const wantHere = platformDomainFallback ? strongestUrlBlockOf(category.code) : want;
              const facts: CaseFacts = {
                category: category.code,
                priorOffences: offence - 1,
                openViolationsOnDomain,
                platformGrade: origin.platformGrade,
                isIndependent: origin.isIndependent,
              };
              const result = recommend(rulebook, facts);
              const context = origin.label;
              expect(describeResult(result), context).toBe(wantHere);
              const steps = defaultRulebook.find((r) => r.category === category.code)!.ladder.length;
              expect(result.offenceNumber, context).toBe(Math.min(offence, steps));
              expect(result.citation, context).toEqual({ ruleVersion: 1, category: category.code, step: Math.min(offence, steps) });
              expect(result.alsoSanctionProvider, context).toBe((category.code === "evasion" && !origin.isIndependent) || platformDomainFallback);

              const { en, zh } = result.explanation;
              expect(en, context).toContain("Rulebook version 1");
              expect(en, context).toContain(`${category.nameEn} (${category.code})`);
              expect(en, context).toContain(`principle ${category.principle}, severity ${category.severity}`);
              expect(en, context).toContain(`Offence ${offence} by this domain within 180 days`);
              expect(zh, context).toContain("处置规则第 1 版");
              expect(zh, context).toContain(`「${category.nameZh}」（${category.code}）`);
              expect(zh, context).toContain(`第 ${offence} 次违规`);
              expect(en.includes("graded D"), context).toBe(origin.platformGrade === "D");
              expect(zh.includes("评级为 D"), context).toBe(origin.platformGrade === "D");
            }
          });
        });
      }
    });
  }
});

describe("the domain block (L4)", () => {
  const facts = (priorOffences: number, openViolationsOnDomain: number): CaseFacts => ({
    category: "illegal_trade",
    priorOffences,
    openViolationsOnDomain,
    platformGrade: null,
    isIndependent: true,
  });

  it("is recommended once the violation being decided brings the domain's open links to the threshold", () => {
    const below = recommend(rulebook, facts(2, 1));
    expect(describeResult(below)).toBe("L3");
    expect(below.explanation.en).toContain(
      "L4 is not recommended: only 2 confirmed unrectified links on the domain, counting this one, below the rule's threshold of 3. The strongest URL-level step applies instead: L3 block URL, until lifted.",
    );
    expect(below.explanation.zh).toContain("不建议 L4");
    const reached = recommend(rulebook, facts(2, 2));
    expect(describeResult(reached)).toBe("L4/d");
    expect(reached.explanation.en).toContain("3 confirmed unrectified links on the domain, counting this one, reach the rule's threshold of 3");
    expect(reached.explanation.en).toContain("only a senior moderator may block a domain");
  });

  it("is recommended for a critical category whatever the open links, and says why", () => {
    const result = recommend(rulebook, { ...facts(1, 0), category: "gambling" });
    expect(describeResult(result)).toBe("L4/d");
    expect(result.explanation.en).toContain("L4 is allowed because the category is critical");
    expect(result.explanation.zh).toContain("该类别为严重类别，因此允许 L4");
  });

  const custom = (rule: Partial<RuleForEngine>): RulebookForEngine => ({
    version: 7,
    repeatWindowDays: 90,
    rules: [
      {
        category: "rumour",
        principle: "P1",
        severity: "medium",
        ladder: [
          { level: "L1", durationHours: 24 },
          { level: "L4", durationHours: null },
        ],
        allowsDomainBlock: true,
        domainBlockThreshold: 2,
        ...rule,
      },
    ],
  });
  const rumour = (openViolationsOnDomain: number): CaseFacts => ({ ...facts(1, openViolationsOnDomain), category: "rumour" });

  it("falls back to L3 until lifted when the ladder has no L3 step", () => {
    const result = recommend(custom({}), rumour(0));
    expect(describeResult(result)).toBe("L3");
    expect(result.explanation.en).toContain("below the rule's threshold of 2");
    expect(result.explanation.en).toContain("Rulebook version 7");
    expect(result.explanation.en).toContain("within 90 days");
  });

  it("falls back to the heaviest L3 step of the ladder", () => {
    const ladder = [
      { level: "L3" as const, durationHours: 24 },
      { level: "L3" as const, durationHours: 168 },
      { level: "L4" as const, durationHours: null },
    ];
    const result = recommend(custom({ ladder }), { ...rumour(0), priorOffences: 5 });
    expect(describeResult(result)).toBe("L3 168h");
    expect(result.offenceNumber).toBe(3);
    expect(result.explanation.en).toContain("Offence 6 by this domain within 90 days; the ladder has 3 steps, so its last step applies: step 3");
    expect(result.explanation.en).toContain("applies instead: L3 block URL, 7 days");
  });

  it("is not recommended when the rule does not allow it, even with many open links", () => {
    const result = recommend(custom({ allowsDomainBlock: false }), rumour(10));
    expect(describeResult(result)).toBe("L3");
    expect(result.explanation.en).toContain("this rule does not allow a domain-wide block");
    expect(result.explanation.zh).toContain("本规则不允许封禁整个域名");
  });

  it("is not recommended when a category that is not critical has no threshold", () => {
    const result = recommend(custom({ domainBlockThreshold: null }), rumour(10));
    expect(describeResult(result)).toBe("L3");
    expect(result.explanation.en).toContain("the rule sets no threshold");
  });

  it("says so when the step is not a domain block", () => {
    const result = recommend(custom({}), { ...rumour(10), priorOffences: 0 });
    expect(describeResult(result)).toBe("L1 24h");
    expect(result.explanation.en).toContain("Recommended: L1 warn, 24 hours.");
    expect(result.explanation.en).toContain("This step is not a domain-wide block (L4).");
  });
});

describe("the critical floor", () => {
  it("raises a critical category's step below L3 to L3 until lifted and explains it", () => {
    const faulty: RulebookForEngine = {
      version: 2,
      repeatWindowDays: 180,
      rules: [
        {
          category: "gambling",
          principle: "P1",
          severity: "critical",
          ladder: [{ level: "L1", durationHours: 720 }],
          allowsDomainBlock: false,
          domainBlockThreshold: null,
        },
      ],
    };
    const result = recommend(faulty, { category: "gambling", priorOffences: 0, openViolationsOnDomain: 0, platformGrade: "A", isIndependent: false });
    expect(describeResult(result)).toBe("L3");
    expect(result.explanation.en).toContain("A critical category is never handled below L3, so L3 block URL, until lifted is recommended.");
    expect(result.explanation.zh).toContain("严重类别的处置从不低于 L3");
  });
});

describe("evasion and the provider sanction (L5)", () => {
  const evasion = (isIndependent: boolean): CaseFacts => ({
    category: "evasion",
    priorOffences: 0,
    openViolationsOnDomain: 0,
    platformGrade: isIndependent ? null : "A",
    isIndependent,
  });

  it("records L5 against a registered platform, whose own domain is blocked URL by URL, not whole", () => {
    const result = recommend(rulebook, evasion(false));
    expect(result).toMatchObject({ level: "L3", durationHours: null, scope: "url", alsoSanctionProvider: true });
    expect(result.explanation.en).toContain("the domain belongs to a registered platform, and blocking it would block every shop and creator on it");
    expect(result.explanation.zh).toContain("该域名属于已登记平台");
    expect(result.explanation.en).toContain("L5 provider sanction is recorded against the platform in addition");
    expect(result.explanation.zh).toContain("另对平台记录 L5 处罚提供方");
  });

  it("records no L5 for an independent site and says there is no provider", () => {
    const result = recommend(rulebook, evasion(true));
    expect(result).toMatchObject({ level: "L4", scope: "domain", alsoSanctionProvider: false });
    expect(result.explanation.en).toContain("No L5 provider sanction: the site belongs to no registered platform");
  });

  it("records L5 when a repeat offence on a registered platform's domain would have called for L4", () => {
    const result = recommend(rulebook, { ...evasion(false), category: "fraud_scam", priorOffences: 3 });
    expect(result).toMatchObject({ level: "L3", scope: "url", alsoSanctionProvider: true });
  });

  it("records no L5 for other categories and first offences", () => {
    const result = recommend(rulebook, { ...evasion(false), category: "rumour", priorOffences: 3 });
    expect(result.alsoSanctionProvider).toBe(false);
    expect(result.explanation.en).not.toContain("L5");
  });
});

describe("bad input", () => {
  const facts: CaseFacts = { category: "rumour", priorOffences: 0, openViolationsOnDomain: 0, platformGrade: null, isIndependent: true };

  it("refuses an unknown category with a clear message", () => {
    expect(() => recommend(rulebook, { ...facts, category: "jaywalking" })).toThrow(
      'Rulebook version 1 has no rule for category "jaywalking".',
    );
  });

  it("refuses negative or fractional counts", () => {
    expect(() => recommend(rulebook, { ...facts, priorOffences: -1 })).toThrow(RangeError);
    expect(() => recommend(rulebook, { ...facts, openViolationsOnDomain: 1.5 })).toThrow(/openViolationsOnDomain/);
  });

  it("refuses a rule without steps or with L5 as a step", () => {
    const withLadder = (ladder: RuleForEngine["ladder"]): RulebookForEngine => ({
      ...rulebook,
      rules: rulebook.rules.map((r) => (r.category === "rumour" ? { ...r, ladder } : r)),
    });
    expect(() => recommend(withLadder([]), facts)).toThrow(/no ladder steps/);
    expect(() => recommend(withLadder([{ level: "L5", durationHours: null }]), facts)).toThrow(/L5/);
  });
});

describe("compareHandling and durationText", () => {
  it("orders by level, then by duration with until lifted longest", () => {
    expect(compareHandling({ level: "L2", durationHours: null }, { level: "L3", durationHours: 1 })).toBeLessThan(0);
    expect(compareHandling({ level: "L3", durationHours: 12 }, { level: "L3", durationHours: 24 })).toBeLessThan(0);
    expect(compareHandling({ level: "L3", durationHours: null }, { level: "L3", durationHours: 2160 })).toBeGreaterThan(0);
    expect(compareHandling({ level: "L4", durationHours: null }, { level: "L4", durationHours: null })).toBe(0);
  });

  it("writes durations as the rulebook page does", () => {
    expect(durationText(null)).toEqual({ en: "until lifted", zh: "直至解除" });
    expect(durationText(1)).toEqual({ en: "1 hour", zh: "1 小时" });
    expect(durationText(24)).toEqual({ en: "24 hours", zh: "24 小时" });
    expect(durationText(720)).toEqual({ en: "30 days", zh: "30 天" });
    expect(durationText(60)).toEqual({ en: "60 hours", zh: "60 小时" });
  });
});
