import { describe, expect, it } from "vitest";
import type { LadderStep } from "@/db/schema";
import { categoryCodes } from "@/lib/rules/categories";
import { defaultRulebook, REPEAT_WINDOW_DAYS } from "@/lib/rules/default-rulebook";
import type { RuleForEngine, RulebookForEngine } from "@/lib/rules/recommend";
import { rulebookProblems } from "@/lib/rules/rulebook-checks";

const defaults: RulebookForEngine = {
  version: 1,
  repeatWindowDays: REPEAT_WINDOW_DAYS,
  rules: defaultRulebook.map((rule) => ({ ...rule, ladder: [...rule.ladder] })),
};

// DESIGN.md's "L3 → L3 longer → L4" for infringement, with the first block for 30 days so that the
// repeat block (90 days) is the longer one, as the checks require.
const monotoneInfringement: LadderStep[] = [
  { level: "L3", durationHours: 30 * 24 },
  { level: "L3", durationHours: 90 * 24 },
  { level: "L4", durationHours: null },
];

function withRule(category: string, change: Partial<RuleForEngine>, base: RulebookForEngine = withInfringementFixed()) {
  return { ...base, rules: base.rules.map((r) => (r.category === category ? { ...r, ...change } : r)) };
}
function withInfringementFixed(): RulebookForEngine {
  return { ...defaults, rules: defaults.rules.map((r) => (r.category === "infringement" ? { ...r, ladder: monotoneInfringement } : r)) };
}
const problemsOf = (rulebook: RulebookForEngine) => rulebookProblems(rulebook, categoryCodes);
const step = (level: LadderStep["level"], durationHours: number | null = null): LadderStep => ({ level, durationHours });

describe("rulebookProblems on the default rulebook", () => {
  it("finds no gap in the default rulebook, infringement's until lifted → 90 days included", () => {
    expect(problemsOf(defaults)).toEqual([]);
  });

  it("finds none in the variant with a fixed first infringement block either", () => {
    expect(problemsOf(withInfringementFixed())).toEqual([]);
  });
});

describe("rulebookProblems reports each kind of gap with its category", () => {
  const cases: { gap: string; rulebook: () => RulebookForEngine; category: string | null; mentions: string }[] = [
    {
      gap: "a category without a rule",
      rulebook: () => ({ ...withInfringementFixed(), rules: withInfringementFixed().rules.filter((r) => r.category !== "gambling") }),
      category: "gambling",
      mentions: "There is no rule for Gambling (gambling)",
    },
    {
      gap: "a category with two rules",
      rulebook: () => {
        const base = withInfringementFixed();
        return { ...base, rules: [...base.rules, base.rules.find((r) => r.category === "rumour")!] };
      },
      category: "rumour",
      mentions: "There are 2 rules for Rumour or false information (rumour)",
    },
    {
      gap: "a rule for something that is not a category",
      rulebook: () => {
        const base = withInfringementFixed();
        return { ...base, rules: [...base.rules, { ...base.rules[0]!, category: "jaywalking" }] };
      },
      category: "jaywalking",
      mentions: 'There is a rule for "jaywalking", which is not a category',
    },
    {
      gap: "a ladder without steps",
      rulebook: () => withRule("risky_source", { ladder: [] }),
      category: "risky_source",
      mentions: "The rule for Risky or untraceable source (risky_source) has no ladder steps",
    },
    {
      gap: "a level that goes down",
      rulebook: () => withRule("rumour", { ladder: [step("L2", 720), step("L1", 720)] }),
      category: "rumour",
      mentions: "gets lighter at offence 2: L2 30 days → L1 30 days; a repeat offence may not get a lower level",
    },
    {
      gap: "a duration that gets shorter at the same level",
      rulebook: () => withRule("induced_sharing", { ladder: [step("L2", 720), step("L3", 24), step("L3", 12)] }),
      category: "induced_sharing",
      mentions: "gets lighter at offence 3: L3 24 hours → L3 12 hours; at the same level, a repeat offence may not get a shorter duration",
    },
    {
      gap: "a duration of no time",
      rulebook: () => withRule("rumour", { ladder: [step("L1", 0), step("L2", 720), step("L3")] }),
      category: "rumour",
      mentions: "has a duration of 0 hours at offence 1: a duration is a whole number of hours, at least 1",
    },
    {
      gap: "a duration that is not a whole number of hours",
      rulebook: () => withRule("rumour", { ladder: [step("L1", 720), step("L2", 1.5), step("L3")] }),
      category: "rumour",
      mentions: "has a duration of 1.5 hours at offence 2",
    },
    {
      gap: "L5 as a ladder step",
      rulebook: () => withRule("evasion", { ladder: [step("L4"), step("L5")] }),
      category: "evasion",
      mentions: "has L5 at offence 2",
    },
    {
      gap: "a critical category starting below L3",
      rulebook: () => withRule("fraud_scam", { ladder: [step("L2", 720), step("L3")] }),
      category: "fraud_scam",
      mentions: "The rule for Fraud or scam (fraud_scam) starts at L2: a critical category is handled at L3 or above",
    },
    {
      gap: "a ladder reaching L4 without allowing a domain block",
      rulebook: () => withRule("phishing_malware", { allowsDomainBlock: false }),
      category: "phishing_malware",
      mentions: "The ladder for Phishing or malware (phishing_malware) reaches L4 but the rule does not allow a domain-wide block",
    },
    {
      gap: "an L4 threshold missing for a category that is not critical",
      rulebook: () => withRule("illegal_trade", { domainBlockThreshold: null }),
      category: "illegal_trade",
      mentions: "reaches L4 with a threshold of none",
    },
    {
      gap: "an L4 threshold of a single link for a category that is not critical",
      rulebook: () => withRule("excessive_data_collection", { domainBlockThreshold: 1 }),
      category: "excessive_data_collection",
      mentions: "reaches L4 with a threshold of 1: a domain-wide block for a category that is not critical needs at least 2",
    },
    {
      gap: "a repeat window of 0 days",
      rulebook: () => ({ ...withInfringementFixed(), repeatWindowDays: 0 }),
      category: null,
      mentions: "The repeat window is 0 days: it must be a whole number of days from 1 to 3650",
    },
    {
      gap: "a repeat window of more than ten years",
      rulebook: () => ({ ...withInfringementFixed(), repeatWindowDays: 3651 }),
      category: null,
      mentions: "The repeat window is 3651 days",
    },
  ];

  for (const { gap, rulebook, category, mentions } of cases) {
    it(gap, () => {
      const problems = problemsOf(rulebook());
      expect(problems).toHaveLength(1);
      expect(problems[0]!.category).toBe(category);
      expect(problems[0]!.problem).toContain(mentions);
    });
  }
});

describe("rulebookProblems accepts what is not a gap", () => {
  it.each([
    ["a repeat window of 1 day", { ...withInfringementFixed(), repeatWindowDays: 1 }],
    ["a repeat window of 3650 days", { ...withInfringementFixed(), repeatWindowDays: 3650 }],
    ["a fixed duration turning into until lifted", withRule("rumour", { ladder: [step("L1", 720), step("L1"), step("L2", 24)] })],
    ["an equal repeat", withRule("rumour", { ladder: [step("L2", 720), step("L2", 720)] })],
    ["a critical L4 without a threshold", withRule("gambling", { domainBlockThreshold: null })],
    ["a domain block allowed by a rule whose ladder does not reach L4", withRule("rumour", { allowsDomainBlock: true, domainBlockThreshold: null })],
    ["a threshold of 2", withRule("illegal_trade", { domainBlockThreshold: 2 })],
  ])("%s", (_label, rulebook) => {
    expect(problemsOf(rulebook)).toEqual([]);
  });
});
