// The level a demo moderator picks for a planned decision, given what the rulebook recommends at that
// moment: usually the recommendation, sometimes one step lighter or heavier where the rules leave
// room, never below L3 for a critical category, and L4 only where the engine allows it, by the
// senior moderator.
//
// A domain already under an L4 block gets a URL block for each new link rather than a second domain
// verdict: the domain is blocked either way, and the verdict list stays readable.
import type { Level } from "@/db/schema";
import type { Recommendation } from "@/lib/rules/recommend";
import type { DeciderKey, PlannedDecision } from "./decision-plan";
import { handlingNotes } from "./decision-texts";

export type Handling = {
  level: Level;
  /** The provider sanction (L5) beside the level, which only a senior moderator decides. */
  sanctionProvider: boolean;
  durationHours: number | null;
  decider: DeciderKey;
  /** Why the level departs from the recommendation, for the internal note; null when it does not. */
  note: { en: string; zh: string } | null;
};

const DAYS_30 = 30 * 24;
const DAYS_7 = 7 * 24;

export type HandlingContext = {
  /** The link belongs to no registered platform. */
  independent: boolean;
  critical: boolean;
  /** A domain verdict (L4) is already in force on the link's registrable domain. */
  domainBlocked: boolean;
};

export function chooseHandling(planned: PlannedDecision, recommendation: Recommendation, context: HandlingContext): Handling {
  const { decider } = planned;
  if (planned.outcome !== "violation") return { level: "L0", sanctionProvider: false, durationHours: null, decider, note: null };

  const scripted = planned.scripted;
  if (scripted) {
    if (recommendation.level !== scripted.level || recommendation.durationHours !== scripted.durationHours) {
      throw new Error(
        `Showcase link ${planned.link.canonicalUrl}: the rulebook recommends ${recommendation.level} ` +
          `(${recommendation.durationHours ?? "until lifted"} h), the script says ${scripted.level} (${scripted.durationHours ?? "until lifted"} h).`,
      );
    }
    return { level: scripted.level, sanctionProvider: false, durationHours: scripted.durationHours, decider, note: null };
  }

  // Where the rulebook calls for a provider sanction beside the block (evasion on a registered
  // platform, or a repeat offence on a platform's own domain), the senior decides "L3 + sanction".
  if (recommendation.alsoSanctionProvider && !context.independent) {
    return { level: recommendation.level, sanctionProvider: true, durationHours: recommendation.durationHours, decider: "senior", note: null };
  }
  if (recommendation.level === "L4") {
    if (context.domainBlocked) return { level: "L3", sanctionProvider: false, durationHours: null, decider, note: handlingNotes.domainAlreadyBlocked };
    return { level: "L4", sanctionProvider: false, durationHours: null, decider: "senior", note: null };
  }

  const followed: Handling = { level: recommendation.level, sanctionProvider: false, durationHours: recommendation.durationHours, decider, note: null };
  if (context.critical || planned.deviation === "follow") return followed;
  if (planned.deviation === "lighter") {
    if (recommendation.level === "L3") return { ...followed, level: "L2", durationHours: DAYS_30 };
    if (recommendation.level === "L2") return { ...followed, level: "L1", durationHours: DAYS_30 };
    return followed;
  }
  if (recommendation.level === "L1") return { ...followed, level: "L2", durationHours: DAYS_30 };
  if (recommendation.level === "L2") return { ...followed, level: "L3", durationHours: DAYS_7 };
  return followed;
}
