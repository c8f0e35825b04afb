// Concurrency: 20 moderators (real staff rows made by createStaff, signed in over HTTP through
// Auth.js as a browser is) decide the same open cases at once through the case page's own server
// action (POST /cases/<id> with the Next-Action id from the build's server-reference manifest: the
// request the decision form sends). Exactly one decision per case, every other attempt a clear
// conflict, no lost and no duplicate decisions or verdicts, the audit chain intact.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addStaff, signInOverHttp } from "@/bench/support/staff-session";
import { verifyAuditChain } from "@/lib/audit/verify";
import {
  DEMO_AUTH,
  type RunningServer,
  complaint,
  count,
  PREPARE_TIMEOUT_MS,
  startFaultSuite,
  endFaultSuite,
  readDatabase,
  repoRoot,
  seedDemoDatabase,
  startServer,
  stop,
} from "./support";

const PORT = 3412;
const MODERATORS = 20;
const CASES = 8;
const MAX_STALE_RETRIES = 10;

let dir: string;
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = await startFaultSuite("concurrency");
}, PREPARE_TIMEOUT_MS);

afterAll(() => endFaultSuite(server, dir));

/** The id Next gave a server action in this build (what the form's Next-Action header carries). */
function serverActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} of ${filename} in this build`);
  return found[0];
}

type ActionResult = { ok: true; data: { decisionId: number; verdictId: number | null } } | { ok: false; code: string; message: string };

/** The action's return value out of the RSC answer: row 0 names the row holding it ("a":"$@<row>"). */
function actionResult(body: string): ActionResult {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const head = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
  const ref = head?.a?.startsWith("$@") ? head.a.slice(2) : null;
  if (!ref || !rows.has(ref)) throw new Error(`no action result in the answer: ${body.slice(0, 300)}`);
  return JSON.parse(rows.get(ref)!) as ActionResult;
}

type Attempt = { moderator: number; caseId: number; version: number; status: number; result: ActionResult | null; error?: string };

describe("20 moderators deciding the same cases at once", () => {
  it("records exactly one decision per case; every other attempt is a clear conflict", async () => {
    const file = path.join(dir, "linkdesk.db");
    seedDemoDatabase(file);
    const accounts = await Promise.all(Array.from({ length: MODERATORS }, () => addStaff(file, "moderator")));
    server = await startServer(file, PORT);
    const base = server.base;
    const decideAction = serverActionId("app/(console)/cases/[caseId]/actions.ts", "decideCase");

    const sessions = await Promise.all(accounts.map((a) => signInOverHttp(base, a.email, a.password)));
    const userIds = readDatabase(file, (db) =>
      accounts.map((a) => (db.prepare("select id from users where email = ?").get(a.email) as { id: number }).id),
    );

    // The cases: new complaints over the API, each on a new link, so each opens a case of its own.
    const caseIds: number[] = [];
    for (let i = 0; i < CASES; i += 1) {
      const filed = await fetch(`${base}/api/v1/reports`, {
        method: "POST",
        headers: { ...DEMO_AUTH, "content-type": "application/json" },
        body: JSON.stringify({ ...complaint("decide", i), category: "fraud_scam" }),
      });
      expect(filed.status).toBe(201);
      caseIds.push(((await filed.json()) as { caseId: number }).caseId);
    }
    const auditBefore = readDatabase(file, (db) => count(db, "select count(*) as n from audit_events"));

    const versionOf = (caseId: number) =>
      readDatabase(file, (db) => (db.prepare("select version from cases where id = ?").get(caseId) as { version: number }).version);

    const decide = async (moderator: number, caseId: number, version: number): Promise<Attempt> => {
      const response = await fetch(`${base}/cases/${caseId}`, {
        method: "POST",
        headers: {
          "next-action": decideAction,
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
          origin: base,
          cookie: sessions[moderator]!,
        },
        body: JSON.stringify([
          null,
          {
            caseId,
            caseVersion: version,
            outcome: "violation",
            category: "fraud_scam",
            level: "L2",
            durationHours: "",
            rationale: `Moderator ${moderator}: fake red packet page asking for bank card numbers.`,
            publicNote: "Blocked after review.",
          },
        ]),
      });
      const text = await response.text();
      try {
        return { moderator, caseId, version, status: response.status, result: actionResult(text) };
      } catch (error) {
        return { moderator, caseId, version, status: response.status, result: null, error: (error as Error).message };
      }
    };

    // Every moderator takes every case, in an order of their own, all moderators at once. Each looks
    // at the case (reads its version) just before deciding; a stale answer sends them to look again.
    const attempts: Attempt[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: MODERATORS }, async (_, moderator) => {
        const order = [...caseIds].sort(() => Math.random() - 0.5);
        for (const caseId of order) {
          for (let tries = 0; tries <= MAX_STALE_RETRIES; tries += 1) {
            const attempt = await decide(moderator, caseId, versionOf(caseId));
            attempts.push(attempt);
            if (attempt.result?.ok === false && attempt.result.message === "cases.errors.stale") continue;
            break;
          }
        }
      }),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const tally: Record<string, number> = {};
    for (const a of attempts) {
      const key = a.result ? (a.result.ok ? "ok" : `${a.result.code}:${a.result.message}`) : `status ${a.status}: ${a.error}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    console.log(`[concurrency] ${attempts.length} attempts by ${MODERATORS} moderators on ${CASES} cases in ${seconds} s: ${JSON.stringify(tally)}`);

    // Every attempt was answered, and either succeeded or got a clear conflict.
    for (const a of attempts) {
      expect(a.status, a.error).toBe(200);
      expect(a.result, a.error).not.toBeNull();
      if (!a.result!.ok) {
        expect(a.result!.code).toBe("conflict");
        expect(["cases.errors.alreadyDecided", "cases.errors.stale", "cases.errors.claimedByOther"]).toContain(a.result!.message);
      }
    }
    const wins = attempts.filter((a) => a.result?.ok === true);
    expect(wins).toHaveLength(CASES);
    expect(new Set(wins.map((w) => w.caseId)).size).toBe(CASES);

    readDatabase(file, (db) => {
      for (const caseId of caseIds) {
        const win = wins.find((w) => w.caseId === caseId)!;
        const decided = db
          .prepare("select id, decider_id as deciderId, case_version as caseVersion from decisions where case_id = ?")
          .all(caseId) as { id: number; deciderId: number; caseVersion: number }[];
        // One decision, the winner's, for the version the winner looked at: nothing lost, nothing twice.
        expect(decided).toHaveLength(1);
        expect(decided[0]!.id).toBe((win.result as { data: { decisionId: number } }).data.decisionId);
        expect(decided[0]!.deciderId).toBe(userIds[win.moderator]);
        expect(decided[0]!.caseVersion).toBe(win.version);
        const verdicts = count(db, "select count(*) as n from verdicts where decision_id = ?", decided[0]!.id);
        expect(verdicts).toBe(1);
        const c = db.prepare("select status, version from cases where id = ?").get(caseId) as { status: string; version: number };
        expect(c).toEqual({ status: "decided", version: win.version + 1 });
        const verdictId = (db.prepare("select id from verdicts where decision_id = ?").get(decided[0]!.id) as { id: number }).id;
        const events = (action: string, targetId: number) =>
          count(db, "select count(*) as n from audit_events where action = ? and target_id = ?", action, String(targetId));
        expect(events("decision.recorded", decided[0]!.id)).toBe(1);
        expect(events("verdict.created", verdictId)).toBe(1);
        expect(events("case.decided", caseId)).toBe(1);
      }
      // The events written meanwhile are the winners' and nothing else: no refused attempt wrote one.
      const written = db
        .prepare("select action, count(*) as n from audit_events where seq > ? group by action order by action")
        .all(auditBefore) as { action: string; n: number }[];
      console.log(`[concurrency] audit events written while deciding: ${JSON.stringify(written)}`);
      const byAction = Object.fromEntries(written.map((w) => [w.action, w.n]));
      expect(byAction["decision.recorded"]).toBe(CASES);
      expect(byAction["case.decided"]).toBe(CASES);
      expect(byAction["verdict.created"]).toBe(CASES);
      expect(written.every((w) => w.n <= CASES), "no event more often than once per case").toBe(true);
      expect(verifyAuditChain(db).ok).toBe(true);
      expect((db.pragma("integrity_check") as { integrity_check: string }[])[0]!.integrity_check).toBe("ok");
    });
    await stop(server);
    server = undefined;
  });
});
