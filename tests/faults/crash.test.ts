// Crash: SIGKILL to the server's node process at a random moment of intake load, twice, then a
// restart on the same file. Every complaint answered 201 must be there (matched by the id, tracking
// code and case the receipt gave), nothing half written, and the audit chain intact.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_AUTH,
  type Receipt,
  type RunningServer,
  complaint,
  count,
  intakeLoad,
  killServer,
  PREPARE_TIMEOUT_MS,
  startFaultSuite,
  endFaultSuite,
  readDatabase,
  seedDemoDatabase,
  sleep,
  startServer,
  stop,
  wholeDatabaseChecks,
} from "./support";

const PORT = 3411;
const ROUNDS = 2;

let dir: string;
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = await startFaultSuite("crash");
}, PREPARE_TIMEOUT_MS);

afterAll(() => endFaultSuite(server, dir));

describe("a crash under intake load", () => {
  it("loses no acknowledged complaint and leaves nothing half written", async () => {
    const file = path.join(dir, "linkdesk.db");
    seedDemoDatabase(file);
    const reportsBefore = readDatabase(file, (db) => count(db, "select count(*) as n from reports"));

    const acknowledged: Receipt[] = [];
    let sent = 0;
    for (let round = 1; round <= ROUNDS; round += 1) {
      server = await startServer(file, PORT, `round-${round}`);
      let stopLoad = false;
      const load = intakeLoad(server.base, `crash${round}`, 24, () => stopLoad);
      // A random moment once the load is under way (between 1 and 4 seconds in).
      const delay = 1_000 + Math.floor(Math.random() * 3_000);
      await sleep(delay);
      const pid = server.child.pid;
      await killServer(server);
      stopLoad = true;
      const result = await load;
      console.log(
        `[crash] round ${round}: SIGKILL to pid ${pid} after ${delay} ms; ${result.acknowledged.length} acknowledged, statuses ${JSON.stringify(result.statuses)}, ${result.networkErrors} requests cut off`,
      );
      expect(server.child.signalCode).toBe("SIGKILL");
      // The load was real and only ever answered 201 (the demo key's limit is lifted).
      expect(result.acknowledged.length).toBeGreaterThan(50);
      expect(Object.keys(result.statuses)).toEqual(["201"]);
      acknowledged.push(...result.acknowledged);
      sent += result.sent;
    }

    // Restart on the same file: the server recovers the WAL and serves again.
    server = await startServer(file, PORT, "after-crash");
    const health = await fetch(`${server.base}/api/v1/health`);
    expect(health.status).toBe(200);

    readDatabase(file, (db) => {
      const byId = db.prepare("select id, tracking_code as trackingCode, case_id as caseId, raw_url as url from reports where id = ?");
      const missing = acknowledged.filter((r) => {
        const row = byId.get(r.id) as Receipt | undefined;
        return !row || row.trackingCode !== r.trackingCode || row.caseId !== r.caseId || row.url !== r.url;
      });
      expect(missing, "acknowledged complaints missing or different after the crash").toEqual([]);
      const reportsAfter = count(db, "select count(*) as n from reports");
      // At least every acknowledged one; at most every one sent (some cut off may have committed).
      expect(reportsAfter - reportsBefore).toBeGreaterThanOrEqual(acknowledged.length);
      expect(reportsAfter - reportsBefore).toBeLessThanOrEqual(sent);

      const checks = wholeDatabaseChecks(db);
      expect(checks.integrity).toEqual(["ok"]);
      expect(checks.chain.ok, JSON.stringify(checks.chain)).toBe(true);
      expect(checks.reportsWithoutCase).toBe(0);
      expect(checks.reportsWithoutEvent).toBe(0);
      expect(checks.casesWithoutLink).toBe(0);
      expect(checks.casesWithoutReport).toBe(0);
    });

    // The receipts are also what the API answers for them, and the server takes new complaints.
    for (const r of acknowledged.slice(-5)) {
      const response = await fetch(`${server.base}/api/v1/reports/${r.id}`, { headers: DEMO_AUTH });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { trackingCode: string }).trackingCode).toBe(r.trackingCode);
    }
    const fresh = await fetch(`${server.base}/api/v1/reports`, {
      method: "POST",
      headers: { ...DEMO_AUTH, "content-type": "application/json" },
      body: JSON.stringify(complaint("crash-after", 1)),
    });
    expect(fresh.status).toBe(201);
    await stop(server);
    server = undefined;
  });
});
