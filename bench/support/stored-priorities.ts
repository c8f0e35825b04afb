// A running installation has every open case's priority stored (migration 0008; the server scores new
// and changed cases as they come, and every open case every 5 minutes). Datasets built before that
// have none, and a server started on them first scores every open case (300,000 on the 1M-complaint
// dataset, ~1 minute of a core on the background worker), which a benchmark would measure as intake
// or lookup cost. So the source dataset gets them once, like a pending migration, before it is copied.
import { sql } from "drizzle-orm";
import { openSqlite, wrap } from "@/lib/db/open";
import { refreshOpenPrioritiesNow } from "@/lib/queue/refresh-priority";

export function ensureStoredPriorities(file: string): void {
  const sqlite = openSqlite(file);
  try {
    const db = wrap(sqlite);
    const missing = db.get<{ n: number }>(sql`select count(*) as n from cases where status in ('open', 'escalated') and priority_parts is null`).n;
    if (missing === 0) return;
    const t0 = performance.now();
    const scored = refreshOpenPrioritiesNow(db, new Date().toISOString());
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    console.log(`stored the priorities of ${scored.toLocaleString("en")} open cases (${missing.toLocaleString("en")} had none) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    sqlite.close();
  }
}
