// Shared pieces of the fault tests (npm run test:faults): the shared build lock, the Next build when
// .next is missing or older than the sources, a demo database per test (db/seed.ts, as the e2e run
// seeds its own), the REAL built server started as `npm start` runs it (bench/support/servers.ts:
// `node --import tsx server.ts`, so the child's pid is the server's node process itself), intake
// load over HTTP, and the checks every fault test makes of a database file afterwards.
import { randomBytes } from "node:crypto";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { type Server, start, stop, waitUntilUp } from "@/bench/support/servers";
import { DEMO_API_KEY } from "@/db/demo/demo-accounts";
import { keyPrefix } from "@/lib/api-clients/key";
import { verifyAuditChain } from "@/lib/audit/verify";

export { stop, type Server };

export const repoRoot = process.cwd();
const LOCK_FILE = "/tmp/linkdesk-e2e.lock";
export const DEMO_AUTH = { authorization: `Bearer ${DEMO_API_KEY}` };

// ── The shared lock and the build ───────────────────────────────────────────

let lockHolder: ChildProcess | null = null;

/**
 * Takes the lock every build and e2e run takes (a `flock` child holding it until its stdin closes or
 * it is killed: also when this process dies). Waiting for it can take long on a shared machine; in CI
 * it is free. Set FAULTS_LOCK_HELD=1 when running the whole suite under `flock` already.
 */
export async function takeSharedLock(): Promise<void> {
  if (process.env.FAULTS_LOCK_HELD === "1") return;
  const holder: ChildProcess = spawn("flock", [LOCK_FILE, "sh", "-c", "echo locked; exec cat >/dev/null"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  lockHolder = holder;
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.once("data", () => resolve());
    holder.once("exit", (code) => reject(new Error(`flock ${LOCK_FILE} exited with ${code}`)));
  });
}

/** Releases the lock, or stops waiting for it. */
export function releaseSharedLock() {
  if (!lockHolder) return;
  if (lockHolder.exitCode === null && lockHolder.signalCode === null) lockHolder.kill("SIGTERM");
  lockHolder = null;
}

/** How long a test file's beforeAll may wait for the lock and build (the build alone takes minutes). */
export const PREPARE_TIMEOUT_MS = 30 * 60_000;

/** The newest modification time under the sources the Next build compiles. */
function newestSource(): number {
  let newest = 0;
  const visit = (entry: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry)) if (name !== "node_modules" && !name.startsWith(".")) visit(path.join(entry, name));
    } else if (/\.(tsx?|jsx?|mjs|json|css|sql)$/.test(entry)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of ["app", "components", "lib", "db", "proxy.ts", "next.config.js", "package.json", "postcss.config.mjs", "server.ts", "build-server.mjs"]) {
    visit(path.join(repoRoot, entry));
  }
  return newest;
}

const buildMarker = () => path.join(os.tmpdir(), `linkdesk-faults-build-${process.ppid}`);

/**
 * Builds Next (`npm run build`) when .next is missing or older than the sources; checked once per
 * run of the suite (the marker is per vitest process). Call with the shared lock held.
 */
export function ensureBuild() {
  const buildId = path.join(repoRoot, ".next", "BUILD_ID");
  const current = fs.existsSync(buildId) ? fs.readFileSync(buildId, "utf8") : null;
  if (current && fs.existsSync(buildMarker()) && fs.readFileSync(buildMarker(), "utf8") === current) return;
  const stale = !current || !fs.existsSync(path.join(repoRoot, ".next", "linkdesk", "server.mjs")) || fs.statSync(buildId).mtimeMs < newestSource();
  if (stale && process.env.FAULTS_SKIP_BUILD !== "1") {
    console.log("[faults] .next is missing or older than the sources: npm run build");
    const result = spawnSync("npm", ["run", "build"], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
  }
  fs.writeFileSync(buildMarker(), fs.readFileSync(buildId, "utf8"));
}

/**
 * For a test file's beforeAll (with PREPARE_TIMEOUT_MS): the lock, held until releaseSharedLock()
 * in afterAll, and a current build.
 */
export async function prepareSuite(): Promise<void> {
  await takeSharedLock();
  try {
    ensureBuild();
  } catch (error) {
    releaseSharedLock();
    throw error;
  }
}

/**
 * A test file's beforeAll (with PREPARE_TIMEOUT_MS): the lock and a current build (prepareSuite),
 * and the file's own temporary directory, returned.
 */
export async function startFaultSuite(name: string): Promise<string> {
  const dir = tempDir(name);
  await prepareSuite();
  return dir;
}

/** A test file's afterAll: stops its server if one runs, runs its cleanups, releases the lock, removes its directory. */
export async function endFaultSuite(server: RunningServer | undefined, dir: string | undefined, cleanups: (() => void)[] = []): Promise<void> {
  if (server) await stop(server).catch(() => {});
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch (error) {
      console.error("[faults] cleanup failed:", error);
    }
  }
  releaseSharedLock();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

// ── Databases ───────────────────────────────────────────────────────────────

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `linkdesk-faults-${name}-`));
}

/**
 * The demo data, as `npm run db:seed -- --reset` loads it, seeded once per run of the suite (the
 * template is per vitest process) and copied for each test.
 */
function demoTemplate(): string {
  const templates = path.join(repoRoot, "tests/.tmp/faults");
  const template = path.join(templates, `demo-${process.ppid}.db`);
  if (fs.existsSync(template)) return template;
  fs.mkdirSync(templates, { recursive: true });
  for (const old of fs.readdirSync(templates)) fs.rmSync(path.join(templates, old), { force: true });
  const partial = `${template}.partial`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "db/seed.ts", "--reset"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: `file:${partial}` },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`db/seed.ts failed:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-4000)}`);
  fs.renameSync(partial, template);
  return template;
}

/**
 * A demo database at `file`, with the demo API key's per-minute limit lifted so that load is not
 * simply answered 429 (a fixture, not an app path: the limit is a column of api_clients).
 */
export function seedDemoDatabase(file: string) {
  fs.copyFileSync(demoTemplate(), file);
  const sqlite = new Database(file);
  try {
    const changed = sqlite
      .prepare("update api_clients set requests_per_minute = 100000000 where key_prefix = ?")
      .run(keyPrefix(DEMO_API_KEY)).changes;
    if (changed !== 1) throw new Error("the demo API client is not in the seeded database");
  } finally {
    sqlite.close();
  }
}

/** Read-only access to a database file (the server may be running on it). */
export function readDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

export const count = (db: Database.Database, query: string, ...params: unknown[]) =>
  (db.prepare(query).get(...params) as { n: number }).n;

export function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, count(db, `select count(*) as n from "${name}"`)]));
}

/**
 * What every fault must leave intact: SQLite's integrity check, the audit chain, and no half-written
 * complaint (every report has its case and its report.created audit event, every case its link).
 */
export function wholeDatabaseChecks(db: Database.Database) {
  const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
  const chain = verifyAuditChain(db);
  const reportsWithoutCase = count(db, "select count(*) as n from reports r where not exists (select 1 from cases c where c.id = r.case_id)");
  const reportsWithoutEvent = count(
    db,
    `select count(*) as n from reports r where not exists (
       select 1 from audit_events a where a.action = 'report.created' and a.target_type = 'report' and a.target_id = cast(r.id as text))`,
  );
  const casesWithoutLink = count(db, "select count(*) as n from cases c where not exists (select 1 from links l where l.id = c.link_id)");
  const casesWithoutReport = count(db, "select count(*) as n from cases c where not exists (select 1 from reports r where r.case_id = c.id)");
  return { integrity, chain, reportsWithoutCase, reportsWithoutEvent, casesWithoutLink, casesWithoutReport };
}

// ── The server ──────────────────────────────────────────────────────────────

export type RunningServer = Server & { base: string; port: number; file: string };

/** The built server on `file` and `port`, as `npm start` runs it; resolves once /api/v1/health answers. */
export async function startServer(file: string, port: number, logName = "server"): Promise<RunningServer> {
  const log = path.join(path.dirname(file), `${logName}-${Date.now()}.log`);
  const server = start(
    "linkdesk",
    "server.ts",
    {
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: `file:${file}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      REPORTER_HASH_KEY: randomBytes(24).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    log,
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(server, `${base}/api/v1/health`, 120_000);
  } catch (error) {
    await stop(server).catch(() => {});
    throw new Error(`${(error as Error).message}\n${fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-3000) : ""}`);
  }
  return { ...server, base, port, file };
}

/** SIGKILL to the server's own node process (not a wrapper), then to anything left in its group. */
export async function killServer(server: RunningServer) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  process.kill(server.child.pid!, "SIGKILL");
  await server.exited;
  try {
    process.kill(-server.child.pid!, "SIGKILL");
  } catch {
    // the group is gone already
  }
}

export function serverLog(server: RunningServer): string {
  return fs.existsSync(server.log) ? fs.readFileSync(server.log, "utf8") : "";
}

// ── Intake load ─────────────────────────────────────────────────────────────

export type Receipt = { id: number; trackingCode: string; caseId: number; url: string };

const CATEGORIES = ["fraud_scam", "phishing_malware", "gambling", "induced_sharing", "rumour"] as const;
const SCENES = ["group", "one_to_one", "moments"] as const;

/** A complaint body; every one from a new reporter, on a new link unless `url` is given. */
export function complaint(tag: string, n: number, url?: string) {
  return {
    url: url ?? `https://fault-${tag}-${n}-${randomBytes(3).toString("hex")}.example-${n % 7}.top/p/${n}?from=groupmessage`,
    category: CATEGORIES[n % CATEGORIES.length],
    scene: SCENES[n % SCENES.length],
    description: n % 3 === 0 ? `fault test ${tag} #${n}` : undefined,
    reporterId: `fault-${tag}-reporter-${n}-${randomBytes(4).toString("hex")}`,
  };
}

export type LoadResult = { acknowledged: Receipt[]; statuses: Record<string, number>; networkErrors: number; sent: number };

/**
 * `connections` loops POSTing complaints to /api/v1/reports until `until()` is true (checked before
 * each request) or a loop hits `maxErrors` network errors in a row (the server is gone). Every 201's
 * receipt is kept: those are the complaints the server promised to have stored.
 */
export async function intakeLoad(base: string, tag: string, connections: number, until: () => boolean, maxErrors = 3): Promise<LoadResult> {
  const result: LoadResult = { acknowledged: [], statuses: {}, networkErrors: 0, sent: 0 };
  let n = 0;
  const loop = async () => {
    let errorsInRow = 0;
    while (!until() && errorsInRow < maxErrors) {
      n += 1;
      const body = complaint(tag, n);
      result.sent += 1;
      try {
        const response = await fetch(`${base}/api/v1/reports`, {
          method: "POST",
          headers: { ...DEMO_AUTH, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        errorsInRow = 0;
        result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
        if (response.status === 201) {
          const receipt = JSON.parse(text) as { id: number; trackingCode: string; caseId: number };
          result.acknowledged.push({ id: receipt.id, trackingCode: receipt.trackingCode, caseId: receipt.caseId, url: body.url });
        }
      } catch {
        errorsInRow += 1;
        result.networkErrors += 1;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return result;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
