// The query planner's statistics (sqlite_stat1), kept current the way SQLite recommends for a
// long-lived process (https://sqlite.org/lang_analyze.html#recommended_usage_pattern).
//
// Without them SQLite guesses that every equality on an indexed column finds ten rows, and on a
// large queue it can walk all open cases in priority order looking for one small platform's cases
// instead of starting from that platform's links (docs/performance.md "Triage queue"). A full
// ANALYZE reads every index once: about 1.3 s for a million complaints on this machine, so the
// server runs it at start only when some index has never been analysed (a new install, a new
// index from a migration); otherwise `PRAGMA optimize` re-analyses just the tables whose size
// changed tenfold since, at start and every few hours. Before either, `analysis_limit` is 0: sampled
// statistics (a limit of 1,000) told the planner a status holds 1,001 cases when it holds 300,000.
import type Database from "better-sqlite3";

const OPTIMIZE_EVERY_MS = 6 * 60 * 60 * 1000;
/** Every table, not only those this connection has queried (the console's queries run on another). */
const OPTIMIZE_ALL_TABLES = "optimize = 0x10002";

/** Indexes of tables that hold rows but have no statistics yet. */
function unanalysedIndexes(sqlite: Database.Database): number {
  const hasStats = sqlite.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get() !== undefined;
  const indexes = sqlite
    .prepare<[], { tbl: string; name: string }>(
      "select tbl_name as tbl, name from sqlite_master where type = 'index' and tbl_name not like 'sqlite_%' and tbl_name not like '__drizzle%'",
    )
    .all();
  const analysed = new Set(
    hasStats ? sqlite.prepare<[], { idx: string }>("select idx from sqlite_stat1 where idx is not null").all().map((r) => r.idx) : [],
  );
  const nonEmpty = new Map<string, boolean>();
  const holdsRows = (tbl: string) => {
    if (!nonEmpty.has(tbl)) nonEmpty.set(tbl, sqlite.prepare(`select exists (select 1 from "${tbl.replaceAll('"', '""')}") as yes`).pluck().get() === 1);
    return nonEmpty.get(tbl)!;
  };
  return indexes.filter((i) => !analysed.has(i.name) && holdsRows(i.tbl)).length;
}

/** Brings the statistics up to date; returns what it did, for the start-up log. */
export function refreshPlannerStatistics(sqlite: Database.Database): "analyzed" | "optimized" {
  sqlite.pragma("analysis_limit = 0");
  if (unanalysedIndexes(sqlite) > 0) {
    sqlite.exec("ANALYZE");
    return "analyzed";
  }
  sqlite.pragma(OPTIMIZE_ALL_TABLES);
  return "optimized";
}

/** Runs `PRAGMA optimize` every few hours while the server lives. */
export function startPlannerStatistics(sqlite: Database.Database): () => void {
  const timer = setInterval(() => sqlite.pragma(OPTIMIZE_ALL_TABLES), OPTIMIZE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
