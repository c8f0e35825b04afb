// The notices API in process, over real HTTP on a loopback port: a platform's own client lists and
// answers its notices; every refusal has its status and writes nothing. Also: how a client comes to
// act for a platform.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import { handleApiRequest } from "@/lib/api/handle-request";
import { createApiClientAction } from "@/lib/api-clients/actions/create-api-client";
import { createApiClient, listApiClients } from "@/lib/api-clients/api-clients";
import type { Actor } from "@/lib/auth/actor";
import { databaseDump, refusedWithoutWrites, testDatabase } from "./support/database";
import { platformWithDomain, violationWithNotice } from "./support/notices";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;

let admin: Actor;
let shop: number;
let shopKey: string;
let plainKey: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  await seedDemo(db, { now: new Date() });
  admin = await makeStaff("admin");
  shop = platformWithDomain("api-notice-shop", "api-notice-shop-test.com");
  platformWithDomain("api-other-shop", "api-other-shop-test.com");
  shopKey = createApiClient(db, { actorId: admin.id }, { name: "Shop's own app", requestsPerMinute: 1000, platformId: shop }).key;
  plainKey = createApiClient(db, { actorId: admin.id }, { name: "Chat app", requestsPerMinute: 1000 }).key;
  server = http.createServer((req, res) => void handleApiRequest(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

type Notice = { id: number; platformId: number; caseId: number; canonicalUrl: string; state: string; deadlineAt: string; answeredAt: string | null };
type Body = Partial<Notice> & {
  error?: { code: string; fields?: Record<string, string[]> };
  client?: { name: string; platformId: number | null };
  notices?: Notice[];
  nextAfter?: number | null;
};
type OpenApi = { paths: Record<string, { post?: { responses: Record<string, unknown> } }>; components: { schemas: Record<string, unknown> } };

async function call(method: "GET" | "POST", path: string, key: string | null, body?: unknown) {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Body };
}

describe("API clients acting for a platform", () => {
  it("records the platform, audits it, lists it, and the key's client knows it", async () => {
    const result = await createApiClientAction.run(admin, { name: "Douyin ops", requestsPerMinute: "60", platformId: String(shop) });
    expect(result.ok).toBe(true);
    const id = (result as { data: { id: number } }).data.id;
    expect(one("select platform_id from api_clients where id = ?", id)).toEqual({ platform_id: shop });
    const event = one<{ action: string; after: string }>("select action, after from audit_events order by seq desc limit 1");
    expect(event.action).toBe("api_client.created");
    expect(JSON.parse(event.after)).toMatchObject({ name: "Douyin ops", platformId: shop });
    expect(listApiClients(db).find((c) => c.id === id)).toMatchObject({ platformId: shop, platformName: "Shop api-notice-shop" });

    const me = await call("GET", "/api/v1/client", shopKey);
    expect(me.body.client).toMatchObject({ name: "Shop's own app", platformId: shop });
    expect((await call("GET", "/api/v1/client", plainKey)).body.client).toMatchObject({ platformId: null });
  });

  it("without a platform (the form's empty choice) stays a plain client", async () => {
    const result = await createApiClientAction.run(admin, { name: "Plain", requestsPerMinute: "60", platformId: "" });
    expect(result.ok).toBe(true);
    expect(one("select platform_id from api_clients where name = 'Plain'")).toEqual({ platform_id: null });
  });

  it("refuses an unknown platform or independent sites, writing nothing", async () => {
    const independent = one<{ id: number }>("select id from platforms where is_independent = 1").id;
    for (const platformId of [999_999, independent]) {
      expect(refusedWithoutWrites(() => createApiClient(db, { actorId: admin.id }, { name: "Bad", requestsPerMinute: 60, platformId }))).toMatchObject({
        code: "invalid",
        fieldErrors: { platformId: ["apiClients.errors.platformInvalid"] },
      });
    }
    const before = databaseDump();
    expect(await createApiClientAction.run(admin, { name: "Bad", requestsPerMinute: "60", platformId: "shop" })).toMatchObject({
      ok: false,
      fieldErrors: { platformId: ["validation.invalid"] },
    });
    expect(databaseDump()).toBe(before);
  });
});

describe("POST /api/v1/notices/{id}/response", () => {
  it("200 records the answer and says it came on time", async () => {
    const { noticeId, caseId } = await violationWithNotice("api-notice-shop-test.com");
    const answered = await call("POST", `/api/v1/notices/${noticeId}/response`, shopKey, { answer: "Listing removed, seller warned." });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ id: noticeId, platformId: shop, caseId, state: "answered_on_time", onTime: true, answer: "Listing removed, seller warned." });
    expect(Date.parse(answered.body.answeredAt!)).toBeLessThanOrEqual(Date.parse(answered.body.deadlineAt!));
    const row = one<{ answered_by_client_id: number; answer: string }>("select answered_by_client_id, answer from rectification_notices where id = ?", noticeId);
    expect(row.answer).toBe("Listing removed, seller warned.");
    expect(row.answered_by_client_id).toBe(one<{ id: number }>("select id from api_clients where name = ?", "Shop's own app").id);
    const event = one<{ action: string; request_id: string }>("select action, request_id from audit_events order by seq desc limit 1");
    expect(event.action).toBe("notice.answered");
    expect(event.request_id).toMatch(/^[0-9a-f]{12}-[0-9a-z]+$/); // process prefix and counter (lib/api/handle-request.ts)
  });

  it("200 with onTime false for an answer after the deadline", async () => {
    const { noticeId } = await violationWithNotice("api-notice-shop-test.com", { at: new Date(Date.now() - 25 * 3_600_000) });
    const answered = await call("POST", `/api/v1/notices/${noticeId}/response`, shopKey, { answer: "Sorry, late." });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ onTime: false, state: "answered_late" });
  });

  it("refuses with 400, 401, 403, 404 and 409, writing nothing", async () => {
    const { noticeId } = await violationWithNotice("api-notice-shop-test.com");
    const { noticeId: othersNotice } = await violationWithNotice("api-other-shop-test.com");
    const before = databaseDump();
    const post = (id: string | number, key: string | null, body: unknown = { answer: "Fixed." }) => call("POST", `/api/v1/notices/${id}/response`, key, body);

    expect((await post(noticeId, null)).status).toBe(401);
    expect(await post(noticeId, plainKey)).toMatchObject({ status: 403, body: { error: { code: "not_a_platform_client" } } });
    for (const id of ["0", "abc", "1e3", "-4"]) expect((await post(id, shopKey)).status, id).toBe(400);
    expect(await post(noticeId, shopKey, "{not json")).toMatchObject({ status: 400, body: { error: { code: "malformed_json" } } });
    expect(await post(noticeId, shopKey, {})).toMatchObject({ status: 400, body: { error: { fields: { answer: ["Required."] } } } });
    expect(await post(noticeId, shopKey, { answer: "  " })).toMatchObject({ status: 400, body: { error: { fields: { answer: ["Required."] } } } });
    expect(await post(noticeId, shopKey, { answer: "x".repeat(2001) })).toMatchObject({ status: 400, body: { error: { fields: { answer: ["Too long."] } } } });
    expect(await post(noticeId, shopKey, { answer: "ok", extra: 1 })).toMatchObject({ status: 400, body: { error: { fields: { extra: ["Unknown field"] } } } });
    expect(await post(999_999, shopKey)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(await post(othersNotice, shopKey)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(databaseDump()).toBe(before);

    expect((await post(noticeId, shopKey)).status).toBe(200);
    const afterAnswer = databaseDump();
    expect(await post(noticeId, shopKey, { answer: "Again." })).toMatchObject({ status: 409, body: { error: { code: "already_answered" } } });
    expect(databaseDump()).toBe(afterAnswer);
  });
});

describe("GET /api/v1/notices", () => {
  it("lists the platform's own notices by state, paged with after", async () => {
    const listed = platformWithDomain("api-listed-shop", "api-listed-shop-test.com");
    const key = createApiClient(db, { actorId: admin.id }, { name: "Listed shop app", requestsPerMinute: 1000, platformId: listed }).key;
    const overdue = await violationWithNotice("api-listed-shop-test.com", { at: new Date(Date.now() - 30 * 3_600_000) });
    const open = await violationWithNotice("api-listed-shop-test.com");
    const answered = await violationWithNotice("api-listed-shop-test.com");
    await call("POST", `/api/v1/notices/${answered.noticeId}/response`, key, { answer: "Done." });
    await violationWithNotice("api-notice-shop-test.com"); // another platform's

    const all = await call("GET", "/api/v1/notices", key);
    expect(all.status).toBe(200);
    expect(all.body.notices!.map((n) => n.id)).toEqual([overdue.noticeId, open.noticeId, answered.noticeId]);
    expect(all.body.nextAfter).toBeNull();
    expect(all.body.notices![0]).toMatchObject({ platformId: listed, caseId: overdue.caseId, category: "fraud_scam", level: "L3", state: "overdue", answeredAt: null, onTime: null });
    expect(all.body.notices![0]!.canonicalUrl).toContain("api-listed-shop-test.com");

    const ids = async (query: string) => (await call("GET", `/api/v1/notices${query}`, key)).body.notices!.map((n) => n.id);
    expect(await ids("?state=open")).toEqual([open.noticeId]);
    expect(await ids("?state=overdue")).toEqual([overdue.noticeId]);
    expect(await ids("?state=answered")).toEqual([answered.noticeId]);
    const first = await call("GET", "/api/v1/notices?limit=2", key);
    expect(first.body.notices).toHaveLength(2);
    expect(first.body.nextAfter).toBe(open.noticeId);
    expect(await ids(`?limit=2&after=${first.body.nextAfter}`)).toEqual([answered.noticeId]);

    expect(await call("GET", "/api/v1/notices?state=late", key)).toMatchObject({ status: 400, body: { error: { fields: { state: ["Use open, overdue or answered"] } } } });
    for (const query of ["?after=x", "?limit=0", "?limit=101", "?page=2"]) expect((await call("GET", `/api/v1/notices${query}`, key)).status, query).toBe(400);
    expect(await call("GET", "/api/v1/notices", plainKey)).toMatchObject({ status: 403, body: { error: { code: "not_a_platform_client" } } });
    expect((await call("GET", "/api/v1/notices", null)).status).toBe(401);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as OpenApi;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/notices", "/api/v1/notices/{id}/response"]));
    expect(doc.components.schemas.NoticeAnswer).toMatchObject({ required: ["answer"], properties: { answer: { type: "string", maxLength: 2000 } } });
    expect(Object.keys(doc.paths["/api/v1/notices/{id}/response"]!.post!.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404", "409"]));
  });
});
