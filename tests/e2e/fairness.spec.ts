// A manager opens the fairness report, changes the period, and reads the table; a bad range is
// refused with the reason; the CSV carries the same table for the same people; the page reads in
// Chinese too. Expected numbers come from the server's own database, so the spec holds with or
// without decided cases in the demo data (and whatever other specs decided before it).
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { demoLogins, readDatabase, signIn } from "./support";
import { repoRoot } from "./paths";

const DAY_MS = 86_400_000;
/** A day in Shanghai (the demo accounts' time zone), YYYY-MM-DD. */
const shanghaiDay = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(ms));
const today = shanghaiDay(Date.now());
// Two years minus a day: the longest period, and longer than the demo's history.
const longFrom = shanghaiDay(Date.now() - 729 * DAY_MS);

/** Violation decisions that still stand, the ones the report counts (all of the demo's fit in two years). */
const standingViolations = () =>
  readDatabase(
    (db) =>
      (db.prepare("select count(*) as n from decisions where outcome = 'violation' and reversed_at is null and category is not null").get() as { n: number }).n,
  );

// The top of the page (a full page of every situation is too tall to look at), kept outside
// test-results, which every Playwright run empties.
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(repoRoot, "tests/.tmp/screenshots", name), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1400 } });

test("a manager reads the report, changes the period, and sees the table or the empty state", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await page.getByRole("link", { name: "Fairness" }).click();
  await expect(page).toHaveURL(/\/fairness$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fairness");
  // The default period: the last 90 days up to today, shown in the form.
  await expect(page.getByLabel("To")).toHaveValue(today);
  await expect(page.getByLabel("From")).toHaveValue(shanghaiDay(Date.now() - 89 * DAY_MS));
  await expect(page.getByTestId("fairness-summary")).toContainText(`${shanghaiDay(Date.now() - 89 * DAY_MS)} to ${today}:`);
  await screenshot(page, "fairness-en-default.png");

  // The longest period covers every decision of the demo.
  await page.getByLabel("From").fill(longFrom);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`/fairness\\?from=${longFrom}&to=${today}&category=$`));
  const decisions = standingViolations();
  const summary = page.getByTestId("fairness-summary");
  await expect(summary).toContainText(`${longFrom} to ${today}:`);
  await expect(summary).toContainText(decisions === 1 ? "1 decision " : `${decisions.toLocaleString("en-US")} decisions`);
  if (decisions === 0) {
    await expect(page.getByTestId("empty-state")).toHaveText(/No violation decisions in this period/);
    await expect(page.locator("table")).toHaveCount(0);
  } else {
    await expect(page.getByTestId("empty-state")).toHaveCount(0);
    await expect(page.getByTestId("fairness-decisions")).toHaveText(decisions.toLocaleString("en-US"));
    // One sentence per flag, each linked to its situation's table.
    const flags = Number(await page.getByTestId("fairness-flags").textContent());
    const sentences = page.getByTestId("fairness-flagged").getByRole("listitem");
    await expect(sentences).toHaveCount(flags);
    if (flags > 0) {
      await expect(sentences.first()).toContainText(/got L\d in \d+ of \d+ cases .*other platforms' links got L[\d.]+ on average over \d+ cases/);
      const anchor = (await sentences.first().getByRole("link", { name: "See the table" }).getAttribute("href"))!;
      await expect(page.locator(`details${anchor}`)).toHaveAttribute("open", "");
      await expect(page.locator(`details${anchor}`).getByText("Harsher", { exact: true })).toBeVisible();
      await page.locator(`details${anchor}`).screenshot({ path: path.join(repoRoot, "tests/.tmp/screenshots", "fairness-en-flagged-situation.png") });
    } else {
      await expect(page.getByTestId("fairness-flagged")).toContainText("No platform's links were handled harsher");
    }
    // The situations' decisions add up to the decisions counted.
    const counts = await page.locator('[data-testid^="situation-"][data-testid$="-count"]').allTextContents();
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.reduce((sum, text) => sum + Number(/^([\d,]+) decisions?/.exec(text)![1]!.replaceAll(",", "")), 0)).toBe(decisions);
    // A situation opens to its table: platforms as rows, counts per level, mean, difference.
    const first = page.locator('details[data-testid^="situation-"]').first();
    if ((await first.getAttribute("open")) === null) await first.locator("summary").click();
    await expect(first.getByRole("columnheader", { name: "Mean level" })).toBeVisible();
    await expect(first.getByRole("columnheader", { name: "Difference" })).toBeVisible();
    expect(await first.locator("tbody tr").count()).toBeGreaterThan(0);
    // The rule is explained on the page.
    await page.getByText("How flags are decided").click();
    await expect(page.getByTestId("fairness-rule")).toContainText("Mann–Whitney");
  }
  await screenshot(page, "fairness-en-two-years.png");

  // A category narrows it; a day long ago has nothing.
  await page.getByLabel("Category").selectOption("gambling");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/category=gambling/);
  await expect(page.getByLabel("Category")).toHaveValue("gambling");
  for (const id of await page.locator('details[data-testid^="situation-"]').evaluateAll((s) => s.map((e) => e.getAttribute("data-testid")))) {
    expect(id).toMatch(/^situation-gambling-[123]$/);
  }
  await page.goto("/fairness?from=2020-01-01&to=2020-01-31");
  await expect(page.getByTestId("empty-state")).toHaveText(/No violation decisions in this period/);
  await expect(page.getByTestId("fairness-summary")).toContainText("0 decisions in 0 situations");
});

test("a start after the end, or more than two years, is refused with the reason", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await page.goto("/fairness");
  await page.getByLabel("From").fill("2026-11-02");
  await page.getByLabel("To").fill("2026-11-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("fairness-error")).toHaveText("This period cannot be shown");
  await expect(page.locator("#fairness-from-error")).toHaveText("The start is after the end; choose a start on or before the end.");
  await expect(page.getByLabel("From")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("table")).toHaveCount(0);
  await screenshot(page, "fairness-en-error.png");

  await page.goto("/fairness?from=2020-01-01&to=2026-01-01");
  await expect(page.locator("#fairness-from-error")).toHaveText("The period can be at most two years (731 days).");
  await page.goto("/fairness?to=2026-02-30");
  await expect(page.locator("#fairness-to-error")).toHaveText("Enter a day as YYYY-MM-DD.");
});

test("the CSV holds the same table, for the same people", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  const response = await page.request.get(`/fairness/csv?from=${longFrom}&to=${today}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="fairness-${longFrom}-to-${today}.csv"`);
  const body = await response.text();
  expect(body.startsWith("\uFEFF")).toBe(true);
  const rows = body.slice(1).trimEnd().split("\r\n");
  expect(rows[0]).toMatch(/^from,to,category,category_name,offence,platform,platform_name,L1,L2,L3,L4,L5,decisions,/);
  // Column 13 is a row's decisions: together, every standing violation.
  const total = rows.slice(1).reduce((sum, row) => sum + Number(row.split(",").at(-7)), 0);
  expect(total).toBe(standingViolations());

  expect((await page.request.get("/fairness/csv?from=2026-11-02&to=2026-11-01")).status()).toBe(400);

  await page.context().clearCookies();
  await signIn(page, demoLogins.moderator);
  const refused = await page.request.get("/fairness/csv");
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain("from,to,category");
});

test("the report in Chinese", async ({ page }) => {
  await signIn(page, demoLogins.auditor);
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("link", { name: "公平性" })).toBeVisible();
  try {
    await page.goto(`/fairness?from=${longFrom}&to=${today}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("公平性");
    await expect(page.getByLabel("开始日期")).toHaveValue(longFrom);
    await expect(page.getByTestId("fairness-summary")).toContainText(`${longFrom} 至 ${today}`);
    if (standingViolations() === 0) await expect(page.getByTestId("empty-state")).toHaveText(/此期间没有违规决定/);
    else await expect(page.getByRole("heading", { name: "全部情形" })).toBeVisible();
    await screenshot(page, "fairness-zh.png");
    await page.goto("/fairness?from=2026-11-02&to=2026-11-01");
    await expect(page.locator("#fairness-from-error")).toHaveText("开始日期晚于结束日期，请选择不晚于结束日期的开始日期。");
  } finally {
    // The language is saved on the account: give the auditor English back for the specs after this one.
    await page.goto("/fairness");
    await page.getByRole("button", { name: "切换语言" }).click();
    await expect(page.getByRole("link", { name: "Fairness" })).toBeVisible();
  }
});
