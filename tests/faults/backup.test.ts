// Backup under load and restore: `npm run db:backup` while intake load runs against the built server,
// then `npm run db:restore` into a fresh directory. The backup is a consistent snapshot (integrity,
// chain, every report with its case and audit event, every row of it also in the live database);
// the restore appends `database.restored`; the server runs on the restored file. Restore refuses,
// changing nothing, while a server has the target open and for every kind of bad backup.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_AUTH,
  type RunningServer,
  complaint,
  count,
  intakeLoad,
  PREPARE_TIMEOUT_MS,
  startFaultSuite,
  endFaultSuite,
  readDatabase,
  repoRoot,
  seedDemoDatabase,
  sleep,
  startServer,
  stop,
  wholeDatabaseChecks,
} from "./support";

const PORT = 3415;

let dir: string;
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = await startFaultSuite("backup");
}, PREPARE_TIMEOUT_MS);

afterAll(() => endFaultSuite(server, dir));

/** `npm run <script> -- <file>` with DATABASE_URL, as an operator runs it. */
function command(script: "db:backup" | "db:restore", databaseFile: string, arg: string) {
  const started = performance.now();
  const result = spawnSync("npm", ["run", "-s", script, "--", arg], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
    encoding: "utf8",
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}`, ms: performance.now() - started };
}

const digest = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const filesIn = (d: string) => fs.readdirSync(d).sort();

describe("backup and restore", () => {
  it("backs up a consistent snapshot under intake load and restores it", async () => {
    const live = path.join(dir, "live", "linkdesk.db");
    fs.mkdirSync(path.dirname(live));
    seedDemoDatabase(live);
    server = await startServer(live, PORT);

    let stopLoad = false;
    const load = intakeLoad(server.base, "backup", 16, () => stopLoad);
    let loadFinished = false;
    void load.then(() => (loadFinished = true));
    await sleep(1_500);
    const backupFile = path.join(dir, "backup.db");
    // Asynchronously, so that the load keeps running (spawnSync would block this process's loop).
    const backup = await new Promise<{ status: number | null; out: string }>((resolve) => {
      const child = spawn("npm", ["run", "-s", "db:backup", "--", backupFile], {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: `file:${live}` },
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("exit", (status) => resolve({ status, out }));
    });
    const loadRanThroughBackup = !loadFinished;
    await sleep(500);
    stopLoad = true;
    const result = await load;
    console.log(`[backup] ${backup.out.trim()}\n[backup] load: ${result.acknowledged.length} acknowledged, ${JSON.stringify(result.statuses)}`);
    expect(loadRanThroughBackup).toBe(true); // the load was still running when the backup ended
    expect(backup.status, backup.out).toBe(0);
    expect(backup.out).toMatch(/backup written to .*backup\.db/);
    expect(backup.out).toMatch(/audit chain intact/);
    expect(Object.keys(result.statuses)).toEqual(["201"]);

    // The backup is a consistent snapshot: whole in itself, and a prefix of the live database.
    const snapshot = readDatabase(backupFile, (db) => {
      const checks = wholeDatabaseChecks(db);
      expect(checks.integrity).toEqual(["ok"]);
      expect(checks.chain.ok, JSON.stringify(checks.chain)).toBe(true);
      expect(checks.reportsWithoutCase).toBe(0);
      expect(checks.reportsWithoutEvent).toBe(0);
      expect(checks.casesWithoutReport).toBe(0);
      const reports = db.prepare("select id, tracking_code as code from reports order by id").all() as { id: number; code: string }[];
      return {
        reports,
        audit: count(db, "select count(*) as n from audit_events"),
        head: db.prepare("select seq, hash from audit_events order by seq desc limit 1").get() as { seq: number; hash: string },
      };
    });
    const liveReports = readDatabase(live, (db) => {
      const rows = db.prepare("select id, tracking_code as code from reports order by id").all() as { id: number; code: string }[];
      const liveHead = db.prepare("select hash from audit_events where seq = ?").get(snapshot.head.seq) as { hash: string };
      expect(liveHead.hash, "the backup's chain head is an event of the live chain").toBe(snapshot.head.hash);
      return rows;
    });
    const acknowledgedIds = new Set(result.acknowledged.map((r) => r.id));
    const taken = snapshot.reports.filter((r) => acknowledgedIds.has(r.id)).length;
    console.log(`[backup] the snapshot holds ${taken} of the ${result.acknowledged.length} complaints filed during the load`);
    // Taken mid-load: some of the load's complaints are in it, not all.
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(result.acknowledged.length);
    expect(liveReports.slice(0, snapshot.reports.length)).toEqual(snapshot.reports);
    await stop(server);
    server = undefined;

    // Restore into a fresh directory (the directory does not exist yet).
    const restored = path.join(dir, "fresh", "restored.db");
    const restore = command("db:restore", restored, backupFile);
    console.log(`[restore] ${restore.out.trim()}`);
    expect(restore.status, restore.out).toBe(0);
    expect(restore.out).toMatch(/created .*restored\.db/);
    expect(restore.out).toMatch(/database\.restored/);
    expect(filesIn(path.dirname(restored))).toEqual(["restored.db"]);
    readDatabase(restored, (db) => {
      const checks = wholeDatabaseChecks(db);
      expect(checks.integrity).toEqual(["ok"]);
      expect(checks.chain.ok).toBe(true);
      expect(count(db, "select count(*) as n from reports")).toBe(snapshot.reports.length);
      expect(count(db, "select count(*) as n from audit_events")).toBe(snapshot.audit + 1);
      const last = db.prepare("select seq, actor_id as actorId, action, after from audit_events order by seq desc limit 1").get() as {
        seq: number;
        actorId: number | null;
        action: string;
        after: string;
      };
      expect(last.action).toBe("database.restored");
      expect(last.actorId).toBeNull();
      expect(JSON.parse(last.after)).toMatchObject({ source: "backup.db", headSeq: snapshot.head.seq, headHash: snapshot.head.hash });
    });

    // The server runs on the restored file; while it does, a restore refuses and changes nothing.
    server = await startServer(restored, PORT, "restored");
    const filed = await fetch(`${server.base}/api/v1/reports`, {
      method: "POST",
      headers: { ...DEMO_AUTH, "content-type": "application/json" },
      body: JSON.stringify(complaint("after-restore", 1)),
    });
    expect(filed.status).toBe(201);
    const headWhileRunning = readDatabase(restored, (db) => count(db, "select max(seq) as n from audit_events"));
    const busy = command("db:restore", restored, backupFile);
    expect(busy.status).not.toBe(0);
    expect(busy.out).toMatch(/is in use: .*Stop the server/);
    expect(busy.out).toMatch(/nothing was changed/);
    expect(readDatabase(restored, (db) => count(db, "select max(seq) as n from audit_events"))).toBe(headWhileRunning);
    expect((await fetch(`${server.base}/api/v1/health`)).status).toBe(200);
    await stop(server);
    server = undefined;
  });

  it("refuses bad backups with a clear error and changes nothing", async () => {
    const target = path.join(dir, "target", "linkdesk.db");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    seedDemoDatabase(target);
    const good = path.join(dir, "good-backup.db");
    const made = command("db:backup", target, good);
    expect(made.status, made.out).toBe(0);
    const targetFiles = filesIn(path.dirname(target));
    const targetDigest = digest(target);

    const bad = (name: string) => path.join(dir, name);
    fs.writeFileSync(bad("random.db"), Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)));
    fs.writeFileSync(bad("empty.db"), "");
    const foreign = new Database(bad("foreign.db"));
    foreign.exec("create table notes (id integer primary key, body text); insert into notes (body) values ('not linkdesk')");
    foreign.close();
    // Tampered: a decision's audit record altered in place (the append-only trigger dropped first,
    // as whoever tampers with a file would).
    fs.copyFileSync(good, bad("tampered.db"));
    const tampered = new Database(bad("tampered.db"));
    const triggers = tampered.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_events'").all() as { name: string }[];
    for (const t of triggers) tampered.exec(`drop trigger "${t.name}"`);
    tampered.prepare("update audit_events set after = '{\"tampered\":true}' where seq = 5").run();
    tampered.close();
    // Newer schema: a migration this version does not know.
    fs.copyFileSync(good, bad("newer.db"));
    const newer = new Database(bad("newer.db"));
    newer.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', 99999999999999)").run();
    newer.close();
    // Corrupt: a page in the middle overwritten.
    fs.copyFileSync(good, bad("corrupt.db"));
    const fd = fs.openSync(bad("corrupt.db"), "r+");
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 4096 * 3);
    fs.closeSync(fd);

    const cases: [string, RegExp][] = [
      ["missing.db", /missing\.db does not exist/],
      ["random.db", /is not a SQLite database/],
      ["empty.db", /is not a SQLite database/],
      ["foreign.db", /not a Linkdesk one: it has no __drizzle_migrations table/],
      ["tampered.db", /audit chain is broken at sequence 5/],
      ["newer.db", /comes from a newer version/],
      ["corrupt.db", /integrity check|malformed|cannot be read|not a database/i],
    ];
    for (const [name, message] of cases) {
      const refused = command("db:restore", target, bad(name));
      expect(refused.status, `${name}: ${refused.out}`).not.toBe(0);
      expect(refused.out, name).toMatch(message);
      expect(refused.out, name).toMatch(/nothing was changed/);
      expect(filesIn(path.dirname(target)), name).toEqual(targetFiles);
      expect(digest(target), name).toBe(targetDigest);
    }
    // Backup refuses to overwrite an existing file.
    const again = command("db:backup", target, good);
    expect(again.status).not.toBe(0);
    expect(again.out).toMatch(/already exists/);
  });
});
