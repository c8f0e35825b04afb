// Case review against the built server: a moderator clears five cases with the keyboard alone, a
// moderator escalates and a senior moderator blocks the domain, and a stale decision shows the
// conflict. Complaints come through the client API; the prior offence is a real decideCase.
import path from "node:path";
import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { cases, users } from "@/db/schema";
import { toActor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { openSqlite, wrap } from "@/lib/db/open";
import { e2eDatabaseFile, repoRoot } from "./paths";
import { demoLogins, readDatabase, signIn, signOut } from "./support";

const auth = { authorization: "Bearer ld_demo_client_key" };
const run = Date.now();
const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(repoRoot, "tests/.tmp/screenshots", name), fullPage: true });

async function fileComplaint(request: APIRequestContext, url: string, label: string): Promise<number> {
  const filed = await request.post("/api/v1/reports", {
    headers: auth,
    data: { url, category: "fraud_scam", scene: "group", reporterId: `case-review-${label}-${run}` },
  });
  expect(filed.status()).toBe(201);
  return ((await filed.json()) as { caseId: number }).caseId;
}

const caseState = (caseId: number) =>
  readDatabase((db) => db.prepare("select status, version from cases where id = ?").get(caseId) as { status: string; version: number });

test("a moderator clears five cases with the keyboard alone", async ({ page, request }) => {
  const tag = `kbq${run}`;
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) ids.push(await fileComplaint(request, `https://kb-${i}-${run}.top/${tag}/prize`, `kb-${i}`));
  await signIn(page, demoLogins.moderator);
  const queue = `q=${tag}`;
  const first = readDatabase((db) => db.prepare(`select id from cases where id in (${ids.join(",")}) order by priority desc, id desc limit 1`).get() as { id: number }).id;
  await page.goto(`/cases/${first}?queue=${encodeURIComponent(queue)}`);
  await expect(page.getByTestId("lease")).toContainText("You hold this case");
  await page.keyboard.press("?");
  await expect(page.getByTestId("key-help")).toBeVisible();
  await screenshot(page, "case-review-en.png");
  await page.keyboard.press("?");

  for (let i = 0; i < 5; i++) {
    await expect(page.getByTestId("lease")).toContainText("You hold this case");
    const before = page.url();
    await page.keyboard.press("a");
    await page.keyboard.press("n");
    if (i < 4) await page.waitForURL((url) => url.toString() !== before && url.pathname.startsWith("/cases/"));
  }
  await page.waitForURL(/\/queue/);
  for (const id of ids) expect(caseState(id).status).toBe("decided");
  const decided = readDatabase((db) => db.prepare(`select count(*) as n from decisions where case_id in (${ids.join(",")}) and outcome = 'violation' and level = 'L3'`).get() as { n: number }).n;
  expect(decided).toBe(5);
});

test("keys typed into a field stay in the field", async ({ page, request }) => {
  const caseId = await fileComplaint(request, `https://typing-${run}.top/prize`, "typing");
  await signIn(page, demoLogins.moderator);
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("lease")).toContainText("You hold this case");
  await page.getByLabel("Internal note (staff only)").fill("and then");
  await page.getByLabel("Internal note (staff only)").press("n");
  await expect(page.getByLabel("Internal note (staff only)")).toHaveValue("and thenn");
  expect(caseState(caseId).status).toBe("open");
});

test("a moderator escalates and a senior moderator blocks the domain", async ({ page, request }) => {
  const domain = `esc-${run}.top`;
  const firstCase = await fileComplaint(request, `https://${domain}/one`, "esc-1");
  const sqlite = openSqlite(e2eDatabaseFile);
  try {
    const db = wrap(sqlite);
    const senior = toActor(db.select().from(users).where(eq(users.email, demoLogins.senior)).get()!);
    const { version } = db.select({ version: cases.version }).from(cases).where(eq(cases.id, firstCase)).get()!;
    decideCase(db, senior, { caseId: firstCase, caseVersion: version, outcome: "violation", category: "fraud_scam", level: "L3", durationHours: null, rationale: "Fake prize page that asks for card numbers." });
  } finally {
    sqlite.close();
  }
  const caseId = await fileComplaint(request, `https://${domain}/two`, "esc-2");

  await signIn(page, demoLogins.moderator);
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("recommendation")).toContainText("L4");
  await expect(page.getByTestId("lease")).toContainText("You hold this case");
  await page.keyboard.press("e");
  await page.getByLabel("Note for the senior moderators (why you escalate)").fill("Second scam on this domain: a domain block needs a senior.");
  await page.getByRole("button", { name: "Escalate", exact: true }).last().click();
  await expect(page.getByTestId("escalation")).toBeVisible();
  expect(caseState(caseId).status).toBe("escalated");
  await expect(page.getByText("This case was escalated: a senior moderator decides it.")).toBeVisible();
  await signOut(page);

  await signIn(page, demoLogins.senior);
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("lease")).toContainText("You hold this case");
  await page.keyboard.press("a");
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("L4");
  await page.getByRole("button", { name: "Decide", exact: true }).click();
  // The form's own confirmation lasts only until the refreshed page (case now decided) replaces the
  // form, which can come first; the decision history on the refreshed page is what stays.
  await expect(page.getByTestId("decision-history")).toContainText("L4");
  const verdict = readDatabase((db) => db.prepare("select v.scope, v.domain, v.level from verdicts v join decisions d on d.id = v.decision_id where d.case_id = ?").get(caseId));
  expect(verdict).toEqual({ scope: "domain", domain, level: "L4" });
});

test("a senior decides L3 + sanction from the case page, and the API blocks the URL at once", async ({ page, request }) => {
  const url = `https://www.douban.com/group/topic/e2e${run}/`;
  const caseId = await fileComplaint(request, url, "sanction");
  await signIn(page, demoLogins.senior);
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("lease")).toContainText("You hold this case");
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("L3");
  // L5 is not a level any more: it is decided beside one.
  await expect(page.getByLabel("Action", { exact: true }).locator("option")).toHaveText(["L1 · warn", "L2 · restrict sharing", "L3 · block URL"]);
  await expect(page.getByTestId("scope")).toContainText("This URL");
  await page.getByLabel("Sanction the platform (L5)").check();
  await screenshot(page, "case-review-sanction-en.png");
  await page.getByRole("button", { name: "Decide", exact: true }).click();
  await expect(page.getByTestId("decision-history")).toContainText("L3");

  const decision = readDatabase((db) => db.prepare("select level, scope, provider_sanction from decisions where case_id = ?").get(caseId));
  expect(decision).toEqual({ level: "L3", scope: "url", provider_sanction: 1 });
  // Straight away, and for another spelling of the link.
  for (const spelling of [url, url.replace("https://www.", "http://").replace(/\/$/, "?share_source=copy_web")]) {
    const answer = await (await request.get("/api/v1/links/verdict", { headers: auth, params: { url: spelling } })).json();
    expect(answer, spelling).toMatchObject({ verdict: "block", level: "L3" });
  }
});

test("a moderator blocks a directory of a site (path scope), and the API blocks pages below it", async ({ page, request }) => {
  const host = `path-scope-${run}.top`;
  const caseId = await fileComplaint(request, `https://${host}/jianzhi/60721.html`, "path");
  await signIn(page, demoLogins.moderator);
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("lease")).toContainText("You hold this case");
  await page.getByLabel("Directory the block holds on").selectOption("/jianzhi");
  await expect(page.getByLabel("This path and everything below it:")).toBeChecked();
  await page.getByRole("button", { name: "Decide", exact: true }).click();
  await expect(page.getByTestId("decision-history")).toContainText("L3");
  const blocked = await (await request.get("/api/v1/links/verdict", { headers: auth, params: { url: `http://www.${host}/jianzhi/99999.html` } })).json();
  expect(blocked).toMatchObject({ verdict: "block" });
  const open = await (await request.get("/api/v1/links/verdict", { headers: auth, params: { url: `https://${host}/about.html` } })).json();
  expect(open).toMatchObject({ verdict: "allow", level: "L0" });
});

test("a stale decision shows the conflict message", async ({ browser, request }) => {
  const caseId = await fileComplaint(request, `https://stale-${run}.top/prize`, "stale");
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const a = await first.newPage();
    const b = await second.newPage();
    await signIn(a, demoLogins.moderator);
    await signIn(b, demoLogins.moderator);
    await a.goto(`/cases/${caseId}`);
    await b.goto(`/cases/${caseId}`);
    await expect(a.getByTestId("lease")).toContainText("You hold this case");
    await expect(b.getByTestId("lease")).toContainText("You hold this case");
    const seen = caseState(caseId).version;

    await a.keyboard.press("e");
    await a.getByLabel("Note for the senior moderators (why you escalate)").fill("Not sure whether this is the real bank.");
    await a.getByRole("button", { name: "Escalate", exact: true }).last().click();
    await expect(a.getByTestId("escalation")).toBeVisible();

    await b.keyboard.press("a");
    await b.getByRole("button", { name: "Decide", exact: true }).click();
    const conflict = b.getByTestId("conflict");
    await expect(conflict).toContainText("The case changed since you opened it");
    await expect(conflict).toContainText(`You saw version ${seen}; the case is now at version ${seen + 1}, status Escalated.`);
    expect(readDatabase((db) => db.prepare("select count(*) as n from decisions where case_id = ?").get(caseId))).toEqual({ n: 0 });
    await b.screenshot({ path: path.join(repoRoot, "tests/.tmp/screenshots", "case-review-conflict-en.png"), fullPage: true });
    await conflict.getByRole("button", { name: "Reload the case" }).click();
    await expect(b.getByTestId("escalation")).toBeVisible();
  } finally {
    await first.close();
    await second.close();
  }
});

test("the case page in Chinese", async ({ page, request }) => {
  const caseId = await fileComplaint(request, `https://zh-${run}.top/prize`, "zh");
  await signIn(page, demoLogins.senior);
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  try {
    await page.goto(`/cases/${caseId}`);
    await expect(page.getByTestId("lease")).toContainText("此案件由你领取");
    await expect(page.getByRole("heading", { name: "处理决定" })).toBeVisible();
    await screenshot(page, "case-review-zh.png");
  } finally {
    await page.getByRole("button", { name: "切换语言" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  }
});

test("read-only roles see the case without the form", async ({ page, request }) => {
  const caseId = await fileComplaint(request, `https://readonly-${run}.top/prize`, "readonly");
  await signIn(page, demoLogins.auditor);
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Decision" })).toHaveCount(0);
  expect(readDatabase((db) => db.prepare("select assignee_id from cases where id = ?").get(caseId))).toEqual({ assignee_id: null });
});
