// Appeals on a real SQLite file: a client appeals as the reporter (one of its own reports) or as a
// platform (a decision on its link); a senior moderator who did not make the decision upholds it
// (nothing else changes) or overturns it (the decision is set aside as "appeal": verdict lifted,
// notice withdrawn, case reopened). Every refusal leaves the database as it was; the API answers
// each refusal with its own status.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases } from "@/db/schema";
import { handleApiRequest } from "@/lib/api/handle-request";
import { createApiClient } from "@/lib/api-clients/api-clients";
import { decideAppealAction } from "@/lib/appeals/actions/decide-appeal";
import { decideAppeal } from "@/lib/appeals/decide-appeal";
import { type AppealFiler, fileAppeal } from "@/lib/appeals/file";
import { appealCounts, appealPage, appealsOnCase } from "@/lib/appeals/review-list";
import { decodeCursor } from "@/lib/review/submitted-keyset";
import { appealStatusForClient } from "@/lib/appeals/status-view";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { undoDecision } from "@/lib/decisions/undo";
import { canonicalize } from "@/lib/links/canonicalize";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";
import { verdictFor } from "@/lib/verdicts/in-force";
import { ensurePublishedRulebook } from "./support/blocked-links";
import { refusedWithoutWrites, testDatabase } from "./support/database";
import { platformWithDomain } from "./support/notices";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];

let moderator: Actor;
let senior: Actor;
let otherSenior: Actor;
let chat: AppealFiler;
let otherChat: AppealFiler;
let shopClient: AppealFiler;
let otherShopClient: AppealFiler;
let shopKey: string;
let chatKey: string;
let otherChatKey: string;
let n = 0;
const reason = "The page sells real concert tickets; the complaint confused it with a scam.";
const note = "Checked the page and the seller's licence.";

const keyOf = (url: string) => {
  const canonical = canonicalize(url);
  if (!canonical.ok) throw new Error(`not a URL: ${url}`);
  return canonical.link;
};

/** A complaint filed by `client` about a new link of `domain`, decided as an L3 violation by `decider`. */
function decided(decider: Actor, options: { client?: AppealFiler; domain?: string; at?: Date; decide?: boolean } = {}) {
  ensurePublishedRulebook();
  const at = options.at ?? now;
  const url = `https://www.${options.domain ?? "ticket-shop-test.com"}/event/${++n}`;
  const filed = fileReport(
    db,
    { url, category: "fraud_scam", scene: "group", reporterHash: reporterHash(`appeal-reporter-${n}`), source: "api", apiClientId: options.client?.clientId ?? chat.clientId },
    { now: at },
  );
  const caseId = filed.report.caseId;
  if (options.decide === false) return { url, caseId, reportId: filed.report.id, decisionId: 0, verdictId: null, noticeId: null };
  const version = db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId)).get()!.version;
  const result = decideCase(
    db,
    decider,
    { caseId, caseVersion: version, outcome: "violation", category: "fraud_scam", level: "L3", durationHours: null, rationale: "Fake ticket page taking payments." },
    { now: at },
  );
  return { url, caseId, reportId: filed.report.id, ...result };
}

const asReporter = (reportId: number, overrides: Record<string, unknown> = {}) => ({ reportId, appellant: "reporter", reason, ...overrides });
const asPlatform = (decisionId: number, overrides: Record<string, unknown> = {}) => ({ decisionId, appellant: "platform", reason, ...overrides });

let shop: number;
beforeAll(async () => {
  moderator = await makeStaff("moderator");
  senior = await makeStaff("senior");
  otherSenior = await makeStaff("senior");
  const admin = await makeStaff("admin");
  shop = platformWithDomain("appeal-shop", "ticket-shop-test.com");
  const otherShop = platformWithDomain("appeal-other-shop", "other-shop-test.com");
  const client = (name: string, platformId: number | null) => {
    const made = createApiClient(db, { actorId: admin.id }, { name, requestsPerMinute: 1000, platformId });
    return { filer: { clientId: made.id, platformId }, key: made.key };
  };
  let made = client("Chat app", null);
  chat = made.filer;
  chatKey = made.key;
  made = client("Another chat app", null);
  otherChat = made.filer;
  otherChatKey = made.key;
  made = client("Ticket shop", shop);
  shopClient = made.filer;
  shopKey = made.key;
  otherShopClient = client("Other shop", otherShop).filer;
});

describe("filing an appeal", () => {
  it("records a pending appeal by the reporter's client, audited with the client, answered to that client only", () => {
    const { reportId, decisionId, caseId } = decided(moderator);
    const receipt = fileAppeal(db, chat, asReporter(reportId), { now: later(HOUR_MS), requestId: "appeal-1" });
    expect(receipt).toMatchObject({ status: "pending", decisionId, appellant: "reporter", submittedAt: later(HOUR_MS).toISOString() });
    expect(one("select decision_id, appellant, reason, status, decided_by from appeals where id = ?", receipt.appealId)).toEqual({
      decision_id: decisionId,
      appellant: "reporter",
      reason,
      status: "pending",
      decided_by: null,
    });
    const event = one<{ actor_id: number | null; after: string; request_id: string }>(
      "select actor_id, after, request_id from audit_events where action = 'appeal.filed' and target_id = ?",
      String(receipt.appealId),
    );
    expect(event.actor_id).toBeNull();
    expect(event.request_id).toBe("appeal-1");
    expect(JSON.parse(event.after)).toMatchObject({ decisionId, caseId, apiClientId: chat.clientId, reportId, appellant: "reporter" });

    expect(appealStatusForClient(db, receipt.appealId, chat.clientId)).toMatchObject({ appealId: receipt.appealId, status: "pending", decisionId });
    expect(appealStatusForClient(db, receipt.appealId, otherChat.clientId)).toBeNull();
    expect(appealsOnCase(db, caseId)).toMatchObject([{ id: receipt.appealId, decisionId, status: "pending" }]);
  });

  it("lets a platform's own client appeal a decision on its link by decision id", () => {
    const { decisionId } = decided(moderator);
    const receipt = fileAppeal(db, shopClient, asPlatform(decisionId), { now: later(HOUR_MS) });
    expect(receipt).toMatchObject({ status: "pending", decisionId, appellant: "platform" });
  });

  it("answers another client's report, another platform's decision and unknown ids alike, writing nothing", () => {
    const { reportId, decisionId } = decided(moderator);
    expect(refusedWithoutWrites(() => fileAppeal(db, otherChat, asReporter(reportId), { now: later(HOUR_MS) }))).toMatchObject({ code: "not_found", message: "appeals.errors.reportNotFound" });
    expect(refusedWithoutWrites(() => fileAppeal(db, chat, asReporter(999_999), { now: later(HOUR_MS) }))).toMatchObject({ code: "not_found", message: "appeals.errors.reportNotFound" });
    expect(refusedWithoutWrites(() => fileAppeal(db, otherShopClient, asPlatform(decisionId), { now: later(HOUR_MS) }))).toMatchObject({ code: "not_found", message: "appeals.errors.decisionNotFound" });
    expect(refusedWithoutWrites(() => fileAppeal(db, shopClient, asPlatform(999_999), { now: later(HOUR_MS) }))).toMatchObject({ code: "not_found", message: "appeals.errors.decisionNotFound" });
    // A client that acts for no platform cannot name decisions at all.
    expect(refusedWithoutWrites(() => fileAppeal(db, chat, asPlatform(decisionId), { now: later(HOUR_MS) }))).toMatchObject({ code: "forbidden", message: "appeals.errors.notPlatformClient" });
  });

  it("refuses invalid input, each with its reason", () => {
    const { reportId, decisionId } = decided(moderator);
    const refusals: [Record<string, unknown>, string, string][] = [
      [asReporter(reportId, { reason: "Wrong." }), "reason", "appeals.errors.reasonLength"],
      [asReporter(reportId, { reason: "x".repeat(2001) }), "reason", "appeals.errors.reasonLength"],
      [asReporter(reportId, { decisionId }), "reportId", "appeals.errors.oneIdentifier"],
      [{ appellant: "reporter", reason }, "reportId", "appeals.errors.oneIdentifier"],
      [asPlatform(decisionId, { appellant: "reporter" }), "reportId", "appeals.errors.reporterNeedsReport"],
      [asReporter(reportId, { appellant: "platform" }), "decisionId", "appeals.errors.platformNeedsDecision"],
      [asReporter(reportId, { appellant: "link_owner" }), "appellant", "appeals.errors.appellant"],
      [asReporter(-3), "reportId", "appeals.errors.idInvalid"],
    ];
    for (const [input, field, key] of refusals) {
      const refusal = refusedWithoutWrites(() => fileAppeal(db, chat, input, { now: later(HOUR_MS) }));
      expect(refusal.code, JSON.stringify(input)).toBe("invalid");
      expect(refusal.fieldErrors?.[field], JSON.stringify(input)).toEqual([key]);
    }
    // Twenty Chinese characters are enough: length is counted in characters.
    expect(fileAppeal(db, chat, asReporter(reportId, { reason: "该网页出售的是正规演出门票不是诈骗".padEnd(20, "。") }), { now: later(HOUR_MS) }).status).toBe("pending");
  });

  it("refuses an undecided case, a second appeal while one is pending, a set-aside decision and one past the 30-day window", () => {
    const open = decided(moderator, { decide: false });
    expect(refusedWithoutWrites(() => fileAppeal(db, chat, asReporter(open.reportId), { now: later(HOUR_MS) }))).toMatchObject({ code: "conflict", message: "appeals.errors.notDecided" });

    const twice = decided(moderator);
    fileAppeal(db, chat, asReporter(twice.reportId), { now: later(HOUR_MS) });
    expect(refusedWithoutWrites(() => fileAppeal(db, shopClient, asPlatform(twice.decisionId), { now: later(2 * HOUR_MS) }))).toMatchObject({
      code: "conflict",
      message: "appeals.errors.alreadyPending",
    });

    const undone = decided(moderator);
    undoDecision(db, moderator, { decisionId: undone.decisionId }, { now: later(60_000) });
    expect(refusedWithoutWrites(() => fileAppeal(db, chat, asReporter(undone.reportId), { now: later(HOUR_MS) }))).toMatchObject({ code: "conflict", message: "appeals.errors.setAside" });

    const old = decided(moderator);
    expect(refusedWithoutWrites(() => fileAppeal(db, chat, asReporter(old.reportId), { now: later(30 * DAY_MS + 1) }))).toMatchObject({ code: "invalid", message: "appeals.errors.windowClosed" });
    expect(fileAppeal(db, chat, asReporter(old.reportId), { now: later(30 * DAY_MS) }).status).toBe("pending");
  });
});

describe("deciding an appeal", () => {
  it("is for senior moderators only, never the one who made the decision, and needs a note", async () => {
    const { reportId } = decided(senior);
    const { appealId } = fileAppeal(db, chat, asReporter(reportId), { now: later(HOUR_MS) });
    const at = { now: later(2 * HOUR_MS) };
    expect(refusedWithoutWrites(() => decideAppeal(db, moderator, { appealId, decision: "overturn", note }, at))).toMatchObject({ code: "forbidden", message: "errors.forbidden" });
    expect(refusedWithoutWrites(() => decideAppeal(db, senior, { appealId, decision: "overturn", note }, at))).toMatchObject({ code: "forbidden", message: "appeals.errors.fourEyes" });
    expect(refusedWithoutWrites(() => decideAppeal(db, senior, { appealId, decision: "uphold", note }, at))).toMatchObject({ code: "forbidden", message: "appeals.errors.fourEyes" });
    expect(refusedWithoutWrites(() => decideAppeal(db, otherSenior, { appealId, decision: "uphold", note: "  too short " }, at)).fieldErrors).toEqual({ note: ["appeals.errors.noteTooShort"] });
    expect(refusedWithoutWrites(() => decideAppeal(db, otherSenior, { appealId: 999_999, decision: "uphold", note }, at))).toMatchObject({ code: "not_found" });
    // The action wrapper checks the permission too.
    expect(await decideAppealAction.run(moderator, { appealId: String(appealId), decision: "uphold", note })).toMatchObject({ ok: false, code: "forbidden" });
    const decidedAppeal = await decideAppealAction.run(otherSenior, { appealId: String(appealId), decision: "uphold", note });
    expect(decidedAppeal).toMatchObject({ ok: true, data: { status: "upheld" } });
    expect(refusedWithoutWrites(() => decideAppeal(db, otherSenior, { appealId, decision: "overturn", note }, at))).toMatchObject({ code: "conflict", message: "appeals.errors.alreadyDecided" });
  });

  it("overturning sets the decision aside: the verdict is lifted, the notice withdrawn, the case reopened", () => {
    const { url, caseId, reportId, decisionId, verdictId, noticeId } = decided(moderator);
    expect(noticeId).not.toBeNull();
    const { appealId } = fileAppeal(db, chat, asReporter(reportId), { now: later(HOUR_MS) });
    expect(verdictFor(db, keyOf(url), later(2 * HOUR_MS))).toMatchObject({ id: verdictId, level: "L3" });

    const result = decideAppeal(db, senior, { appealId, decision: "overturn", note }, { now: later(2 * HOUR_MS), requestId: "overturn-1" });

    expect(result).toMatchObject({ appealId, status: "overturned", decisionId, caseId, liftedVerdictIds: [verdictId], withdrawnNoticeIds: [noticeId] });
    expect(verdictFor(db, keyOf(url), later(2 * HOUR_MS))).toBeNull();
    const at = later(2 * HOUR_MS).toISOString();
    expect(one("select status, decided_by, decided_at, note from appeals where id = ?", appealId)).toEqual({ status: "overturned", decided_by: senior.id, decided_at: at, note });
    expect(one("select reversed_at, reversed_by, reversal_kind, reversal_reason from decisions where id = ?", decisionId)).toEqual({
      reversed_at: at,
      reversed_by: senior.id,
      reversal_kind: "appeal",
      reversal_reason: note,
    });
    expect(one("select lifted_at, lifted_reason from verdicts where id = ?", verdictId)).toEqual({ lifted_at: at, lifted_reason: "appeal" });
    expect(one("select withdrawn_at from rectification_notices where id = ?", noticeId)).toEqual({ withdrawn_at: at });
    expect(one("select status, assignee_id from cases where id = ?", caseId)).toEqual({ status: "open", assignee_id: null });
    const actions = all<{ action: string }>("select action from audit_events where request_id = 'overturn-1' order by seq").map((e) => e.action);
    expect(actions).toEqual(["decision.overturned", "verdict.lifted", "notice.withdrawn", "case.reopened", "appeal.decided"]);
    expect(appealStatusForClient(db, appealId, chat.clientId)).toMatchObject({ status: "overturned", decidedAt: at });
    expect(verifyAuditChain(sqlite).ok).toBe(true);
  });

  it("upholding records the answer and changes nothing else", () => {
    const { url, reportId, decisionId, verdictId } = decided(moderator);
    const { appealId } = fileAppeal(db, chat, asReporter(reportId), { now: later(HOUR_MS) });
    const untouched = () =>
      JSON.stringify(
        ["cases", "decisions", "verdicts", "verdict_changes", "rectification_notices", "reports"].map((t) => sqlite.prepare(`select * from ${t} order by rowid`).all()),
      );
    const before = untouched();
    const events = one<{ n: number }>("select count(*) as n from audit_events").n;

    expect(decideAppeal(db, otherSenior, { appealId, decision: "uphold", note }, { now: later(2 * HOUR_MS) })).toMatchObject({ status: "upheld", liftedVerdictIds: [] });

    expect(untouched()).toBe(before);
    expect(one<{ n: number }>("select count(*) as n from audit_events").n).toBe(events + 1);
    expect(verdictFor(db, keyOf(url), later(2 * HOUR_MS))).toMatchObject({ id: verdictId });
    expect(one("select reversed_at from decisions where id = ?", decisionId)).toEqual({ reversed_at: null });
    // Once decided, a new appeal may be filed again (one pending at a time).
    expect(fileAppeal(db, shopClient, asPlatform(decisionId), { now: later(3 * HOUR_MS) }).status).toBe("pending");
  });

  it("refuses to overturn a decision already set aside meanwhile, and the appeal stays pending", () => {
    const { reportId, decisionId } = decided(moderator);
    const { appealId } = fileAppeal(db, chat, asReporter(reportId), { now: later(60_000) });
    undoDecision(db, moderator, { decisionId }, { now: later(2 * 60_000) });
    expect(refusedWithoutWrites(() => decideAppeal(db, senior, { appealId, decision: "overturn", note }, { now: later(HOUR_MS) }))).toMatchObject({
      code: "conflict",
      message: "decisions.errors.alreadySetAside",
    });
    expect(one("select status from appeals where id = ?", appealId)).toEqual({ status: "pending" });
  });
});

describe("the appeals list", () => {
  it("counts by status, lists pending oldest first, decided newest first, in keyset pages", () => {
    const counts = appealCounts(db);
    expect(counts.pending + counts.upheld + counts.overturned).toBe(one<{ n: number }>("select count(*) as n from appeals").n);
    const pending = appealPage(db, { status: "pending", limit: 2 });
    expect(pending.rows).toHaveLength(2);
    expect(pending.rows[0]!.submittedAt <= pending.rows[1]!.submittedAt).toBe(true);
    const seen = [...pending.rows.map((r) => r.id)];
    let next = pending.next;
    while (next) {
      const page = appealPage(db, { status: "pending", after: decodeCursor(next), limit: 2 });
      seen.push(...page.rows.map((r) => r.id));
      next = page.next;
    }
    expect(seen).toHaveLength(counts.pending);
    expect(new Set(seen).size).toBe(counts.pending);
    const overturned = appealPage(db, { status: "overturned" }).rows[0]!;
    expect(overturned).toMatchObject({ status: "overturned", note, decision: { reversalKind: "appeal", outcome: "violation", level: "L3" } });
    expect(overturned.judgeName).toBeTruthy();
    expect(overturned.deciderName).toBe(moderator.name);
  });

  it("uses the status index", () => {
    const plan = all<{ detail: string }>(
      "explain query plan select id from appeals where status = 'pending' and (submitted_at > ? or (submitted_at = ? and id > ?)) order by submitted_at, id limit 21",
      now.toISOString(),
      now.toISOString(),
      1,
    );
    expect(plan.map((p) => p.detail).join(" ")).toContain("appeals_status_idx");
  });
});

describe("appeals over the client API", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => void handleApiRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  const call = async (method: "GET" | "POST", path: string, key: string, body?: unknown) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string[]> } } };
  };

  it("files, answers the filing client only, and gives each refusal its status", async () => {
    const { decisionId, reportId } = decided(moderator, { at: new Date() });
    const filed = await call("POST", "/api/v1/appeals", shopKey, asPlatform(decisionId));
    expect(filed.status).toBe(201);
    expect(filed.body).toEqual({ appealId: expect.any(Number), status: "pending" });
    const appealId = filed.body.appealId as number;

    const mine = await call("GET", `/api/v1/appeals/${appealId}`, shopKey);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ appealId, status: "pending", appellant: "platform", decisionId, decidedAt: null });
    expect((await call("GET", `/api/v1/appeals/${appealId}`, chatKey)).status).toBe(404);
    expect((await call("GET", "/api/v1/appeals/abc", chatKey)).status).toBe(400);

    const again = await call("POST", "/api/v1/appeals", chatKey, asReporter(reportId));
    expect(again).toMatchObject({ status: 409, body: { error: { code: "already_pending" } } });
    expect(await call("POST", "/api/v1/appeals", otherChatKey, asReporter(reportId))).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(await call("POST", "/api/v1/appeals", chatKey, asPlatform(decisionId))).toMatchObject({ status: 403, body: { error: { code: "not_a_platform_client" } } });
    const invalid = await call("POST", "/api/v1/appeals", chatKey, { ...asReporter(reportId, { reason: "no" }), extra: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.fields).toMatchObject({ extra: ["Unknown field"] });

    const old = decided(moderator, { at: new Date(Date.now() - 31 * DAY_MS) });
    const late = await call("POST", "/api/v1/appeals", chatKey, asReporter(old.reportId));
    expect(late).toMatchObject({ status: 422, body: { error: { code: "appeal_window_closed" } } });
    expect(late.body.error?.message).toContain("30 days");

    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, { required?: string[] }> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/appeals", "/api/v1/appeals/{appealId}"]));
    expect(doc.components.schemas.AppealRequest!.required).toEqual(expect.arrayContaining(["appellant", "reason"]));
  });
});
