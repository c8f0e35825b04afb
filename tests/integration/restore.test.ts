// Restore requests on a real SQLite file: a requester asks to lift the verdict in force, a senior
// moderator approves (the verdict is lifted, the change feed gets its L0 row, verdictFor answers
// nothing) or rejects (the verdict stays); every refusal leaves the database as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Actor } from "@/lib/auth/actor";
import { canonicalize } from "@/lib/links/canonicalize";
import { submitPortalRestore } from "@/lib/restore/actions/submit-portal-restore";
import { reviewRestoreRequest } from "@/lib/restore/review";
import { restoreCounts, restoreRequestPage } from "@/lib/restore/review-list";
import { decodeCursor } from "@/lib/review/submitted-keyset";
import { restoreStatusByCode } from "@/lib/restore/status-view";
import { type NewRestoreRequest, submitRestoreRequest } from "@/lib/restore/submit";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";
import { expressionKey } from "@/lib/verdicts/expressions";
import { verdictFor } from "@/lib/verdicts/in-force";
import { blockLink, openCaseFor } from "./support/blocked-links";
import { refusedWithoutWrites, testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];

let moderator: Actor;
let senior: Actor;
let n = 0;
const freshUrl = (domain = "prize-claim.top") => `https://${domain}/claim/${++n}`;

const keyOf = (url: string) => {
  const canonical = canonicalize(url);
  if (!canonical.ok) throw new Error(`not a URL: ${url}`);
  return canonical.link;
};

function request(url: string, overrides: Partial<NewRestoreRequest> = {}): NewRestoreRequest {
  return {
    url,
    requester: "link_owner",
    contact: "owner@shop.example",
    explanation: "We removed the fake prize banner and the form that asked for card numbers.",
    source: "portal",
    ...overrides,
  };
}

const review = (actor: Actor, restoreRequestId: number, decision: "approve" | "reject", at = later(HOUR_MS)) =>
  reviewRestoreRequest(db, actor, { restoreRequestId, decision, note: "Checked the page: the form is gone." }, { now: at, requestId: `review-${restoreRequestId}` });

beforeAll(async () => {
  moderator = await makeStaff("moderator");
  senior = await makeStaff("senior");
});

describe("submitting a restore request", () => {
  it("records a pending request against the verdict in force, audited without the contact", () => {
    const url = freshUrl();
    const { verdictId } = blockLink(moderator, url, { at: now });

    const receipt = submitRestoreRequest(db, request(`${url}?utm_source=wechat`, { contact: " +86 138-0013-8000 " }), { now: later(HOUR_MS), requestId: "restore-1" });

    expect(receipt).toMatchObject({
      status: "pending",
      canonicalUrl: url,
      requester: "link_owner",
      verdict: { id: verdictId, level: "L3", category: "fraud_scam", scope: "url" },
      submittedAt: later(HOUR_MS).toISOString(),
    });
    expect(receipt.trackingCode).toMatch(/^LD-[2-9A-HJ-NP-Z]{8}$/);
    const row = one<Record<string, unknown>>("select * from restore_requests where id = ?", receipt.id);
    expect(row).toMatchObject({
      tracking_code: receipt.trackingCode,
      verdict_id: verdictId,
      requester: "link_owner",
      source: "portal",
      api_client_id: null,
      raw_url: `${url}?utm_source=wechat`,
      contact: "+86 138-0013-8000",
      status: "pending",
      reviewed_by: null,
    });
    const event = one<{ actor_id: number | null; after: string; request_id: string }>(
      "select actor_id, after, request_id from audit_events where action = 'restore.requested' and target_id = ?",
      String(receipt.id),
    );
    expect(event.actor_id).toBeNull();
    expect(event.request_id).toBe("restore-1");
    expect(JSON.parse(event.after)).toMatchObject({ verdictId, level: "L3", requester: "link_owner", source: "portal" });
    expect(event.after).not.toContain("138-0013-8000");

    expect(restoreStatusByCode(db, receipt.trackingCode)).toMatchObject({ status: "pending", outcome: null, reviewedAt: null, canonicalUrl: url });
  });

  it("refuses invalid fields, each with its own reason, and writes nothing", () => {
    const url = freshUrl();
    blockLink(moderator, url, { at: now });
    const cases: [Partial<NewRestoreRequest>, string, string][] = [
      [{ url: "  " }, "url", "restore.errors.urlEmpty"],
      [{ url: "javascript:alert(1)" }, "url", "validation.url.unsupported_scheme"],
      [{ requester: "reporter" }, "requester", "restore.errors.requester"],
      [{ contact: "call me maybe" }, "contact", "restore.errors.contact"],
      [{ contact: "12345" }, "contact", "restore.errors.contact"],
      [{ contact: `${"a".repeat(195)}@x.example` }, "contact", "restore.errors.contactTooLong"],
      [{ explanation: "Fixed it." }, "explanation", "restore.errors.explanationLength"],
      [{ explanation: "网页已整改".repeat(3) }, "explanation", "restore.errors.explanationLength"],
      [{ explanation: "x".repeat(2001) }, "explanation", "restore.errors.explanationLength"],
    ];
    for (const [overrides, field, key] of cases) {
      const refusal = refusedWithoutWrites(() => submitRestoreRequest(db, request(url, overrides), { now: later(HOUR_MS) }));
      expect(refusal.code, JSON.stringify(overrides)).toBe("invalid");
      expect(refusal.fieldErrors?.[field], JSON.stringify(overrides)).toEqual([key]);
    }
    // Twenty Chinese characters are enough: length is counted in characters.
    expect(submitRestoreRequest(db, request(url, { explanation: "网页已整改".repeat(4) }), { now: later(HOUR_MS) }).status).toBe("pending");
  });

  it("refuses a link Linkdesk never handled, and one that nothing restricts", () => {
    const unknown = refusedWithoutWrites(() => submitRestoreRequest(db, request("https://never-seen.example/page"), { now }));
    expect(unknown).toMatchObject({ code: "not_found", message: "restore.errors.unknownLink" });

    const undecided = freshUrl("still-open.example");
    openCaseFor(undecided, now);
    const free = refusedWithoutWrites(() => submitRestoreRequest(db, request(undecided), { now }));
    expect(free).toMatchObject({ code: "not_found", message: "restore.errors.notRestricted" });
  });

  it("refuses a second request while one for the same verdict is pending, under any spelling of the link", () => {
    const url = freshUrl();
    blockLink(moderator, url, { at: now });
    submitRestoreRequest(db, request(url), { now: later(HOUR_MS) });
    const again = refusedWithoutWrites(() =>
      submitRestoreRequest(db, request(`${url.replace("https://prize-claim.top", "HTTPS://Prize-Claim.TOP:443")}?spm=a.b.c`, { requester: "platform" }), {
        now: later(2 * HOUR_MS),
      }),
    );
    expect(again).toMatchObject({ code: "conflict", message: "restore.errors.alreadyPending" });
  });
});

describe("reviewing a restore request", () => {
  it("approval lifts the verdict: lifted_at, an L0 change-feed row, verdict.lifted and restore.reviewed events, and nothing in force", () => {
    const url = freshUrl();
    const { verdictId } = blockLink(moderator, url, { at: now });
    expect(verdictFor(db, keyOf(url), later(HOUR_MS))?.id).toBe(verdictId);
    const receipt = submitRestoreRequest(db, request(url), { now: later(HOUR_MS) });
    const at = later(2 * HOUR_MS);

    const result = review(senior, receipt.id, "approve", at);

    expect(result).toMatchObject({ status: "approved", lifted: true, verdictAlreadyEnded: false, stillRestricted: null });
    expect(one("select lifted_at, lifted_reason from verdicts where id = ?", verdictId)).toEqual({ lifted_at: at.toISOString(), lifted_reason: "restore_approved" });
    const feed = all<{ seq: number; key: string; level: string; key_type: string }>("select seq, key, level, key_type from verdict_changes where verdict_id = ? order by seq", verdictId);
    expect(feed.map((row) => row.level)).toEqual(["L3", "L0"]);
    expect(feed[1]).toMatchObject({ seq: result.changeSeq, key_type: "url", key: feed[0]!.key });
    expect(one("select status, reviewed_by, reviewed_at, review_note from restore_requests where id = ?", receipt.id)).toEqual({
      status: "approved",
      reviewed_by: senior.id,
      reviewed_at: at.toISOString(),
      review_note: "Checked the page: the form is gone.",
    });

    const events = all<{ action: string; actor_id: number; after: string; request_id: string }>(
      "select action, actor_id, after, request_id from audit_events where request_id = ? order by seq",
      `review-${receipt.id}`,
    );
    expect(events.map((e) => e.action)).toEqual(["verdict.lifted", "restore.reviewed"]);
    expect(events.every((e) => e.actor_id === senior.id)).toBe(true);
    expect(JSON.parse(events[0]!.after)).toMatchObject({ restoreRequestId: receipt.id, liftedReason: "restore_approved", changeSeq: result.changeSeq });
    expect(JSON.parse(events[1]!.after)).toMatchObject({ status: "approved", lifted: true, verdictId });

    expect(verdictFor(db, keyOf(url), later(3 * HOUR_MS))).toBeNull();
    expect(restoreStatusByCode(db, receipt.trackingCode)).toMatchObject({ status: "approved", outcome: "lifted", reviewedAt: at.toISOString() });
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
  });

  it("rejection keeps the verdict in force; a new request may follow", () => {
    const url = freshUrl();
    const { verdictId } = blockLink(moderator, url, { at: now });
    const receipt = submitRestoreRequest(db, request(url), { now: later(HOUR_MS) });
    const feedBefore = one<{ n: number }>("select count(*) as n from verdict_changes").n;

    expect(review(senior, receipt.id, "reject")).toMatchObject({ status: "rejected", lifted: false, changeSeq: null });

    expect(one("select lifted_at from verdicts where id = ?", verdictId)).toEqual({ lifted_at: null });
    expect(one<{ n: number }>("select count(*) as n from verdict_changes").n).toBe(feedBefore);
    expect(verdictFor(db, keyOf(url), later(3 * HOUR_MS))?.id).toBe(verdictId);
    expect(restoreStatusByCode(db, receipt.trackingCode)).toMatchObject({ status: "rejected", outcome: "kept" });
    expect(submitRestoreRequest(db, request(url), { now: later(4 * HOUR_MS) }).verdict.id).toBe(verdictId);
  });

  it("approving after the verdict expired records the review and says nothing was lifted", () => {
    const url = freshUrl();
    const { verdictId } = blockLink(moderator, url, { at: now, durationHours: 24 });
    const receipt = submitRestoreRequest(db, request(url), { now: later(HOUR_MS) });
    const feedBefore = one<{ n: number }>("select count(*) as n from verdict_changes").n;

    const result = review(senior, receipt.id, "approve", later(2 * DAY_MS));

    expect(result).toMatchObject({ status: "approved", lifted: false, verdictAlreadyEnded: true, changeSeq: null });
    expect(one("select lifted_at from verdicts where id = ?", verdictId)).toEqual({ lifted_at: null });
    expect(one<{ n: number }>("select count(*) as n from verdict_changes").n).toBe(feedBefore);
    expect(restoreStatusByCode(db, receipt.trackingCode)).toMatchObject({ status: "approved", outcome: "ended" });
  });

  it("lifting a domain block says when the URL's own verdict still applies", () => {
    const domain = `repeat-offender-${Date.now()}.top`;
    const first = freshUrl(domain);
    const second = freshUrl(domain);
    const urlVerdict = blockLink(moderator, first, { at: now }).verdictId;
    const domainVerdict = blockLink(senior, second, { at: now, level: "L4" }).verdictId;
    expect(verdictFor(db, keyOf(first), later(HOUR_MS))).toMatchObject({ id: domainVerdict, scope: "domain" });

    const receipt = submitRestoreRequest(db, request(first, { requester: "platform" }), { now: later(HOUR_MS) });
    expect(receipt.verdict).toMatchObject({ id: domainVerdict, level: "L4", scope: "domain" });
    // The domain block is one verdict: a request through another of its URLs waits for the same review.
    expect(refusedWithoutWrites(() => submitRestoreRequest(db, request(second), { now: later(HOUR_MS) })).code).toBe("conflict");

    const result = review(senior, receipt.id, "approve");
    expect(result).toMatchObject({ lifted: true, stillRestricted: { verdictId: urlVerdict, level: "L3", scope: "url" } });
    expect(one("select key_type, key, level from verdict_changes where seq = ?", result.changeSeq)).toEqual({ key_type: "domain", key: expressionKey(`${domain}/`), level: "L0" });
    expect(verdictFor(db, keyOf(first), later(3 * HOUR_MS))?.id).toBe(urlVerdict);
    expect(verdictFor(db, keyOf(second), later(3 * HOUR_MS))).toBeNull();
  });

  it("refuses other roles, a short note, an unknown request and a second review, writing nothing", async () => {
    const url = freshUrl();
    blockLink(moderator, url, { at: now });
    const receipt = submitRestoreRequest(db, request(url), { now: later(HOUR_MS) });
    const input = { restoreRequestId: receipt.id, decision: "approve" as const, note: "Checked the page: the form is gone." };

    for (const role of ["moderator", "manager", "auditor", "admin"] as const) {
      const actor = await makeStaff(role);
      expect(refusedWithoutWrites(() => reviewRestoreRequest(db, actor, input, { now: later(HOUR_MS) })).code, role).toBe("forbidden");
    }
    const short = refusedWithoutWrites(() => reviewRestoreRequest(db, senior, { ...input, note: "  ok fine " }, { now: later(HOUR_MS) }));
    expect(short).toMatchObject({ code: "invalid", fieldErrors: { note: ["restore.errors.noteTooShort"] } });
    expect(refusedWithoutWrites(() => reviewRestoreRequest(db, senior, { ...input, restoreRequestId: 999_999 }, { now: later(HOUR_MS) })).code).toBe("not_found");

    review(senior, receipt.id, "reject");
    const twice = refusedWithoutWrites(() => reviewRestoreRequest(db, senior, input, { now: later(2 * HOUR_MS) }));
    expect(twice).toMatchObject({ code: "conflict", message: "restore.errors.alreadyReviewed" });
  });
});

describe("the console list", () => {
  it("shows pending requests oldest first in keyset pages, reviewed ones newest first, with counts", () => {
    const before = restoreCounts(db);
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const url = freshUrl("paging.example");
      blockLink(moderator, url, { at: now });
      // Submitted out of order: the list orders by submission time, not by id.
      ids.push(submitRestoreRequest(db, request(url), { now: later((10 - i) * DAY_MS) }).id);
    }
    expect(restoreCounts(db).pending).toBe(before.pending + 5);

    const seen: number[] = [];
    let after = null;
    do {
      const page: ReturnType<typeof restoreRequestPage> = restoreRequestPage(db, { status: "pending", after, limit: 2 });
      seen.push(...page.rows.map((row) => row.id));
      after = decodeCursor(page.next);
    } while (after);
    const mine = seen.filter((id) => ids.includes(id));
    expect(mine).toEqual([...ids].reverse());
    const times = all<{ submitted_at: string }>("select submitted_at from restore_requests where status = 'pending' order by submitted_at, id").map((r) => r.submitted_at);
    expect(seen.map((id) => one<{ submitted_at: string }>("select submitted_at from restore_requests where id = ?", id).submitted_at)).toEqual(times);

    const firstRow = restoreRequestPage(db, { status: "pending", limit: 100 }).rows.find((row) => row.id === ids[0])!;
    expect(firstRow).toMatchObject({ requester: "link_owner", verdict: { level: "L3", category: "fraud_scam" } });
    expect(firstRow.caseId).toBeGreaterThan(0);

    review(senior, ids[0]!, "approve", later(20 * DAY_MS));
    review(senior, ids[1]!, "approve", later(20 * DAY_MS));
    const approved = restoreRequestPage(db, { status: "approved", limit: 100 }).rows;
    const submitted = approved.map((row) => row.submittedAt);
    expect(submitted).toEqual([...submitted].sort().reverse());
    expect(approved.find((row) => row.id === ids[0])).toMatchObject({ reviewerName: senior.name, reviewNote: "Checked the page: the form is gone." });
  });

  it("reads each status page through the status index", () => {
    const plan = all<{ detail: string }>(
      "explain query plan select id from restore_requests where status = 'pending' and (submitted_at > ? or (submitted_at = ? and id > ?)) order by submitted_at, id limit 21",
      now.toISOString(),
      now.toISOString(),
      1,
    ).map((row) => row.detail);
    expect(plan.join("\n")).toContain("restore_requests_status_idx");
    expect(plan.join("\n")).not.toContain("TEMP B-TREE");
  });
});

describe("the portal action", () => {
  const form = (url: string, overrides: Record<string, string> = {}) => ({
    url,
    requester: "link_owner",
    contact: "owner@shop.example",
    explanation: "We removed the fake prize banner and the card form.",
    ...overrides,
  });
  const origin = { ip: "203.0.113.77", visitorId: "restore-visitor-0123456789" };

  it("answers the form with the domain's own field errors, and limits requests per address", async () => {
    const refused = await submitPortalRestore.run(null, form("https://nowhere.example/x", { contact: "", explanation: "short" }), "portal-1", { ...origin, ip: "203.0.113.1" });
    expect(refused).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { contact: ["restore.errors.contact"], explanation: ["restore.errors.explanationLength"] },
    });

    const results = [];
    for (let i = 0; i < 6; i += 1) {
      const url = freshUrl("rate-limited.example");
      blockLink(moderator, url);
      results.push(await submitPortalRestore.run(null, form(url), `portal-rate-${i}`, origin));
    }
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(results[5]).toMatchObject({ ok: false, code: "rate_limited", message: "restore.errors.rateLimited" });
    const first = results[0]!;
    if (!first.ok) throw new Error("unreachable");
    expect(one("select source, api_client_id from restore_requests where tracking_code = ?", first.data.trackingCode)).toEqual({ source: "portal", api_client_id: null });
  });
});
