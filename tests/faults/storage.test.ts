// Disk full and read-only database, while the built server runs:
//   - disk full: the database on a small tmpfs (`mount -t tmpfs -o size=…`) that intake fills up;
//   - read-only: `chattr +i` on the database file, its WAL and its directory (chmod would not do:
//     the tests run as root, which file modes do not stop; the immutable flag stops root too, and
//     also writes through file descriptors the server already has open).
// Writes must fail with a clear JSON 503 (never a crash or a bare 500), reads must keep working
// (verdict lookups, report status, console pages), and once the fault is gone writes work again.
// Both need root (mount, chattr); without it they are skipped with the reason.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addStaff, signInOverHttp } from "@/bench/support/staff-session";
import { DEMO_VERDICT_EXAMPLES } from "@/db/demo/showcase";
import {
  DEMO_AUTH,
  PREPARE_TIMEOUT_MS,
  type Receipt,
  type RunningServer,
  complaint,
  startFaultSuite,
  readDatabase,
  endFaultSuite,
  seedDemoDatabase,
  startServer,
  stop,
  wholeDatabaseChecks,
} from "./support";

const PORT = 3413;
const isRoot = process.getuid?.() === 0;

let dir: string;
let server: RunningServer | undefined;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  dir = await startFaultSuite("storage");
}, PREPARE_TIMEOUT_MS);

// A test that fails midway leaves its server running on the port the next test needs.
afterEach(async () => {
  if (server) await stop(server).catch(() => {});
  server = undefined;
});

afterAll(() => endFaultSuite(server, dir, cleanups));

const post = (base: string, body: unknown) =>
  fetch(`${base}/api/v1/reports`, {
    method: "POST",
    headers: { ...DEMO_AUTH, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** Reads that must keep working while writes fail: the API's lookups and a signed-in console page. */
async function readsStillWork(base: string, cookie: string, receipt: Receipt) {
  const verdict = await fetch(`${base}/api/v1/links/verdict?url=${encodeURIComponent(DEMO_VERDICT_EXAMPLES.blockUrl)}`, { headers: DEMO_AUTH });
  expect(verdict.status).toBe(200);
  expect(((await verdict.json()) as { level: string }).level).toBe("L3");
  const batch = await fetch(`${base}/api/v1/links/verdicts`, {
    method: "POST",
    headers: { ...DEMO_AUTH, "content-type": "application/json" },
    body: JSON.stringify({ urls: [DEMO_VERDICT_EXAMPLES.warn, DEMO_VERDICT_EXAMPLES.blockDomain] }),
  });
  expect(batch.status).toBe(200);
  const status = await fetch(`${base}/api/v1/reports/${receipt.id}`, { headers: DEMO_AUTH });
  expect(status.status).toBe(200);
  expect(((await status.json()) as { trackingCode: string }).trackingCode).toBe(receipt.trackingCode);
  const health = await fetch(`${base}/api/v1/health`);
  expect(health.status).toBe(200);
  for (const page of ["/", "/queue", `/cases/${receipt.caseId}`]) {
    const response = await fetch(`${base}${page}`, { headers: { cookie }, redirect: "manual" });
    expect(response.status, `${page} while writes fail`).toBe(200);
    expect(await response.text()).toContain("signed-in-as");
  }
  const portal = await fetch(`${base}/report`);
  expect(portal.status).toBe(200);
}

/** A write refused for the storage: 503, JSON, the stable code and a message saying what happened. */
async function expectStorageRefusal(response: Response, message: RegExp) {
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  expect(response.headers.get("retry-after")).toBeTruthy();
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("storage_unavailable");
  expect(body.error.message).toMatch(message);
}

async function firstReceipt(base: string, tag: string): Promise<Receipt> {
  const body = complaint(tag, 0);
  const response = await post(base, body);
  expect(response.status).toBe(201);
  const r = (await response.json()) as Receipt;
  return { id: r.id, trackingCode: r.trackingCode, caseId: r.caseId, url: body.url };
}

describe.skipIf(!isRoot)("storage faults (root: mount, chattr)", () => {
  it("disk full: intake answers 503 with a message, reads keep working, nothing acknowledged is lost", async () => {
    const seeded = path.join(dir, "seed.db");
    seedDemoDatabase(seeded);
    const staff = await addStaff(seeded, "moderator");
    const mount = path.join(dir, "small-disk");
    fs.mkdirSync(mount);
    // Room for the database and a little more: a few hundred complaints' worth of WAL.
    const size = fs.statSync(seeded).size + 1536 * 1024;
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", mount]);
    cleanups.push(() => execFileSync("umount", [mount]));
    const file = path.join(mount, "linkdesk.db");
    fs.copyFileSync(seeded, file);

    server = await startServer(file, PORT, "../disk-full");
    const cookie = await signInOverHttp(server.base, staff.email, staff.password);
    const first = await firstReceipt(server.base, "full");

    // Fill the disk: complaints until the server says the storage is full.
    const acknowledged: Receipt[] = [first];
    const statuses: Record<number, number> = {};
    let refusal: Response | null = null;
    for (let n = 1; n <= 20_000 && !refusal; n += 8) {
      const bodies = Array.from({ length: 8 }, (_, i) => complaint("full", n + i));
      const answers = await Promise.all(bodies.map((b) => post(server!.base, b)));
      for (const [i, response] of answers.entries()) {
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status === 201) {
          const r = (await response.json()) as Receipt;
          acknowledged.push({ id: r.id, trackingCode: r.trackingCode, caseId: r.caseId, url: bodies[i]!.url });
        } else if (response.status === 503 && !refusal) {
          refusal = response;
        } else {
          await response.text();
        }
      }
    }
    console.log(`[storage] disk full after ${acknowledged.length} complaints: ${JSON.stringify(statuses)}; df: ${execFileSync("df", ["-k", mount], { encoding: "utf8" }).split("\n")[1]}`);
    expect(refusal, "the disk never filled up").not.toBeNull();
    // Never a bare 500: every answer was a 201 or the storage refusal.
    expect(Object.keys(statuses).filter((s) => s !== "201" && s !== "503")).toEqual([]);
    await expectStorageRefusal(refusal!, /disk is full/);

    // The server is still up and serving reads. A write now is refused the same clean way, or, when a
    // WAL checkpoint has meanwhile let SQLite start the WAL over in the space it already had, accepted;
    // then it must be in the file like every other acknowledged complaint.
    expect(server.child.exitCode).toBeNull();
    await readsStillWork(server.base, cookie, first);
    const againBody = complaint("full-again", 1);
    const again = await post(server.base, againBody);
    if (again.status === 201) {
      const r = (await again.json()) as Receipt;
      acknowledged.push({ id: r.id, trackingCode: r.trackingCode, caseId: r.caseId, url: againBody.url });
    } else {
      await expectStorageRefusal(again, /disk is full|storage/);
    }
    expect(server.child.exitCode).toBeNull();

    await stop(server);
    server = undefined;
    // Every acknowledged complaint is in the file, which is whole.
    readDatabase(file, (db) => {
      const byId = db.prepare("select tracking_code as trackingCode from reports where id = ?");
      const missing = acknowledged.filter((r) => (byId.get(r.id) as { trackingCode: string } | undefined)?.trackingCode !== r.trackingCode);
      expect(missing).toEqual([]);
      const checks = wholeDatabaseChecks(db);
      expect(checks.integrity).toEqual(["ok"]);
      expect(checks.chain.ok).toBe(true);
      expect(checks.reportsWithoutEvent).toBe(0);
      expect(checks.reportsWithoutCase).toBe(0);
    });
  });

  it("read-only database: writes answer 503 with a message, reads keep working, writes resume after", async () => {
    const sub = path.join(dir, "read-only");
    fs.mkdirSync(sub);
    const file = path.join(sub, "linkdesk.db");
    seedDemoDatabase(file);
    const staff = await addStaff(file, "moderator");
    server = await startServer(file, PORT, "../read-only");
    const cookie = await signInOverHttp(server.base, staff.email, staff.password);
    const first = await firstReceipt(server.base, "ro");

    const frozen = [file, `${file}-wal`, sub].filter((f) => fs.existsSync(f));
    const thaw = () => execFileSync("chattr", ["-i", ...frozen]);
    execFileSync("chattr", ["+i", ...frozen]);
    cleanups.push(thaw);

    const refused: Response[] = [];
    for (let i = 0; i < 5; i += 1) refused.push(await post(server.base, complaint("ro-refused", i)));
    for (const response of refused) await expectStorageRefusal(response, /read-only|storage/);
    await readsStillWork(server.base, cookie, first);
    expect(server.child.exitCode).toBeNull();

    // The fault goes away: the same server writes again, without a restart.
    thaw();
    cleanups.pop();
    const after = await post(server.base, complaint("ro-after", 1));
    expect(after.status).toBe(201);
    await stop(server);
    server = undefined;
    readDatabase(file, (db) => {
      expect(db.prepare("select count(*) as n from reports where raw_url like 'https://fault-ro-refused-%'").get()).toEqual({ n: 0 });
      const checks = wholeDatabaseChecks(db);
      expect(checks.integrity).toEqual(["ok"]);
      expect(checks.chain.ok).toBe(true);
      expect(checks.reportsWithoutEvent).toBe(0);
    });
  });
});
