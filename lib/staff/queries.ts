import { asc, gt } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db } from "@/lib/db";

export const STAFF_PAGE_SIZE = 50;

/** Keyset-paginated staff list, ordered by id. */
export function listStaff(db: Db, after = 0, limit = STAFF_PAGE_SIZE) {
  const rows = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      disabledAt: users.disabledAt,
      lockedUntil: users.lockedUntil,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(gt(users.id, after))
    .orderBy(asc(users.id))
    .limit(limit + 1)
    .all();
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: page, nextAfter: hasMore ? page[page.length - 1]!.id : null };
}
