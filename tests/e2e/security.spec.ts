import { expect, test } from "@playwright/test";
import { demoLogins, readDatabase, signIn } from "./support";

test("pages carry a nonce-based content security policy, frame denial and no-sniff", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-powered-by"]).toBeUndefined();
  // A fresh nonce each time.
  const again = (await request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
});

test("the app runs under its own policy: no CSP violations while signing in and browsing", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  await signIn(page, demoLogins.admin);
  await page.getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { name: "Staff", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("heading", { name: "员工", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByRole("heading", { name: "Staff", exact: true })).toBeVisible();
  expect(violations).toEqual([]);
});

test("server actions are accepted from the app's own origin only", async ({ page, request, baseURL }) => {
  await signIn(page, demoLogins.auditor);
  const localeOf = () =>
    readDatabase((db) => (db.prepare("select locale from users where email = ?").get(demoLogins.auditor) as { locale: string }).locale);

  // Capture a real server action request: the language switch saving "zh" on the account.
  const [actionRequest] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    page.getByRole("button", { name: "Switch language" }).click(),
  ]);
  await expect(page.getByRole("button", { name: "切换语言" })).toBeVisible();
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByRole("button", { name: "Switch language" })).toBeVisible();
  expect(localeOf()).toBe("en");

  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const replay = (origin: string) =>
    request.post(actionRequest.url(), {
      headers: { ...actionRequest.headers(), origin, cookie: cookies },
      data: actionRequest.postData() ?? "",
    });

  const forged = await replay("https://evil.example");
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect(localeOf()).toBe("en");

  // The same request from the app's own origin goes through, so the refusal above was the origin's.
  const genuine = await replay(new URL(baseURL!).origin);
  expect(genuine.status()).toBe(200);
  expect(localeOf()).toBe("zh");
  await page.reload();
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByRole("button", { name: "Switch language" })).toBeVisible();
});
