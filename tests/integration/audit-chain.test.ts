import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { eventHash } from "@/lib/audit/encoding";
import { recordAudit } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify";
import { testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();

function appendEvents(count: number) {
  db.transaction(
    (tx) => {
      for (let i = 0; i < count; i += 1) {
        recordAudit(tx, {
          actorId: null,
          action: "test.event",
          targetType: "thing",
          targetId: i,
          before: i % 2 ? { n: i - 1 } : null,
          after: { n: i, text: "中文 and \"quotes\"" },
          requestId: `r${i}`,
        });
      }
    },
    { behavior: "immediate" },
  );
}

/** What an attacker with the file could do: lift the guard, change history, put the guard back. */
function tamper(statement: string, ...params: unknown[]) {
  sqlite.exec("drop trigger audit_events_no_update; drop trigger audit_events_no_delete;");
  try {
    sqlite.prepare(statement).run(...params);
  } finally {
    sqlite.exec(`
      create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only: UPDATE is not allowed'); end;
      create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only: DELETE is not allowed'); end;`);
  }
}

describe("audit chain", () => {
  beforeAll(() => appendEvents(50));

  it("verifies when untouched", () => {
    const report = verifyAuditChain(sqlite);
    expect(report).toMatchObject({ ok: true, verified: 50, headSeq: 50 });
    const head = sqlite.prepare("select hash from audit_events order by seq desc limit 1").get() as { hash: string };
    expect(report.ok && report.headHash).toBe(head.hash);
  });

  it("refuses UPDATE and DELETE on audit_events", () => {
    expect(() => sqlite.prepare("update audit_events set action = 'x' where seq = 3").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare("delete from audit_events where seq = 3").run()).toThrow(/append-only/);
    expect(() => db.delete(auditEvents).run()).toThrow(/append-only/);
    expect(verifyAuditChain(sqlite).ok).toBe(true);
  });

  it("rolls the event back with the change when the transaction fails", () => {
    const before = (sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n;
    expect(() =>
      db.transaction((tx) => {
        recordAudit(tx, { actorId: null, action: "test.doomed", targetType: "thing" });
        throw new Error("the change failed");
      }),
    ).toThrow("the change failed");
    expect((sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n).toBe(before);
  });
});

describe("tampering is detected at the right sequence number", () => {
  it("an altered field", () => {
    tamper("update audit_events set after = '{\"n\":999}' where seq = 17");
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: false, firstBadSeq: 17, verified: 16 });
  });
});

describe("on a fresh chain", () => {
  it("a removed row", () => {
    resetChain();
    tamper("delete from audit_events where seq = 9");
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: false, firstBadSeq: 9 });
  });

  it("a row re-hashed to hide an edit still breaks the next link", () => {
    resetChain();
    const row = sqlite.prepare("select * from audit_events where seq = 5").get() as Record<string, unknown>;
    const forged = eventHash(row.prev_hash as string, {
      seq: 5, at: row.at as string, actorId: null, action: "test.forged", targetType: row.target_type as string,
      targetId: row.target_id as string, before: row.before as string | null, after: row.after as string | null,
      requestId: row.request_id as string | null,
    });
    tamper("update audit_events set action = 'test.forged', hash = ? where seq = 5", forged);
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: false, firstBadSeq: 6 });
  });

  it("a row inserted out of order", () => {
    resetChain();
    tamper("update audit_events set seq = 1000 where seq = 30");
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: false, firstBadSeq: 30 });
  });
});

function resetChain() {
  sqlite.exec("drop trigger audit_events_no_update; drop trigger audit_events_no_delete;");
  sqlite.exec("delete from audit_events");
  sqlite.exec(`
    create trigger audit_events_no_update before update on audit_events
    begin select raise(abort, 'audit_events is append-only: UPDATE is not allowed'); end;
    create trigger audit_events_no_delete before delete on audit_events
    begin select raise(abort, 'audit_events is append-only: DELETE is not allowed'); end;`);
  appendEvents(50);
  expect(verifyAuditChain(sqlite).ok).toBe(true);
}

describe("the console's background verification walks the same check in slices", () => {
  it("reports an intact chain with its head, and the first bad sequence after tampering", async () => {
    const { startVerifyJob, settled } = await import("@/lib/audit/verify-job");
    const auditor = await makeStaff("auditor");
    resetChain();
    const cli = verifyAuditChain(sqlite);
    const intact = await settled(startVerifyJob(auditor.id, { sliceRows: 7 }));
    expect(intact.report).toEqual(cli);
    expect(intact.total).toBe(50);
    // Its own run is recorded: one event more, and the chain still verifies.
    expect(sqlite.prepare("select action from audit_events order by seq desc limit 1").get()).toEqual({ action: "audit.chain_verified" });
    expect(verifyAuditChain(sqlite).ok).toBe(true);

    // Two rows swapped in place (content exchanged, seq kept): the first of them fails.
    const a = sqlite.prepare("select * from audit_events where seq = 20").get() as Record<string, unknown>;
    const b = sqlite.prepare("select * from audit_events where seq = 21").get() as Record<string, unknown>;
    const swap = "update audit_events set at = ?, action = ?, target_id = ?, before = ?, after = ?, request_id = ?, prev_hash = ?, hash = ? where seq = ?";
    tamper(swap, b.at, b.action, b.target_id, b.before, b.after, b.request_id, b.prev_hash, b.hash, 20);
    tamper(swap, a.at, a.action, a.target_id, a.before, a.after, a.request_id, a.prev_hash, a.hash, 21);
    const swapped = await settled(startVerifyJob(auditor.id, { sliceRows: 7 }));
    expect(swapped.report).toMatchObject({ ok: false, firstBadSeq: 20, verified: 19 });
    expect(swapped.report).toEqual({ ...verifyAuditChain(sqlite) });
  });
});
