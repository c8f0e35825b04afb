import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { type Db, getDb } from "@/lib/db";
import { type Actor, toActor } from "./actor";

/**
 * Reads the staff member behind a session from the database on every request, so a disabled
 * account or a changed role takes effect on the very next request, whatever the session cookie says.
 */
export function loadActor(userId: number, db: Db = getDb()): Actor | null {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || user.disabledAt) return null;
  return toActor(user);
}
