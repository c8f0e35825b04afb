// Restore requests end to end against the built server: the public form in English and Chinese, the
// client API's statuses over real HTTP, and a senior moderator approving a request in the console
// until the verdict API answers allow. The blocks are real decisions: a complaint through the API,
// then decideCase as the demo senior moderator on the server's own database file.
import { type APIRequestContext, expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { cases, users } from "@/db/schema";
import { toActor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { openSqlite, wrap } from "@/lib/db/open";
import { e2eDatabaseFile } from "./paths";
import { demoLogins, readDatabase, signIn } from "./support";

const auth = { authorization: "Bearer ld_demo_client_key" };
const run = Date.now();
const explanation = "We removed the fake prize form and the page now shows only our product catalogue.";

/** A link blocked at L3 by a real decision; returns the link as a user would paste it. */
async function blockedLink(request: APIRequestContext, label: string): Promise<string> {
  const url = `https://restore-${label}-${run}.top/prize?from=groupmessage`;
  const filed = await request.post("/api/v1/reports", {
    headers: auth,
    data: { url, category: "fraud_scam", scene: "group", reporterId: `restore-e2e-${label}-${run}` },
  });
  expect(filed.status()).toBe(201);
  const { caseId } = (await filed.json()) as { caseId: number };
  const sqlite = openSqlite(e2eDatabaseFile);
  try {
    const db = wrap(sqlite);
    const senior = toActor(db.select().from(users).where(eq(users.email, demoLogins.senior)).get()!);
    const { version } = db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId)).get()!;
    decideCase(db, senior, {
      caseId,
      caseVersion: version,
      outcome: "violation",
      category: "fraud_scam",
      level: "L3",
      durationHours: null,
      rationale: "Fake prize page that asks for bank card numbers.",
      publicNote: "Blocked after review.",
    });
  } finally {
    sqlite.close();
  }
  return url;
}

async function verdictOf(request: APIRequestContext, url: string) {
  const response = await request.get(`/api/v1/links/verdict?url=${encodeURIComponent(url)}`, { headers: auth });
  expect(response.status()).toBe(200);
  return (await response.json()) as { verdict: string; level: string };
}

test("a link owner asks on the portal in English, is told what is missing, and follows the request by code", async ({ page, request }) => {
  const url = await blockedLink(request, "portal-en");
  await page.goto("/report/restore");
  await expect(page.getByRole("heading", { name: "Ask to restore a blocked link" })).toBeVisible();

  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Paste the link you want restored.")).toBeVisible();
  await expect(page.getByText("Choose who is asking.")).toBeVisible();
  await expect(page.getByText("Enter an email address or a phone number.")).toBeVisible();
  await expect(page.getByText("Describe what you fixed in 20 to 2,000 characters.")).toBeVisible();

  await page.getByLabel("The restricted link").fill(url);
  await page.getByRole("radio", { name: "I own the linked page" }).check();
  await page.getByLabel("Email or phone").fill("owner@restore-shop.example");
  await page.getByLabel("What did you fix?").fill(explanation);
  await expect(page.getByText(`${explanation.length} / 2000 characters`)).toBeVisible();
  await page.screenshot({ path: "test-results/restore-portal-en.png", fullPage: true });
  await page.getByRole("button", { name: "Send request" }).click();

  const receipt = page.getByTestId("restore-receipt");
  await expect(receipt).toContainText("Your request has been received");
  await expect(receipt).toContainText("Restriction it asks to lift: Link blocked");
  const code = (await page.getByTestId("tracking-code").textContent())!.trim();
  expect(code).toMatch(/^LD-[2-9A-HJ-NP-Z]{8}$/);
  const stored = readDatabase((db) => db.prepare("select source, requester, contact, status from restore_requests where tracking_code = ?").get(code));
  expect(stored).toEqual({ source: "portal", requester: "link_owner", contact: "owner@restore-shop.example", status: "pending" });

  await page.getByRole("link", { name: "Follow this request" }).click();
  await expect(page).toHaveURL(new RegExp(`/report/restore/status/${code}$`));
  await expect(page.getByRole("heading", { name: "Restore request status" })).toBeVisible();
  await expect(page.getByTestId("restore-status")).toHaveText("Waiting for review");
  await expect(page.locator('[aria-current="step"]')).toHaveText("Received");
  await expect(page.getByText(url.split("?")[0]!)).toBeVisible();

  // A second request for the same verdict waits for the first.
  await page.goto("/report/restore");
  await page.getByLabel("The restricted link").fill(url);
  await page.getByRole("radio", { name: "We are the platform that hosts it" }).check();
  await page.getByLabel("Email or phone").fill("+86 10 8888 6666");
  await page.getByLabel("What did you fix?").fill(explanation);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("A restore request for this link is already waiting for review.", { exact: false })).toBeVisible();
  expect(readDatabase((db) => (db.prepare("select count(*) as n from restore_requests where raw_url = ?").get(url) as { n: number }).n)).toBe(1);

  // The lookup form finds it; an unknown code says so.
  await page.getByLabel("Already sent a request? Enter your tracking code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Show status" }).click();
  await expect(page.getByRole("heading", { name: "Restore request status" })).toBeVisible();
  await page.goto("/report/restore/status/LD-ZZZZZZZZ");
  await expect(page.getByTestId("status-unknown")).toContainText("No restore request with this code");
});

test("a platform asks in Chinese: unknown links are refused in Chinese, a blocked one gets a code", async ({ page, request }) => {
  const url = await blockedLink(request, "portal-zh");
  await page.goto("/report/restore");
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("heading", { name: "申请恢复被拦截的链接" })).toBeVisible();

  await page.getByLabel("受限的链接").fill(`https://never-reported-${run}.example/page`);
  await page.getByRole("radio", { name: "我们是托管该网页的平台" }).check();
  await page.getByLabel("邮箱或电话").fill("+86 138 0013 8000");
  await page.getByLabel("你整改了什么？").fill("已删除诱导填写银行卡信息的抽奖表单，页面现在只展示商品目录。");
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByText("我们没有该链接的记录。请检查是否原样粘贴了受限的链接。")).toBeVisible();

  await page.getByLabel("受限的链接").fill(url);
  await page.screenshot({ path: "test-results/restore-portal-zh.png", fullPage: true });
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByTestId("restore-receipt")).toContainText("我们已收到你的申请");
  await expect(page.getByTestId("restore-receipt")).toContainText("申请解除的限制：拦截链接");
  const code = (await page.getByTestId("tracking-code").textContent())!.trim();

  await page.getByRole("link", { name: "查看申请进度" }).click();
  await expect(page.getByRole("heading", { name: "恢复申请进度" })).toBeVisible();
  await expect(page.getByTestId("restore-status")).toHaveText("等待审核");
  await expect(page.getByText("我们是托管该网页的平台")).toBeVisible();
  expect(readDatabase((db) => db.prepare("select requester from restore_requests where tracking_code = ?").get(code))).toEqual({ requester: "platform" });
});

test("the client API: 201, 400 per field, 422 when nothing is restricted, 409 while pending, and status for its own requests only", async ({ request }) => {
  const url = await blockedLink(request, "api");
  const body = { url, requester: "platform", contact: "trust@platform.example", explanation };

  const invalid = await request.post("/api/v1/restore-requests", { headers: auth, data: { url, requester: "someone", contact: "nope", explanation: "short", extra: 1 } });
  expect(invalid.status()).toBe(400);
  const fields = (await invalid.json()).error.fields;
  expect(fields).toMatchObject({
    requester: ["Choose who is asking."],
    contact: ["Enter an email address or a phone number."],
    explanation: ["Describe what you fixed in 20 to 2,000 characters."],
    extra: ["Unknown field"],
  });
  const notWeb = await request.post("/api/v1/restore-requests", { headers: auth, data: { ...body, url: "ftp://files.example/x" } });
  expect(notWeb.status()).toBe(400);
  expect((await notWeb.json()).error.fields.url).toEqual(["Only web links (http or https) can be reported."]);
  const unauthenticated = await request.post("/api/v1/restore-requests", { data: body });
  expect(unauthenticated.status()).toBe(401);

  const unknown = await request.post("/api/v1/restore-requests", { headers: auth, data: { ...body, url: `https://never-reported-${run}.example/` } });
  expect(unknown.status()).toBe(422);
  expect((await unknown.json()).error).toMatchObject({ code: "nothing_to_restore", message: "We have no record of this link. Check that you pasted the restricted link exactly." });

  const created = await request.post("/api/v1/restore-requests", { headers: auth, data: body });
  expect(created.status()).toBe(201);
  const receipt = await created.json();
  expect(receipt).toMatchObject({ status: "pending", canonicalUrl: url.split("?")[0], verdict: { level: "L3", category: "fraud_scam" } });
  expect(receipt.trackingCode).toMatch(/^LD-[2-9A-HJ-NP-Z]{8}$/);

  const again = await request.post("/api/v1/restore-requests", { headers: auth, data: { ...body, url: `${url}&utm_source=wechat` } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe("already_pending");

  const status = await request.get(`/api/v1/restore-requests/${receipt.trackingCode}`, { headers: auth });
  expect(status.status()).toBe(200);
  expect(await status.json()).toMatchObject({
    trackingCode: receipt.trackingCode,
    status: "pending",
    requester: "platform",
    reviewedAt: null,
    outcome: null,
    message: "The request is waiting for review by a senior moderator.",
  });
  const lower = await request.get(`/api/v1/restore-requests/${receipt.trackingCode.toLowerCase()}`, { headers: auth });
  expect(lower.status()).toBe(200);

  // A request filed on the portal belongs to no client: the API does not show it.
  const portalCode = readDatabase((db) => db.prepare("select tracking_code as c from restore_requests where source = 'portal' limit 1").get() as { c: string } | undefined)?.c;
  if (portalCode) expect((await request.get(`/api/v1/restore-requests/${portalCode}`, { headers: auth })).status()).toBe(404);
  expect((await request.get("/api/v1/restore-requests/LD-ZZZZZZZZ", { headers: auth })).status()).toBe(404);
  expect((await request.get("/api/v1/restore-requests/not-a-code", { headers: auth })).status()).toBe(400);

  const openapi = await (await request.get("/api/v1/openapi.json")).json();
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/api/v1/restore-requests", "/api/v1/restore-requests/{trackingCode}"]));
  expect(openapi.components.schemas.RestoreRequest.required).toEqual(expect.arrayContaining(["url", "requester", "contact", "explanation"]));
});

test("a senior moderator approves a restore request and the verdict API answers allow", async ({ page, request }) => {
  const url = await blockedLink(request, "approve");
  expect(await verdictOf(request, url)).toMatchObject({ verdict: "block", level: "L3" });
  const created = await request.post("/api/v1/restore-requests", {
    headers: auth,
    data: { url, requester: "link_owner", contact: "owner@approve.example", explanation },
  });
  expect(created.status()).toBe(201);
  const { trackingCode } = await created.json();

  // A moderator sees the request but cannot review it.
  await signIn(page, demoLogins.moderator);
  await page.goto("/restore-requests");
  await expect(page.getByTestId(`restore-${trackingCode}`)).toBeVisible();
  await expect(page.getByTestId(`restore-${trackingCode}`).getByRole("button", { name: "Approve…" })).toHaveCount(0);
  await page.getByRole("button", { name: /^(Sign out|退出登录)$/ }).click();

  await signIn(page, demoLogins.senior);
  await page.goto("/restore-requests");
  await expect(page.getByTestId("tab-pending")).toHaveAttribute("aria-current", "page");
  const card = page.getByTestId(`restore-${trackingCode}`);
  await expect(card).toContainText(url.split("?")[0]!);
  await expect(card).toContainText("L3 Link blocked · Fraud");
  await expect(card.getByTestId("verdict-state")).toHaveText("In force");
  await expect(card).toContainText(explanation);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/restore-console.png", fullPage: true });

  // The note is required, and the approval waits for a confirmation.
  await card.getByRole("button", { name: "Approve…" }).click();
  await card.getByRole("button", { name: "Approve and lift L3 Link blocked" }).click();
  await expect(card.getByText("Write a note of at least 10 characters.")).toBeVisible();
  expect(readDatabase((db) => db.prepare("select status from restore_requests where tracking_code = ?").get(trackingCode))).toEqual({ status: "pending" });

  await card.getByLabel("Review note").fill("Checked the page: the prize form is gone.");
  await card.screenshot({ path: "test-results/restore-console-confirm.png" });
  await card.getByRole("button", { name: "Approve and lift L3 Link blocked" }).click();
  await expect(card.getByTestId("review-done")).toHaveText("Approved: the verdict was lifted.");

  expect(await verdictOf(request, url)).toMatchObject({ verdict: "allow", level: "L0" });
  const status = await (await request.get(`/api/v1/restore-requests/${trackingCode}`, { headers: auth })).json();
  expect(status).toMatchObject({ status: "approved", outcome: "lifted", message: "The request was approved: the restriction on this link has been lifted." });
  expect(JSON.stringify(status)).not.toContain("prize form is gone");
  const events = readDatabase((db) =>
    db.prepare("select action from audit_events where target_type in ('verdict', 'restore_request') and at = (select reviewed_at from restore_requests where tracking_code = ?) order by seq").all(trackingCode),
  );
  expect(events).toEqual([{ action: "verdict.lifted" }, { action: "restore.reviewed" }]);

  await page.getByTestId("tab-approved").click();
  await expect(page.getByTestId(`restore-${trackingCode}`)).toContainText("Checked the page: the prize form is gone.");
  await expect(page.getByTestId(`restore-${trackingCode}`).getByTestId("verdict-state")).toHaveText("Lifted");
});
