// Rectification notices end to end, against the built server: a platform's own client (made in the
// admin pages) lists and answers its notices over the API with every status it can get, and a
// manager answers an overdue notice in the console, in English and Chinese.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { hoursAgo, noticeFor, platformWithoutNotices } from "./notice-fixtures";
import { repoRoot } from "./paths";
import { demoLogins, readDatabase, signIn, signOut } from "./support";

const run = Date.now();
/** Kept after the run (Playwright empties test-results/ when the next run starts), to look at. */
const screenshot = (name: string) => path.join(repoRoot, "tests/.tmp/screenshots", name);
const platformId = (slug: string) => readDatabase((db) => (db.prepare("select id from platforms where slug = ?").get(slug) as { id: number }).id);
type Notice = { id: number; platformId: number; caseId: number; state: string; onTime: boolean | null; answer: string | null };

test("a platform's own client, made in the admin pages, lists and answers its notices over the API", async ({ page, request }) => {
  const name = `Douyin rectification desk ${run}`;
  await signIn(page, demoLogins.admin);
  await page.goto("/admin/api-clients");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Acts for platform").selectOption({ label: "Douyin" });
  await page.getByRole("button", { name: "Create client" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByRole("link", { name: "Douyin" })).toBeVisible();
  // The demo client acts for no platform.
  await expect(page.getByRole("row", { name: /Demo chat app/ }).getByRole("cell").nth(3)).toHaveText("None");
  await page.screenshot({ path: screenshot("api-clients-en.png"), fullPage: true });
  await signOut(page);

  const douyin = platformId("douyin");
  const client = readDatabase((db) => db.prepare("select id, platform_id as platformId from api_clients where name = ?").get(name)) as { id: number; platformId: number };
  expect(client.platformId).toBe(douyin);
  const auth = { authorization: `Bearer ${key}` };
  const me = await request.get("/api/v1/client", { headers: auth });
  expect((await me.json()).client).toMatchObject({ name, platformId: douyin });

  const open = noticeFor("douyin");
  const overdue = noticeFor("douyin", hoursAgo(30));
  const jds = noticeFor("jd");
  const since = `after=${open.noticeId - 1}`;
  const ids = async (query: string) => {
    const response = await request.get(`/api/v1/notices?${query}`, { headers: auth });
    expect(response.status(), query).toBe(200);
    return ((await response.json()).notices as Notice[]).map((n) => n.id);
  };

  // Listing: its own notices only, by state, paged.
  expect(await ids(since)).toEqual([open.noticeId, overdue.noticeId]);
  expect(await ids(`state=open&${since}`)).toEqual([open.noticeId]);
  expect(await ids(`state=overdue&${since}`)).toEqual([overdue.noticeId]);
  const first = await (await request.get(`/api/v1/notices?${since}&limit=1`, { headers: auth })).json();
  expect(first).toMatchObject({ notices: [{ id: open.noticeId, platformId: douyin, caseId: open.caseId, state: "open", onTime: null }], nextAfter: open.noticeId });
  expect(first.notices[0].canonicalUrl).toBe(open.url);

  const listRefusals = [
    [await request.get("/api/v1/notices?state=late", { headers: auth }), 400, "invalid_request"],
    [await request.get("/api/v1/notices?after=first", { headers: auth }), 400, "invalid_request"],
    [await request.get("/api/v1/notices"), 401, "unauthorized"],
    [await request.get("/api/v1/notices", { headers: { authorization: "Bearer ld_demo_client_key" } }), 403, "not_a_platform_client"],
  ] as const;
  for (const [response, status, code] of listRefusals) {
    expect(response.status()).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  }

  // Answering: every refusal first, and none of them writes anything.
  const answered = () => readDatabase((db) => db.prepare("select count(*) as n from rectification_notices where answered_at is not null").get());
  const before = answered();
  const post = (id: number | string, data: unknown, headers: Record<string, string> = auth) =>
    request.post(`/api/v1/notices/${id}/response`, { headers, data });
  const refusals = [
    [await post(open.noticeId, { answer: "Fixed." }, {}), 401, "unauthorized"],
    [await post(open.noticeId, { answer: "Fixed." }, { authorization: "Bearer ld_demo_client_key" }), 403, "not_a_platform_client"],
    [await post("abc", { answer: "Fixed." }), 400, "invalid_request"],
    [await post(open.noticeId, "{not json"), 400, "malformed_json"],
    [await post(open.noticeId, { answer: "" }), 400, "invalid_request"],
    [await post(jds.noticeId, { answer: "Not ours." }), 404, "not_found"],
    [await post(999_999_999, { answer: "Fixed." }), 404, "not_found"],
  ] as const;
  for (const [response, status, code] of refusals) {
    expect(response.status()).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  }
  const empty = await post(open.noticeId, { answer: "   " });
  expect((await empty.json()).error.fields).toEqual({ answer: ["Required."] });
  expect(answered()).toEqual(before);

  const onTime = await post(open.noticeId, { answer: "Video taken down, account warned." });
  expect(onTime.status()).toBe(200);
  expect(await onTime.json()).toMatchObject({ id: open.noticeId, platformId: douyin, caseId: open.caseId, state: "answered_on_time", onTime: true });

  const again = await post(open.noticeId, { answer: "Again." });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe("already_answered");

  const late = await post(overdue.noticeId, { answer: "Removed, later than asked." });
  expect(late.status()).toBe(200);
  expect(await late.json()).toMatchObject({ id: overdue.noticeId, state: "answered_late", onTime: false, answer: "Removed, later than asked." });

  expect(await ids(`state=answered&${since}`)).toEqual([open.noticeId, overdue.noticeId]);
  expect(readDatabase((db) => db.prepare("select answered_by_client_id as c, answered_by_user_id as u from rectification_notices where id = ?").get(overdue.noticeId))).toEqual({ c: client.id, u: null });
});

test("a manager answers an overdue notice in the console and sees it answered late, in English and Chinese", async ({ page }) => {
  const jd = platformId("jd");
  const overdue = noticeFor("jd", hoursAgo(26));
  const manager = readDatabase((db) => db.prepare("select id, name from users where email = ?").get(demoLogins.manager)) as { id: number; name: string };
  await signIn(page, demoLogins.manager);

  // The platform's page lists it among the notices awaiting an answer.
  await page.goto(`/platforms/${jd}`);
  const waiting = page.getByTestId(`platform-notice-${overdue.noticeId}`);
  await expect(waiting).toContainText("Overdue");
  await page.getByRole("heading", { name: "Notices awaiting an answer" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot("platform-notices-en.png") });
  await page.getByRole("link", { name: "All notices of this platform" }).click();
  await expect(page).toHaveURL(new RegExp(`/notices\\?platform=${jd}$`));

  await page.getByTestId("notices-tab-overdue").click();
  await expect(page).toHaveURL(new RegExp(`/notices\\?state=overdue&platform=${jd}$`));
  await expect(page.getByTestId("notices-tab-overdue")).toHaveAttribute("aria-current", "page");
  const row = page.getByTestId(`notice-${overdue.noticeId}`);
  await expect(row).toContainText("Overdue");
  await expect(row.getByRole("link", { name: `Case #${overdue.caseId}` })).toHaveAttribute("href", `/cases/${overdue.caseId}`);
  await expect(row).toContainText("Fraud or scam");

  await row.getByText("Answer for the platform").click();
  await row.getByRole("button", { name: "Record answer" }).click();
  await expect(row.getByText("Required.")).toBeVisible();
  await row.screenshot({ path: screenshot("answer-refused-en.png") });
  await row.getByLabel("The platform's answer").fill("JD removed the listing and warned the seller.");
  await row.getByRole("button", { name: "Record answer" }).click();
  // Answered, it leaves the overdue view…
  await expect(row).toHaveCount(0);
  // …and is shown answered late, with the answer and who recorded it.
  await page.getByTestId("notices-tab-answered_late").click();
  await expect(page).toHaveURL(new RegExp(`/notices\\?state=answered_late&platform=${jd}$`));
  await expect(row).toContainText("Answered late");
  await expect(row).toContainText("JD removed the listing and warned the seller.");
  await expect(row).toContainText(`Recorded by ${manager.name} on the platform's behalf`);
  await expect(row.getByRole("button", { name: "Record answer" })).toHaveCount(0);
  expect(readDatabase((db) => db.prepare("select answered_by_user_id as u, answered_at > deadline_at as late from rectification_notices where id = ?").get(overdue.noticeId))).toEqual({ u: manager.id, late: 1 });

  await page.goto("/notices");
  await page.screenshot({ path: screenshot("notices-en.png") });

  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("heading", { name: "整改通知" })).toBeVisible();
  await page.goto(`/notices?state=answered_late&platform=${jd}`);
  await expect(row).toContainText("逾期答复");
  await expect(row).toContainText(`由 ${manager.name} 代平台录入`);
  await page.goto("/notices");
  await page.screenshot({ path: screenshot("notices-zh.png") });
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByRole("heading", { name: "Rectification notices" })).toBeVisible();
});

test("only managers get the answer form; others see the notice awaiting an answer", async ({ page }) => {
  const open = noticeFor("jd");
  await signIn(page, demoLogins.auditor);
  await page.goto(`/notices?state=open&platform=${platformId("jd")}`);
  const row = page.getByTestId(`notice-${open.noticeId}`);
  await expect(row).toContainText("Awaiting the platform's answer");
  await expect(row.getByRole("textbox")).toHaveCount(0);
  await expect(row.getByRole("button")).toHaveCount(0);
});

test("a platform without notices gets an empty state that says why", async ({ page }) => {
  const quiet = platformWithoutNotices(`quiet-${run}`);
  await signIn(page, demoLogins.moderator);
  await page.goto(`/notices?platform=${quiet}`);
  await expect(page.getByTestId("empty-state")).toContainText("No rectification notices for this platform yet");
  for (const tab of ["all", "open", "overdue", "answered_on_time", "answered_late"]) {
    await expect(page.getByTestId(`notices-tab-${tab}`)).toContainText("0");
  }
  await page.goto(`/platforms/${quiet}`);
  await expect(page.getByText("No notice is waiting for this platform's answer.")).toBeVisible();
});
