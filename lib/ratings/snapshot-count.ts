import { count } from "drizzle-orm";
import { ratingSnapshots } from "@/db/schema";
import type { Db } from "@/lib/db";

export function snapshotCount(db: Db): number {
  return db.select({ n: count() }).from(ratingSnapshots).get()?.n ?? 0;
}
