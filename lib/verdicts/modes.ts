// The user's own choice (DESIGN.md P4, "Link verdicts and user choice") as one pure function: from the
// verdict in force and the facts about a link, what the client shows in each mode. No mode lifts a
// block: L3 and L4 block whatever the user chose.
import type { Grade, Level } from "@/db/schema";

export const verdictModes = ["standard", "strict", "relaxed"] as const;
export type VerdictMode = (typeof verdictModes)[number];

export type VerdictKind = "allow" | "warn" | "block";

/** Why a link warns or blocks, beyond its verdict's category. */
export type CautionCode = "platform_grade_d" | "platform_grade_c" | "unattributed_domain" | "short_link" | "ip_literal" | "mixed_script_host";

export type LinkFacts = {
  /** The level of the strongest verdict in force, or null when none applies. */
  level: Level | null;
  /** Null for unattributed domains (the "independent sites" platform). */
  grade: Grade | null;
  attributed: boolean;
  isShortLink: boolean;
  isIpLiteral: boolean;
  isMixedScript: boolean;
};

export type ModeOutcome = {
  verdict: VerdictKind;
  /** Whether the verdict in force counts among the reasons (false for an L1 dropped by relaxed). */
  verdictApplies: boolean;
  /** L2 and above: may not be shared to groups or moments. */
  shareable: boolean;
  cautions: CautionCode[];
};

const rank: Record<Level, number> = { L0: 0, L1: 1, L2: 2, L3: 3, L4: 4, L5: 5 };

export function applyMode(mode: VerdictMode, facts: LinkFacts): ModeOutcome {
  const level = facts.level === null || facts.level === "L5" ? 0 : rank[facts.level];
  const shareable = level < rank.L2;
  if (level >= rank.L3) return { verdict: "block", verdictApplies: true, shareable, cautions: [] };

  const cautions: CautionCode[] = [];
  if (mode !== "relaxed" && facts.grade === "D") cautions.push("platform_grade_d");
  if (mode === "strict") {
    if (facts.grade === "C") cautions.push("platform_grade_c");
    if (!facts.attributed) cautions.push("unattributed_domain");
    if (facts.isShortLink) cautions.push("short_link");
    if (facts.isIpLiteral) cautions.push("ip_literal");
    if (facts.isMixedScript) cautions.push("mixed_script_host");
  }
  // Relaxed drops L1 warnings; L2 still warns (sharing stays restricted in every mode).
  const verdictApplies = level >= rank.L2 || (level === rank.L1 && mode !== "relaxed");
  const verdict: VerdictKind = verdictApplies || cautions.length > 0 ? "warn" : "allow";
  return { verdict, verdictApplies, shareable, cautions };
}
