// The mark that today's rating snapshot of a platform is stale. Written by every change the rating
// counts (a decision, an undo, a reversal, an appeal overturn, a notice answered or withdrawn) inside
// that change's own transaction, so the mark commits exactly when the change does — whichever process
// or module instance made it (Next's server actions, the API layer, CLI seeds, the e2e fixtures).
// The refresher (./refresh.ts) recomputes the marked platforms and clears the marks it saw.
//
// One upsert on a primary key: a few microseconds, so a decision's commit stays fast. The generation
// grows with every mark, so a refresher that read generation 3 leaves a mark that has since become 4.
import type Database from "better-sqlite3";
import type { Db } from "@/lib/db";

type Statements = {
  markPlatform: Database.Statement<[string, number]>;
  markCase: Database.Statement<[string, number]>;
};

const prepared = new WeakMap<object, Statements>();

function statements(db: Db): Statements {
  let s = prepared.get(db.$client);
  if (!s) {
    const c = db.$client;
    s = {
      markPlatform: c.prepare(
        `insert into rating_stale_platforms (platform_id, generation, marked_at)
           select id, 1, ? from platforms where id = ? and is_independent = 0
         on conflict (platform_id) do update set generation = generation + 1`,
      ),
      markCase: c.prepare(
        `insert into rating_stale_platforms (platform_id, generation, marked_at)
           select p.id, 1, ? from cases c join links l on l.id = c.link_id join platforms p on p.id = l.platform_id
            where c.id = ? and p.is_independent = 0
         on conflict (platform_id) do update set generation = generation + 1`,
      ),
    };
    prepared.set(db.$client, s);
  }
  return s;
}

/**
 * Marks the platform's rating stale. Call inside the transaction of the change, with the same
 * connection; an unattributed (independent) platform or a null id is not rated and is ignored.
 */
export function markRatingStale(db: Db, platformId: number | null, at: string): void {
  if (platformId === null) return;
  statements(db).markPlatform.run(at, platformId);
}

/** The same, for the platform of the link a case is about. */
export function markCaseRatingStale(db: Db, caseId: number, at: string): void {
  statements(db).markCase.run(at, caseId);
}
