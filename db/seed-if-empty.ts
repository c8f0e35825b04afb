import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { seedDemo } from "./seed-demo";

/** The demo's first start loads the demo data; later starts keep whatever is there. */
export async function seedIfEmpty(db: Db): Promise<void> {
  const row = db.get<{ n: number }>(sql`select count(*) as n from users`);
  if (row.n > 0) return;
  const now = new Date();
  now.setUTCMinutes(0, 0, 0);
  const summary = await seedDemo(db, { now });
  console.log("demo data loaded:", summary);
}
