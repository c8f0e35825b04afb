// Group commit of complaints (lib/reports/file-report.ts `fileReports`, lib/reports/intake-queue.ts)
// on a real SQLite file: one transaction for the batch, a savepoint per complaint, answers exactly as
// `fileReport` gives them one at a time, nothing written for a complaint that fails, nothing at all
// when the commit fails, and an audit chain that still verifies.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import { verifyAuditChain } from "@/lib/audit/verify";
import { ActionError } from "@/lib/auth/action-result";
import { type NewReport, fileReports } from "@/lib/reports/file-report";
import { fileReportInBatch } from "@/lib/reports/intake-queue";
import { reportView } from "@/lib/reports/report-view";
import { reporterHash } from "@/lib/reports/reporter-hash";
import { databaseDump, testDatabase } from "./support/database";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
const count = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;

let reporters = 0;
function report(overrides: Partial<NewReport> = {}): NewReport {
  reporters += 1;
  return {
    url: `https://v.douyin.com/batch-${reporters}/`,
    category: "fraud_scam",
    scene: "group",
    reporterHash: reporterHash(`batch-reporter-${reporters}`),
    source: "api",
    ...overrides,
  };
}

const filed = (outcome: ReturnType<typeof fileReports>[number]) => {
  if (!outcome.ok) throw outcome.error;
  return outcome.filed;
};

beforeAll(async () => {
  await seedDemo(db, { now });
});

afterEach(() => {
  vi.restoreAllMocks();
  expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
});

describe("filing complaints in one batch", () => {
  it("commits the good ones together; a complaint that fails, before or half-way through its writes, leaves nothing", () => {
    sqlite.exec(`create trigger fail_gambling before insert on reports when new.category = 'gambling'
                 begin select raise(abort, 'simulated failure'); end;`);
    try {
      const reportsBefore = count("select count(*) as n from reports");
      const auditBefore = count("select count(*) as n from audit_events");
      const outcomes = fileReports(db, [
        { input: report({ url: "https://batch-good.example.com/a" }), options: { now, requestId: "batch-a" } },
        { input: report({ url: "javascript:alert(1)" }), options: { now, requestId: "batch-bad-url" } },
        // Fails at the report insert, after its link, variant, case and two audit events were written.
        { input: report({ url: "https://batch-half-way.example.com/c", category: "gambling" }), options: { now, requestId: "batch-c" } },
        { input: report({ url: "https://batch-good.example.com/b" }), options: { now, requestId: "batch-b" } },
      ]);

      expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, true]);
      const badUrl = outcomes[1] as { ok: false; error: unknown };
      expect(badUrl.error).toBeInstanceOf(ActionError);
      expect((badUrl.error as ActionError).fieldErrors?.url?.[0]).toBe("validation.url.unsupported_scheme");
      expect(String((outcomes[2] as { ok: false; error: unknown }).error)).toMatch(/simulated failure/);

      expect(count("select count(*) as n from reports")).toBe(reportsBefore + 2);
      expect(count("select count(*) as n from audit_events")).toBe(auditBefore + 6);
      expect(count("select count(*) as n from links where canonical_url like 'https://batch-half-way.example.com/%'")).toBe(0);
      expect(count("select count(*) as n from link_variants where raw_url like 'https://batch-half-way.example.com/%'")).toBe(0);
      expect(count("select count(*) as n from audit_events where request_id in ('batch-c', 'batch-bad-url')")).toBe(0);
      const actions = (id: string) =>
        (sqlite.prepare("select action from audit_events where request_id = ? order by seq").all(id) as { action: string }[]).map((r) => r.action);
      expect(actions("batch-a")).toEqual(["link.created", "case.opened", "report.created"]);
      expect(actions("batch-b")).toEqual(["link.created", "case.opened", "report.created"]);
    } finally {
      sqlite.exec("drop trigger fail_gambling");
    }
  });

  it("answers each complaint as reading it back would: a new case, an open one, one under review", () => {
    const url = "https://item.jd.com/100200300.html";
    const [first, second] = fileReports(db, [{ input: report({ url }), options: { now } }, { input: report({ url: `${url}?utm_source=wechat` }), options: { now } }]).map(filed);
    expect(first!.outcome).toBe("created");
    expect(second!.report.caseId).toBe(first!.report.caseId);
    expect(first!.report).toEqual(reportView(db, first!.report.id));
    expect(second!.report).toEqual(reportView(db, second!.report.id));
    expect(second!.report).toMatchObject({ status: "received", platform: { name: "JD.com" }, registrableDomain: "jd.com" });

    sqlite.prepare("update cases set status = 'escalated' where id = ?").run(first!.report.caseId);
    const [third] = fileReports(db, [{ input: report({ url }), options: { now } }]).map(filed);
    expect(third!.report.status).toBe("in_review");
    expect(third!.report).toEqual(reportView(db, third!.report.id));

    const [independent] = fileReports(db, [{ input: report({ url: "http://hongbao-batch.top/x" }), options: { now } }]).map(filed);
    expect(independent!.report.platform).toBeNull();
    expect(independent!.report).toEqual(reportView(db, independent!.report.id));
  });

  it("sees the earlier complaints of the same batch: a repeat is a duplicate, a retried key a replay", () => {
    const clientId = one<{ id: number }>("select id from api_clients limit 1").id;
    const input = report({ url: "https://batch-repeat.example.org/p", apiClientId: clientId, idempotencyKey: "batch-key-1" });
    const [a, replay, duplicate] = fileReports(db, [
      { input, options: { now } },
      { input: { ...input, reporterHash: reporterHash("someone-else-in-batch") }, options: { now } },
      { input: { ...input, idempotencyKey: null, url: `${input.url}#again` }, options: { now } },
    ]).map(filed);
    expect(a!.outcome).toBe("created");
    expect(replay).toEqual({ outcome: "replayed", report: a!.report, shareText: null });
    expect(duplicate).toEqual({ outcome: "duplicate", report: a!.report, shareText: null });
    expect(count("select count(*) as n from reports where link_id = (select id from links where canonical_url = ?)", input.url)).toBe(1);
  });

  it("fails every complaint and writes nothing when the commit itself fails", () => {
    const before = databaseDump();
    // Deferred foreign keys are checked at COMMIT: a report naming a missing API client then makes
    // the commit of the whole batch fail.
    sqlite.pragma("defer_foreign_keys = ON");
    const outcomes = fileReports(db, [
      { input: report({ url: "https://batch-commit.example.com/ok" }), options: { now } },
      { input: report({ url: "https://batch-commit.example.com/orphan", apiClientId: 987_654 }), options: { now } },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, false]);
    for (const outcome of outcomes) expect(String((outcome as { ok: false; error: unknown }).error)).toMatch(/FOREIGN KEY constraint failed/);
    expect(sqlite.inTransaction).toBe(false);
    expect(databaseDump()).toBe(before);
  });
});

describe("the intake queue", () => {
  it("writes the complaints of one event-loop turn in one transaction and settles each after the commit", async () => {
    const transaction = vi.spyOn(db, "transaction");
    const pending = [
      fileReportInBatch(db, report({ url: "https://queue.example.com/1" }), { now, requestId: "queue-1" }),
      fileReportInBatch(db, report({ url: "ftp://queue.example.com/2" }), { now, requestId: "queue-2" }),
      fileReportInBatch(db, report({ url: "https://queue.example.com/3" }), { now, requestId: "queue-3" }),
    ];
    // Nothing is written, let alone answered, before the batch runs.
    expect(count("select count(*) as n from audit_events where request_id like 'queue-%'")).toBe(0);
    const settled = await Promise.allSettled(pending);

    expect(transaction).toHaveBeenCalledTimes(1);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(ActionError);
    for (const s of [settled[0], settled[2]] as PromiseFulfilledResult<Awaited<(typeof pending)[number]>>[]) {
      expect(s.value.outcome).toBe("created");
      expect(one("select tracking_code from reports where id = ?", s.value.report.id)).toEqual({ tracking_code: s.value.report.trackingCode });
    }
  });

  it("splits a very large turn into batches of at most 256, written in arrival order", async () => {
    const transaction = vi.spyOn(db, "transaction");
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => fileReportInBatch(db, report({ url: `https://many.example.com/${i}` }), { now })),
    );
    expect(transaction).toHaveBeenCalledTimes(2);
    const ids = results.map((r) => r.report.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});
