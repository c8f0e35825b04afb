// The bounds of a rulebook draft, shared by the schemas and the editor (no dependencies, so client
// components can import them).

/** The levels a ladder step may have: L5 (provider sanction) is recorded beside a link's handling. */
export const ladderLevels = ["L0", "L1", "L2", "L3", "L4"] as const;
export const MAX_LADDER_STEPS = 8;
/** Ten years: longer than any handling the design foresees, short of "until lifted". */
export const MAX_DURATION_HOURS = 87_600;
export const MAX_DOMAIN_BLOCK_THRESHOLD = 1_000;
export const MAX_REASON_LENGTH = 300;
export const MIN_SUMMARY_LENGTH = 5;
export const MAX_SUMMARY_LENGTH = 500;

/**
 * The field under which a refused publish lists the rulebook's problems. They are English sentences
 * from rulebookProblems (each naming its category), not catalog keys: the page shows them as they are.
 */
export const RULEBOOK_PROBLEMS_FIELD = "_rulebook";
