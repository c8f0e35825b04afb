// The client API over real HTTP against the built server.
import { expect, test } from "@playwright/test";

const demoKey = "ld_demo_client_key";

test("health reports the version and a migrated database, without a key", async ({ request }) => {
  const response = await request.get("/api/v1/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", version: "0.1.0", database: { status: "ok" } });
  expect(body.database.migrations).toBeGreaterThanOrEqual(2);
});

test("client routes need a valid key", async ({ request }) => {
  const none = await request.get("/api/v1/client");
  expect(none.status()).toBe(401);
  expect(none.headers()["www-authenticate"]).toContain("Bearer");
  expect((await none.json()).error.code).toBe("unauthorized");

  const wrong = await request.get("/api/v1/client", { headers: { authorization: "Bearer ld_not_a_key" } });
  expect(wrong.status()).toBe(401);

  const ok = await request.get("/api/v1/client", { headers: { authorization: `Bearer ${demoKey}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).client.name).toBe("Demo chat app");
});

test("unknown routes and methods get JSON errors", async ({ request }) => {
  const missing = await request.get("/api/v1/nope");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("not_found");
  const method = await request.post("/api/v1/health");
  expect(method.status()).toBe(405);
  expect(method.headers()["allow"]).toBe("GET");
});

test("the console answers beside the API on the same port", async ({ request }) => {
  const login = await request.get("/login");
  expect(login.status()).toBe(200);
  expect(await login.text()).toContain("Linkdesk");
});
