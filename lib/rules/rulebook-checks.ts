// What publishing a rulebook version refuses: "Publishing a rulebook with gaps (a category without an
// action, a ladder that gets lighter) is refused with the reason". Each problem is an English
// sentence naming its category (null for problems of the whole rulebook), shown to the manager.
//
// A rulebook without problems is one the recommendation engine handles without throwing and whose
// recommendations never get lighter as a domain repeats (tests/unit/recommend-properties.test.ts).
import { type LadderStep, levels } from "@/db/schema";
import { categoryByCode } from "./categories";
import { durationText, type RuleForEngine, type RulebookForEngine } from "./recommend";

export type RulebookProblem = { category: string | null; problem: string };

const MIN_WINDOW_DAYS = 1;
const MAX_WINDOW_DAYS = 3650;

const rank = (step: LadderStep) => levels.indexOf(step.level);

function stepText(step: LadderStep) {
  return `${step.level} ${durationText(step.durationHours).en}`;
}

function ladderProblems(rule: RuleForEngine, name: string): string[] {
  const { ladder } = rule;
  if (ladder.length === 0) return [`The rule for ${name} has no ladder steps: every offence needs an action.`];
  const problems: string[] = [];
  ladder.forEach((step, index) => {
    const offence = index + 1;
    if (step.level === "L5") {
      problems.push(
        `The rule for ${name} has L5 at offence ${offence}: a provider sanction is recorded in addition to a link's handling, not as a ladder step.`,
      );
    }
    const hours = step.durationHours;
    if (hours !== null && (!Number.isInteger(hours) || hours < 1)) {
      problems.push(`The rule for ${name} has a duration of ${hours} hours at offence ${offence}: a duration is a whole number of hours, at least 1.`);
    }
    const previous = ladder[index - 1];
    if (!previous) return;
    // "Until lifted" and a fixed duration at the same level are not ordered: the first can end early
    // through an approved restore request, the second guarantees its time (DESIGN's infringement
    // ladder "L3 → L3 longer → L4" is "until lifted → 90 days"). Fixed durations must not shrink.
    const lighter = `The ladder for ${name} gets lighter at offence ${offence}: ${stepText(previous)} → ${stepText(step)}`;
    if (rank(step) < rank(previous)) {
      problems.push(`${lighter}; a repeat offence may not get a lower level.`);
    } else if (rank(step) === rank(previous) && previous.durationHours !== null && hours !== null && hours < previous.durationHours) {
      problems.push(`${lighter}; at the same level, a repeat offence may not get a shorter duration.`);
    }
  });
  return problems;
}

function ruleProblems(rule: RuleForEngine): string[] {
  const name = `${categoryByCode(rule.category)?.nameEn ?? rule.category} (${rule.category})`;
  const problems = ladderProblems(rule, name);
  const critical = rule.severity === "critical";
  const first = rule.ladder[0];
  if (critical && first && rank(first) < levels.indexOf("L3")) {
    problems.push(`The rule for ${name} starts at ${first.level}: a critical category is handled at L3 or above from the first offence.`);
  }
  if (rule.ladder.some((step) => step.level === "L4")) {
    if (!rule.allowsDomainBlock) {
      problems.push(`The ladder for ${name} reaches L4 but the rule does not allow a domain-wide block.`);
    } else if (!critical) {
      const threshold = rule.domainBlockThreshold;
      if (threshold === null || !Number.isInteger(threshold) || threshold < 2) {
        problems.push(
          `The ladder for ${name} reaches L4 with a threshold of ${threshold ?? "none"}: a domain-wide block for a category that is not critical needs at least 2 confirmed unrectified links on the domain.`,
        );
      }
    }
  }
  return problems;
}

export function rulebookProblems(rulebook: RulebookForEngine, categoryCodes: readonly string[]): RulebookProblem[] {
  const problems: RulebookProblem[] = [];
  const window = rulebook.repeatWindowDays;
  if (!Number.isInteger(window) || window < MIN_WINDOW_DAYS || window > MAX_WINDOW_DAYS) {
    problems.push({
      category: null,
      problem: `The repeat window is ${window} days: it must be a whole number of days from ${MIN_WINDOW_DAYS} to ${MAX_WINDOW_DAYS}.`,
    });
  }

  const known = new Set(categoryCodes);
  for (const code of categoryCodes) {
    const count = rulebook.rules.filter((rule) => rule.category === code).length;
    const name = `${categoryByCode(code)?.nameEn ?? code} (${code})`;
    if (count === 0) problems.push({ category: code, problem: `There is no rule for ${name}: every category needs an action.` });
    if (count > 1) problems.push({ category: code, problem: `There are ${count} rules for ${name}: a category has exactly one.` });
  }
  for (const rule of rulebook.rules) {
    if (!known.has(rule.category)) {
      problems.push({ category: rule.category, problem: `There is a rule for "${rule.category}", which is not a category.` });
      continue;
    }
    for (const problem of ruleProblems(rule)) problems.push({ category: rule.category, problem });
  }
  return problems;
}
