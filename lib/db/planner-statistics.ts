// The query planner's statistics (sqlite_stat1), kept current by the server.
//
// Without them SQLite guesses that every equality on an indexed column finds ten rows, and on a
// large queue it walks all open cases in priority order looking for one small platform's cases
// instead of starting from that platform's links (docs/performance.md "The triage queue").
//
// A table is analysed again when it has rows but some index of it has no statistics (a new install,
// an index added by a migration), or when its size has more than doubled or halved since its last
// analysis. Always in full (analysis_limit 0): sampled statistics, as `PRAGMA optimize` gathers
// them, told the planner a status holds 1,001 cases when it holds 300,000, and the "mine" tab then
// ignored its index. A full ANALYZE of a million complaints takes about 1.3 s on this machine; the
// check itself is one count per table. The server checks at start and every few hours.
import type Database from "better-sqlite3";

const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;
/** Growth or shrinkage beyond this factor, and by at least MIN_CHANGE rows, makes statistics stale. */
const FACTOR = 2;
const MIN_CHANGE = 1_000;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The tables whose statistics are missing or out of date. */
export function tablesToAnalyse(sqlite: Database.Database): string[] {
  const hasStats = sqlite.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get() !== undefined;
  const analysedRows = new Map<string, number>();
  const analysedIndexes = new Set<string>();
  if (hasStats) {
    for (const row of sqlite.prepare<[], { tbl: string; idx: string | null; stat: string }>("select tbl, idx, stat from sqlite_stat1").all()) {
      if (row.idx) analysedIndexes.add(row.idx);
      analysedRows.set(row.tbl, Math.max(analysedRows.get(row.tbl) ?? 0, Number.parseInt(row.stat, 10)));
    }
  }
  const indexes = sqlite
    .prepare<[], { tbl: string; name: string }>(
      "select tbl_name as tbl, name from sqlite_master where type = 'index' and tbl_name not like 'sqlite_%' and tbl_name not like '__drizzle%'",
    )
    .all();
  const stale: string[] = [];
  for (const tbl of new Set(indexes.map((i) => i.tbl))) {
    const rows = sqlite.prepare(`select count(*) from ${quoted(tbl)}`).pluck().get() as number;
    if (rows === 0) continue;
    const unanalysed = indexes.some((i) => i.tbl === tbl && !analysedIndexes.has(i.name));
    const before = analysedRows.get(tbl) ?? 0;
    const changed = Math.abs(rows - before) >= MIN_CHANGE && (rows >= before * FACTOR || rows * FACTOR <= before);
    if (unanalysed || changed) stale.push(tbl);
  }
  return stale;
}

/** Analyses the tables that need it, in full; returns their names (empty when all were current). */
export function refreshPlannerStatistics(sqlite: Database.Database): string[] {
  const stale = tablesToAnalyse(sqlite);
  if (stale.length === 0) return stale;
  sqlite.pragma("analysis_limit = 0");
  for (const tbl of stale) sqlite.exec(`ANALYZE ${quoted(tbl)}`);
  return stale;
}

/** Checks again every few hours while the server lives. */
export function startPlannerStatistics(sqlite: Database.Database): () => void {
  const timer = setInterval(() => {
    try {
      refreshPlannerStatistics(sqlite);
    } catch (error) {
      console.error("[db] planner statistics failed:", error);
    }
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
