// Appeals end to end against the built server: a platform's own client (made in the admin pages)
// appeals a decision on its link over real HTTP; the senior moderator who made the decision is shown
// that another must decide it; a second senior moderator overturns it in the console, and the
// verdict API answers allow. The decision is a real one (decideCase on the server's own database
// file), and the second senior moderator a real staff account made with lib/staff.
import path from "node:path";
import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { openSqlite, wrap } from "@/lib/db/open";
import { createStaff } from "@/lib/staff/staff";
import { e2eDatabaseFile, repoRoot } from "./paths";
import { DEMO_PASSWORD, demoLogins, readDatabase, signIn, signOut } from "./support";

const run = Date.now();
const screenshot = (name: string) => path.join(repoRoot, "tests/.tmp/screenshots", name);
const demoAuth = { authorization: "Bearer ld_demo_client_key" };
const reason = "The page sells licensed concert tickets; the complaint mistook our resale listing for a scam.";
const rationale = "Fake ticket page taking payments for events that do not exist.";

/** Decides the newest open, unleased case on a link of platform `slug` an L3 violation, as `email`. */
function decideOnPlatform(slug: string, email: string): { decisionId: number; caseId: number; url: string } {
  const sqlite = openSqlite(e2eDatabaseFile);
  try {
    const decider = sqlite.prepare("select id, email, name, role, locale, time_zone as timeZone from users where email = ?").get(email) as Actor;
    const open = sqlite
      .prepare(
        `select c.id, c.version, l.canonical_url as url from cases c
           join links l on l.id = c.link_id join platforms p on p.id = l.platform_id
          where p.slug = ? and c.status = 'open' and (c.lease_expires_at is null or c.lease_expires_at < ?)
          order by c.id desc limit 1`,
      )
      .get(slug, new Date().toISOString()) as { id: number; version: number; url: string } | undefined;
    if (!open) throw new Error(`the demo data has no open case on a ${slug} link`);
    const decided = decideCase(wrap(sqlite), decider, {
      caseId: open.id,
      caseVersion: open.version,
      outcome: "violation",
      category: "fraud_scam",
      level: "L3",
      durationHours: null,
      rationale,
    });
    return { decisionId: decided.decisionId, caseId: open.id, url: open.url };
  } finally {
    sqlite.close();
  }
}

/** A second senior moderator: the demo has one, and four eyes need two. */
async function secondSenior(): Promise<string> {
  const email = `second-senior-${run}@linkdesk.test`;
  const sqlite = openSqlite(e2eDatabaseFile);
  try {
    await createStaff(wrap(sqlite), { actorId: null }, { email, name: `Second Senior ${run}`, role: "senior", password: DEMO_PASSWORD });
  } finally {
    sqlite.close();
  }
  return email;
}

async function platformClientKey(page: Page, platform: string): Promise<string> {
  await signIn(page, demoLogins.admin);
  await page.goto("/admin/api-clients");
  await page.getByLabel("Name").fill(`${platform} appeals desk ${run}`);
  await page.getByLabel("Acts for platform").selectOption({ label: platform });
  await page.getByRole("button", { name: "Create client" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  await signOut(page);
  return key;
}

async function verdictOf(request: APIRequestContext, url: string) {
  const response = await request.get(`/api/v1/links/verdict?url=${encodeURIComponent(url)}`, { headers: demoAuth });
  expect(response.status()).toBe(200);
  return (await response.json()) as { verdict: string; level: string };
}

test("a platform appeals over the API; the deciding senior cannot answer it, another overturns it and the link is allowed", async ({ page, request }) => {
  const key = await platformClientKey(page, "Douyin");
  const auth = { authorization: `Bearer ${key}` };
  const decided = decideOnPlatform("douyin", demoLogins.senior);
  expect(await verdictOf(request, decided.url)).toMatchObject({ verdict: "block", level: "L3" });

  // Filing, with the refusals a client meets.
  const filed = await request.post("/api/v1/appeals", { headers: auth, data: { decisionId: decided.decisionId, appellant: "platform", reason } });
  expect(filed.status()).toBe(201);
  const { appealId, status } = (await filed.json()) as { appealId: number; status: string };
  expect(status).toBe("pending");
  const refusals = [
    [await request.post("/api/v1/appeals", { headers: auth, data: { decisionId: decided.decisionId, appellant: "platform", reason } }), 409, "already_pending"],
    [await request.post("/api/v1/appeals", { headers: demoAuth, data: { decisionId: decided.decisionId, appellant: "platform", reason } }), 403, "not_a_platform_client"],
    [await request.post("/api/v1/appeals", { headers: auth, data: { decisionId: 999_999_999, appellant: "platform", reason } }), 404, "not_found"],
    [await request.post("/api/v1/appeals", { headers: auth, data: { decisionId: decided.decisionId, appellant: "platform", reason: "Wrong." } }), 400, "invalid_request"],
    [await request.get(`/api/v1/appeals/${appealId}`, { headers: demoAuth }), 404, "not_found"],
  ] as const;
  for (const [response, code, errorCode] of refusals) {
    expect(response.status()).toBe(code);
    expect((await response.json()).error.code).toBe(errorCode);
  }
  expect(readDatabase((db) => db.prepare("select count(*) as n from appeals where decision_id = ?").get(decided.decisionId))).toEqual({ n: 1 });
  const pending = await request.get(`/api/v1/appeals/${appealId}`, { headers: auth });
  expect(await pending.json()).toMatchObject({ appealId, status: "pending", appellant: "platform", decisionId: decided.decisionId });

  // The senior moderator who decided sees the appeal but no way to decide it.
  await signIn(page, demoLogins.senior);
  await page.goto("/appeals");
  const card = page.getByTestId(`appeal-${appealId}`);
  await expect(card).toContainText(reason);
  await expect(card.getByTestId("appeal-own-decision")).toHaveText("You made this decision; another senior moderator must decide the appeal.");
  await expect(card.getByRole("button", { name: "Overturn…" })).toHaveCount(0);
  await signOut(page);

  // Another senior moderator overturns it, after a note is asked for.
  await signIn(page, await secondSenior());
  await page.goto("/appeals");
  await expect(page.getByTestId("tab-pending")).toHaveAttribute("aria-current", "page");
  await expect(card).toContainText(`case #${decided.caseId}`);
  await expect(card).toContainText("Violation");
  await expect(card).toContainText("L3 · block URL");
  await expect(card).toContainText(rationale);
  await expect(card).toContainText("Platform");
  await expect(card.getByRole("link", { name: `case #${decided.caseId}` })).toHaveAttribute("href", `/cases/${decided.caseId}`);
  await card.screenshot({ path: screenshot("appeal-pending-en.png") });
  await card.getByRole("button", { name: "Overturn…" }).click();
  await card.getByRole("button", { name: "Overturn and set the decision aside" }).click();
  await expect(card.getByText("Write a note of at least 10 characters.")).toBeVisible();
  // The choice waits, confirmed, beside the note it asked for.
  await expect(card.getByTestId("appeal-confirm")).toContainText("its verdict is lifted");
  await card.getByLabel("Appeal note").fill("Checked the seller's ticketing licence: the page is genuine.");
  await card.getByRole("button", { name: "Overturn and set the decision aside" }).click();
  await expect(card.getByTestId("appeal-done")).toContainText("Overturned: the decision was set aside and the case reopened.");

  expect(await verdictOf(request, decided.url)).toMatchObject({ verdict: "allow" });
  expect(await (await request.get(`/api/v1/appeals/${appealId}`, { headers: auth })).json()).toMatchObject({ status: "overturned" });
  expect(readDatabase((db) => db.prepare("select reversal_kind as kind from decisions where id = ?").get(decided.decisionId))).toEqual({ kind: "appeal" });
  expect(readDatabase((db) => db.prepare("select status from cases where id = ?").get(decided.caseId))).toEqual({ status: "open" });

  await page.getByTestId("tab-overturned").click();
  await expect(page).toHaveURL(/\/appeals\?status=overturned$/);
  await expect(card).toContainText(`by Second Senior ${run}`);
  await page.screenshot({ path: screenshot("appeals-overturned-en.png"), fullPage: true });

  await page.goto(`/cases/${decided.caseId}`);
  await expect(page.getByTestId("case-appeals")).toContainText(`Appeal #${appealId} against decision #${decided.decisionId}`);
  await expect(page.getByTestId("case-appeals")).toContainText("Overturned");
  await expect(page.getByTestId("set-aside")).toContainText(`Overturned on appeal by Second Senior ${run}`);

  await page.goto("/appeals?status=overturned");
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("heading", { name: "申诉", exact: true })).toBeVisible();
  await expect(card).toContainText("平台");
  await expect(card).toContainText("违规");
  await page.screenshot({ path: screenshot("appeals-overturned-zh.png"), fullPage: true });
  await page.goto("/appeals");
  await page.screenshot({ path: screenshot("appeals-pending-zh.png"), fullPage: true });
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByRole("heading", { name: "Appeals", exact: true })).toBeVisible();
});

test("a moderator sees appeals read-only, with the decision and the reason", async ({ page, request }) => {
  const key = await platformClientKey(page, "JD.com");
  const decided = decideOnPlatform("jd", demoLogins.moderator);
  const filed = await request.post("/api/v1/appeals", { headers: { authorization: `Bearer ${key}` }, data: { decisionId: decided.decisionId, appellant: "platform", reason } });
  expect(filed.status()).toBe(201);
  const { appealId } = (await filed.json()) as { appealId: number };

  await signIn(page, demoLogins.moderator);
  await page.goto("/appeals");
  const card = page.getByTestId(`appeal-${appealId}`);
  await expect(card).toContainText(reason);
  await expect(page.getByText("Only senior moderators decide appeals.")).toBeVisible();
  await expect(card.getByRole("button")).toHaveCount(0);
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(card).toContainText("平台");
  await card.screenshot({ path: screenshot("appeal-readonly-zh.png") });
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByRole("heading", { name: "Appeals", exact: true })).toBeVisible();
});
