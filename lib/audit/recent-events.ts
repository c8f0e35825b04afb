import { desc, eq, lt } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import type { Db } from "@/lib/db";

export const EVENTS_PAGE_SIZE = 50;

/** Newest first, keyset-paginated by sequence number. */
export function recentEvents(db: Db, before?: number, limit = EVENTS_PAGE_SIZE) {
  const rows = db
    .select({
      seq: auditEvents.seq,
      at: auditEvents.at,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(before ? lt(auditEvents.seq, before) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  return { rows: page, nextBefore: rows.length > limit ? page[page.length - 1]!.seq : null };
}
