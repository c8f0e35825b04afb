// The working databases of the platform-page benchmarks (bench/platform-page*.ts): a fresh copy of
// the source, with 180 days of rating snapshots computed into it when the source has none (the
// ratings dataset, bench/data/ratings-db.ts, holds decisions and notices but no snapshots).
import path from "node:path";
import { openSqlite, wrap } from "@/lib/db/open";
import { computeSnapshots, utcDay } from "@/lib/ratings/compute";
import { DAY_MS } from "@/lib/time/now";
import { checkpointForCopy, freshCopy } from "./cached-db";

export const DEFAULT_PLATFORM_SOURCE = path.join(process.cwd(), "bench", "data", "ratings-1m.db");
export const DEFAULT_OPERATIONS_SOURCE = path.join(process.cwd(), "bench", "data", "reports-1m.db");

/** Copies `source` to `target`; returns how long computing snapshots took (null: the source had them). */
export function platformCopy(source: string, target: string): { snapshotSeconds: number | null; lastDay: string } {
  checkpointForCopy(source);
  freshCopy(source, target);
  const sqlite = openSqlite(target);
  try {
    const db = wrap(sqlite);
    const snapshots = (sqlite.prepare("select count(*) as n from rating_snapshots").get() as { n: number }).n;
    const lastDecision = (sqlite.prepare("select max(created_at) as at from decisions").get() as { at: string }).at;
    const lastDay = utcDay(Date.parse(lastDecision));
    if (snapshots > 0) return { snapshotSeconds: null, lastDay };
    const t0 = performance.now();
    computeSnapshots(db, { from: utcDay(Date.parse(`${lastDay}T00:00:00.000Z`) - 179 * DAY_MS), to: lastDay });
    sqlite.exec("analyze");
    return { snapshotSeconds: Math.round((performance.now() - t0) / 100) / 10, lastDay };
  } finally {
    sqlite.close();
  }
}
