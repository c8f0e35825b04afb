// `npm run bench`: every benchmark, on the shared scale dataset, in one run, with one table.
//
//   flock /tmp/linkdesk-e2e.lock npm run bench [-- [--db FILE] [--only a,b] [--skip-build]]
//   npm run bench -- --report-only      # no runs: the table and bench/results.json from the last results files
//
// RUN IT ALONE, under the shared lock as above: the machine has 2 cores, and anything else running
// (another benchmark, a build, tests) spoils the figures; the build below also replaces .next, which a
// running server or e2e suite would be reading. The runner cannot take the lock itself for its
// children; it checks whether the lock is held and tells the children (BENCH_LOCK_HELD=1) so that
// none of them waits for it again (bench/queue-page.ts would otherwise take it for its server).
//
// 1. The scale dataset (bench/data/scale-db.ts, default bench/data/scale.db): built when missing or
//    stale (older than its generator or behind the migrations), else reused.
// 2. `npm run build` once (the production build the servers run).
// 3. Each benchmark as a child process with BENCH_SCALE_DB=<dataset> in its environment, one after
//    the other: verdicts, intake, decisions, queue, queue-page, exports, audit-verify, ratings,
//    platform-page-http (the ratings and platform pages and the console home, served). A
//    benchmark file that does not exist (yet) gets a "not present" row. Each writes
//    bench/results/<name>.json with a top-level `summary` array of
//    {metric, linkdesk, baseline, ratio, target, pass} (bench/support/summary.ts).
// 4. One table of every summary row (printed), and bench/results.json: the table, each benchmark's
//    status, exit code and time, the dataset's row counts, the machine, timestamps and total time.
// Each child's output goes to the terminal and to a log in the run's directory (printed at the end).
// Exits non-zero when a benchmark fails, is missing its results, or a target is missed.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_FILE, isScaleDbFresh } from "./data/scale-db";
import { LOCK_HELD_VARIABLE, SCALE_DB_VARIABLE } from "./support/scale-dataset";
import type { SummaryRow } from "./support/summary";

const ROOT = process.cwd();
const LOCK = "/tmp/linkdesk-e2e.lock";
export const BENCHMARKS = ["verdicts", "intake", "decisions", "queue", "queue-page", "exports", "audit-verify", "ratings", "platform-page-http"] as const;
/** A benchmark that runs longer than this is stopped and reported as failed. */
const BENCH_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MINUTES ?? 30) * 60_000;

type Status = "pass" | "fail" | "not present" | "no results" | "error";
type BenchRun = {
  name: string;
  file: string;
  status: Status;
  exitCode: number | null;
  seconds: number | null;
  resultsFile: string | null;
  log: string | null;
  summary: SummaryRow[];
  note?: string;
};

type TableRow = { bench: string; metric: string; linkdesk: string; baseline: string; ratio: string; target: string; result: string };

const show = (v: unknown): string => (v === null || v === undefined ? "" : typeof v === "number" ? (Number.isInteger(v) ? v.toLocaleString("en") : String(Math.round(v * 100) / 100)) : String(v));

/** Runs a command with its output to the terminal and to `log`; resolves with its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: string, timeoutMs: number): Promise<{ code: number | null; timedOut: boolean }> {
  const out = fs.createWriteStream(log);
  const child: ChildProcess = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    out.write(chunk);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    out.write(chunk);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, "SIGTERM");
      setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }, 20_000).unref();
    } catch {
      // already gone
    }
  }, timeoutMs);
  // Ctrl-C on the runner stops the child's whole process group (its servers included).
  const forward = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    process.exit(130);
  };
  process.once("SIGINT", forward);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      process.removeListener("SIGINT", forward);
      out.end();
      resolve({ code, timedOut });
    }),
  );
}

function lockIsHeld(): boolean {
  const probe = spawnSync("flock", ["-n", LOCK, "true"]);
  return probe.status === 1;
}

function machine(loadAverageAtStart: number[]) {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    loadAverageAtStart,
  };
}

function printTable(rows: TableRow[]) {
  const header: TableRow = { bench: "bench", metric: "metric", linkdesk: "Linkdesk", baseline: "baseline", ratio: "ratio", target: "target", result: "result" };
  const keys = Object.keys(header) as (keyof TableRow)[];
  const widths = keys.map((k) => Math.max(header[k].length, ...rows.map((r) => r[k].length)));
  const line = (r: TableRow) => `| ${keys.map((k, i) => r[k].padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { db: { type: "string" }, only: { type: "string" }, "skip-build": { type: "boolean" }, "report-only": { type: "boolean" } }, strict: true });
  const startedAt = new Date();
  const loadAtStart = os.loadavg().map((n) => Math.round(n * 100) / 100);
  const t0 = performance.now();
  const dataset = path.resolve(values.db ?? DEFAULT_FILE);
  const only = values.only ? new Set(values.only.split(",").map((s) => s.trim())) : null;
  const selected = BENCHMARKS.filter((b) => !only || only.has(b));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkdesk-bench-all-"));
  const reportOnly = values["report-only"] === true;
  const lockHeld = lockIsHeld();
  if (!lockHeld && !reportOnly) {
    console.warn(`warning: ${LOCK} is not held. Run this alone, as \`flock ${LOCK} npm run bench\`, or other work on the machine spoils the figures.`);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, [SCALE_DB_VARIABLE]: dataset, ...(lockHeld ? { [LOCK_HELD_VARIABLE]: "1" } : {}) };
  const tsx = [process.execPath, "--import", "tsx"];

  // ── 1. The dataset ────────────────────────────────────────────────────────
  let datasetBuild: { built: boolean; seconds: number; exitCode: number | null } = { built: false, seconds: 0, exitCode: 0 };
  if (!reportOnly && !isScaleDbFresh(dataset)) {
    console.log(`\n== building the scale dataset ${dataset} (npm run bench:data) ==`);
    const t = performance.now();
    const { code } = await run(tsx[0]!, [...tsx.slice(1), "bench/data/scale-db.ts", dataset], env, path.join(dir, "scale-db.log"), 60 * 60_000);
    datasetBuild = { built: true, seconds: Math.round((performance.now() - t) / 100) / 10, exitCode: code };
    if (code !== 0) {
      console.error(`the scale dataset could not be built (exit ${code}); see ${path.join(dir, "scale-db.log")}`);
      return 1;
    }
  } else {
    console.log(`scale dataset ${dataset} is up to date`);
  }
  const summaryFile = `${dataset}.summary.json`;
  const datasetSummary = fs.existsSync(summaryFile) ? (JSON.parse(fs.readFileSync(summaryFile, "utf8")) as Record<string, unknown>) : null;

  // ── 2. The build ──────────────────────────────────────────────────────────
  let build: { seconds: number; exitCode: number | null; skipped: boolean } = { seconds: 0, exitCode: 0, skipped: true };
  if (!values["skip-build"] && !reportOnly) {
    console.log("\n== npm run build ==");
    const t = performance.now();
    const { code } = await run("npm", ["run", "build"], env, path.join(dir, "build.log"), 30 * 60_000);
    build = { seconds: Math.round((performance.now() - t) / 100) / 10, exitCode: code, skipped: false };
    if (code !== 0) {
      console.error(`the build failed (exit ${code}); see ${path.join(dir, "build.log")}`);
      return 1;
    }
  }

  // ── 3. The benchmarks ─────────────────────────────────────────────────────
  const runs: BenchRun[] = [];
  for (const name of selected) {
    const file = path.join("bench", `${name}.ts`);
    if (!fs.existsSync(path.join(ROOT, file))) {
      runs.push({ name, file, status: "not present", exitCode: null, seconds: null, resultsFile: null, log: null, summary: [] });
      continue;
    }
    const resultsFile = path.join(ROOT, "bench", "results", `${name}.json`);
    const before = fs.existsSync(resultsFile) && !reportOnly ? fs.statSync(resultsFile).mtimeMs : 0;
    const log = reportOnly ? null : path.join(dir, `${name}.log`);
    const t = performance.now();
    let code: number | null = 0;
    let timedOut = false;
    if (log) {
      console.log(`\n== ${file} ==`);
      ({ code, timedOut } = await run(tsx[0]!, [...tsx.slice(1), file], env, log, BENCH_TIMEOUT_MS));
    }
    const seconds = reportOnly ? null : Math.round((performance.now() - t) / 100) / 10;
    const fresh = fs.existsSync(resultsFile) && fs.statSync(resultsFile).mtimeMs > before;
    let summary: SummaryRow[] = [];
    let note: string | undefined;
    if (fresh) {
      try {
        const parsed = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as { summary?: SummaryRow[] };
        if (Array.isArray(parsed.summary)) summary = parsed.summary;
        else note = "results file has no summary array";
      } catch (error) {
        note = `results file unreadable: ${(error as Error).message}`;
      }
    } else {
      note = timedOut ? `stopped after ${BENCH_TIMEOUT_MS / 60_000} minutes` : "wrote no results file";
    }
    const missed = summary.some((r) => r.pass === false) || (reportOnly && fresh && (JSON.parse(fs.readFileSync(resultsFile, "utf8")) as { pass?: boolean }).pass === false);
    const status: Status = !fresh ? (code === 0 ? "no results" : "error") : code === 0 && !missed && !note ? "pass" : "fail";
    runs.push({ name, file, status, exitCode: code, seconds, resultsFile: fresh ? path.relative(ROOT, resultsFile) : null, log, summary, ...(note ? { note } : {}) });
  }

  // ── 4. The table ──────────────────────────────────────────────────────────
  const table: TableRow[] = [];
  for (const r of runs) {
    if (r.summary.length === 0) {
      const what = r.status === "not present" ? "not present" : r.note ?? `exit ${r.exitCode}`;
      table.push({ bench: r.name, metric: what, linkdesk: "", baseline: "", ratio: "", target: "", result: r.status === "pass" ? "pass" : r.status === "not present" ? "not present" : "FAIL" });
      continue;
    }
    for (const s of r.summary) {
      table.push({
        bench: r.name,
        metric: show(s.metric),
        linkdesk: show(s.linkdesk),
        baseline: show(s.baseline),
        ratio: show(s.ratio),
        target: show(s.target),
        result: s.pass === null || s.pass === undefined ? "" : s.pass ? "pass" : "FAIL",
      });
    }
    if (r.exitCode !== 0 && !r.summary.some((s) => s.pass === false)) {
      table.push({ bench: r.name, metric: `exited ${r.exitCode}${r.note ? ` (${r.note})` : ""}`, linkdesk: "", baseline: "", ratio: "", target: "exit 0", result: "FAIL" });
    }
  }
  const totalSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const finishedAt = new Date();
  console.log(`\nLinkdesk benchmarks on ${path.relative(ROOT, dataset)}, ${os.cpus().length} cores, ${os.cpus()[0]?.model.trim()}, ${totalSeconds} s in all`);
  printTable(table);
  for (const r of runs) console.log(`  ${r.name.padEnd(13)} ${r.status.padEnd(12)} ${r.seconds === null ? "" : `${r.seconds} s`}${r.log ? `  log ${r.log}` : ""}`);

  const pass = runs.every((r) => r.status === "pass" || r.status === "not present");
  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    totalSeconds,
    machine: { ...machine(loadAtStart), loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100) },
    lockHeld,
    reportOnly,
    dataset: { file: path.relative(ROOT, dataset), ...datasetBuild, summary: datasetSummary },
    build,
    benches: runs.map(({ log, ...r }) => ({ ...r, log: log ? path.basename(log) : null })),
    logsDir: dir,
    table,
    pass,
  };
  fs.writeFileSync(path.join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote bench/results.json; logs in ${dir}`);
  return pass ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
