// The shared scale dataset (bench/data/scale-db.ts) for benchmarks run by `npm run bench`
// (bench/run-all.ts), which names it in BENCH_SCALE_DB. A benchmark that honours it reads a fresh
// copy of that file instead of building its own cached dataset; without the variable it keeps its own.
import fs from "node:fs";
import path from "node:path";
import { checkpointForCopy } from "./cached-db";

export const SCALE_DB_VARIABLE = "BENCH_SCALE_DB";

/**
 * The scale dataset named by BENCH_SCALE_DB, with anything left in its WAL folded into the file so
 * that a plain copy of it holds everything; null when the variable is unset. Throws when it names a
 * file that does not exist (a typo must not silently fall back to another dataset).
 */
export function scaleDatasetFile(): string | null {
  const named = process.env[SCALE_DB_VARIABLE];
  if (!named) return null;
  const file = path.resolve(named);
  if (!fs.existsSync(file)) throw new Error(`${SCALE_DB_VARIABLE} names ${file}, which does not exist (npm run bench:data builds it)`);
  checkpointForCopy(file);
  return file;
}

/** Set by bench/run-all.ts when it runs under the shared lock: a child must not take it again. */
export const LOCK_HELD_VARIABLE = "BENCH_LOCK_HELD";
export const lockHeldByRunner = () => process.env[LOCK_HELD_VARIABLE] === "1";
