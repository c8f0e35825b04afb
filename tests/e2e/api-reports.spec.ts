// The complaint API over real HTTP against the built server: every status code it can answer.
import { expect, test } from "@playwright/test";

const auth = { authorization: "Bearer ld_demo_client_key" };
const run = Date.now();
let n = 0;
const body = (overrides: Record<string, unknown> = {}) => ({
  url: `https://v.douyin.com/api-${run}-${++n}/?utm_source=wechat`,
  category: "fraud_scam",
  scene: "group",
  reporterId: `api-test-user-${run}-${n}`,
  ...overrides,
});

test("201 files a complaint and answers with the canonical link, platform and tracking code", async ({ request }) => {
  const sent = body({ description: "假红包，点了要填手机号" });
  const response = await request.post("/api/v1/reports", { headers: auth, data: sent });
  expect(response.status()).toBe(201);
  const receipt = await response.json();
  expect(receipt).toMatchObject({
    canonicalUrl: sent.url.replace("?utm_source=wechat", ""),
    registrableDomain: "douyin.com",
    platform: { name: "Douyin" },
    status: "received",
  });
  expect(receipt.trackingCode).toMatch(/^LD-[2-9A-HJ-NP-Z]{8}$/);
  expect(Number.isInteger(receipt.id) && Number.isInteger(receipt.caseId)).toBe(true);

  const status = await request.get(`/api/v1/reports/${receipt.id}`, { headers: auth });
  expect(status.status()).toBe(200);
  expect(await status.json()).toMatchObject({ id: receipt.id, category: "fraud_scam", scene: "group", status: "received", outcome: null });
});

test("200 gives a reporter who already reported the link their earlier report", async ({ request }) => {
  const sent = body();
  const first = await (await request.post("/api/v1/reports", { headers: auth, data: sent })).json();
  const again = await request.post("/api/v1/reports", { headers: auth, data: { ...sent, url: `${sent.url}&spm=a.b.c` } });
  expect(again.status()).toBe(200);
  expect((await again.json()).id).toBe(first.id);
});

test("an Idempotency-Key makes a retry return the first answer, not a second report", async ({ request }) => {
  const key = `retry-${run}`;
  const first = await request.post("/api/v1/reports", { headers: { ...auth, "idempotency-key": key }, data: body() });
  expect(first.status()).toBe(201);
  const retry = await request.post("/api/v1/reports", { headers: { ...auth, "idempotency-key": key }, data: body() });
  expect(retry.status()).toBe(201);
  expect(retry.headers()["idempotent-replayed"]).toBe("true");
  expect(await retry.json()).toEqual(await first.json());

  const bad = await request.post("/api/v1/reports", { headers: { ...auth, "idempotency-key": "has spaces in it" }, data: body() });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("invalid_header");
});

test("400 for malformed JSON, oversized bodies and invalid fields, each named", async ({ request }) => {
  const malformed = await request.post("/api/v1/reports", { headers: { ...auth, "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.code).toBe("malformed_json");

  const huge = await request.post("/api/v1/reports", { headers: auth, data: body({ description: "x".repeat(17_000) }) });
  expect(huge.status()).toBe(400);
  expect((await huge.json()).error.code).toBe("body_too_large");

  const invalid = await request.post("/api/v1/reports", {
    headers: auth,
    data: { url: 42, category: "spam-ish", scene: "elevator", reporterId: "", extra: true },
  });
  expect(invalid.status()).toBe(400);
  const { error } = await invalid.json();
  expect(error.code).toBe("invalid_request");
  expect(Object.keys(error.fields).sort()).toEqual(["category", "extra", "reporterId", "scene", "url"]);
  expect(error.fields.category[0]).toBe("Choose a reason from the list.");

  const scheme = await request.post("/api/v1/reports", { headers: auth, data: body({ url: "javascript:alert(document.cookie)" }) });
  expect(scheme.status()).toBe(400);
  expect((await scheme.json()).error.fields.url).toEqual(["Only web links (http or https) can be reported."]);

  const longDescription = await request.post("/api/v1/reports", { headers: auth, data: body({ description: "长".repeat(501) }) });
  expect(longDescription.status()).toBe(400);
  expect((await longDescription.json()).error.fields.description).toEqual(["At most 500 characters."]);
});

test("401 without a valid key, 404 for reports of other clients or none, 400 for a bad id, 405 for other methods", async ({ request }) => {
  expect((await request.post("/api/v1/reports", { data: body() })).status()).toBe(401);
  expect((await request.get("/api/v1/reports/1", { headers: { authorization: "Bearer nope" } })).status()).toBe(401);
  expect((await request.get("/api/v1/reports/999999999", { headers: auth })).status()).toBe(404);
  expect((await request.get("/api/v1/reports/abc", { headers: auth })).status()).toBe(400);
  const method = await request.delete("/api/v1/reports", { headers: auth });
  expect(method.status()).toBe(405);
  expect(method.headers().allow).toBe("POST");
});

test("429 with Retry-After when one reporter files too many complaints in a minute", async ({ request }) => {
  const reporterId = `busy-reporter-${run}`;
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 0; i < 11; i += 1) {
    const response = await request.post("/api/v1/reports", { headers: auth, data: body({ reporterId }) });
    statuses.push(response.status());
    retryAfter ??= response.headers()["retry-after"];
  }
  expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
  expect(statuses[10]).toBe(429);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
});

test("the OpenAPI 3.1 document describes the API from the validating schemas", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const doc = await response.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/reports", "/api/v1/reports/{id}", "/api/v1/health"]));
  const request_ = doc.components.schemas.ReportRequest;
  expect(request_.required).toEqual(expect.arrayContaining(["url", "category", "scene", "reporterId"]));
  expect(request_.properties.category.enum).toContain("fraud_scam");
  expect(request_.properties.description.maxLength).toBe(500);
  expect(request_.additionalProperties).toBe(false);
  expect(doc.paths["/api/v1/reports"].post.responses).toHaveProperty("429");
});
