// "Decide and next": the case after this one in the moderator's own filtered, sorted queue. The
// case page receives the queue's URL search string (?queue=…) and passes it here unchanged.
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";
import { nowIso } from "@/lib/time/now";
import { nextDecidableCase } from "./queue-query";
import { parseQueueSearch } from "./queue-search";

/**
 * The next open (or escalated) case after `afterCaseId` in the queue view `queueSearch` (a URL search
 * string, with or without "?"), skipping cases leased to others; null when there is none. An invalid
 * search string falls back to the default view (the "new" tab, no filters). From the "after decision"
 * tab, whose cases are decided already, the next case comes from the same filters over all open cases.
 */
export function nextCaseInQueue(db: Db, actor: Actor, queueSearch: string, afterCaseId: number, now: string = nowIso()): number | null {
  const { search } = parseQueueSearch(queueSearch);
  const view = { ...search, after: undefined, tab: search.tab === "after_decision" ? ("all" as const) : search.tab };
  return nextDecidableCase(db, actor, view, afterCaseId, now);
}
