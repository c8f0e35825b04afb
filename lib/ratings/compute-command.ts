// `npm run ratings:compute -- [--from YYYY-MM-DD] [--to YYYY-MM-DD]`: computes and stores the rating
// snapshots of every registered platform for each UTC day of the range (default: today only).
// Idempotent: a day computed again gets the same numbers. Bad ranges are refused, nothing written.
import { parseArgs } from "node:util";
import { getDb } from "@/lib/db";
import { computeSnapshots, utcDay } from "./compute";

function main(): number {
  let values: { from?: string; to?: string };
  try {
    ({ values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } }, strict: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run ratings:compute -- [--from YYYY-MM-DD] [--to YYYY-MM-DD]`);
    return 2;
  }
  const today = utcDay(Date.now());
  const to = values.to ?? (values.from && values.from > today ? values.from : today);
  const from = values.from ?? to;
  try {
    const started = performance.now();
    const summary = computeSnapshots(getDb(), { from, to });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`computed ${summary.snapshots} snapshots: ${summary.platforms} platforms × ${summary.days} days (${summary.from} to ${summary.to}) in ${seconds} s`);
    return 0;
  } catch (error) {
    if (error instanceof RangeError) {
      console.error(`refused: ${error.message}; nothing was written`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main();
