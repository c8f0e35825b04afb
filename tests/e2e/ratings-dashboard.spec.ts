// A manager reads the platform ratings on the demo: the league table (sorted by following its
// headers), a chart switched to its table and downloaded as CSV, then three platforms compared on
// one chart. Expected numbers come from the server's own database. Screenshots of both pages, in
// English and Chinese, are kept under tests/.tmp/screenshots to be looked at.
import fs from "node:fs";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { repoRoot } from "./paths";
import { demoLogins, readDatabase, signIn } from "./support";

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(repoRoot, "tests/.tmp/screenshots", name), fullPage: true });

type Latest = { id: number; slug: string; name: string; grade: string; score: number };
/** Each registered platform's latest snapshot, straight from the database. */
const latestSnapshots = () =>
  readDatabase(
    (db) =>
      db
        .prepare(
          `select p.id, p.slug, p.name, s.grade, s.score from platforms p
             join rating_snapshots s on s.platform_id = p.id
              and s.day = (select max(day) from rating_snapshots x where x.platform_id = p.id)
            where p.is_independent = 0`,
        )
        .all() as Latest[],
  );
const registered = () => readDatabase((db) => (db.prepare("select count(*) as n from platforms where is_independent = 0").get() as { n: number }).n);

test.describe.configure({ mode: "serial" });

test("a manager reads the league table, sorts it, reads a chart as a table and downloads its CSV", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, demoLogins.manager);
  await page.getByRole("link", { name: "Ratings", exact: true }).click();
  await expect(page).toHaveURL(/\/ratings$/);
  const latest = latestSnapshots();
  expect(latest.length, "the demo seed computes snapshots").toBeGreaterThan(0);

  const rows = page.getByTestId("league-row");
  await expect(rows).toHaveCount(registered());
  // Default order: score, highest first.
  const best = [...latest].sort((a, b) => b.score - a.score)[0]!;
  await expect(rows.first().getByTestId("league-score")).toHaveText(best.score.toFixed(1));
  await expect(page.getByTestId("league-table").locator('th[aria-sort="descending"]')).toContainText("Score");
  await screenshot(page, "ratings-en.png");

  // Sorting by name follows a link: the order is in the URL.
  await page.getByTestId("sort-name").click();
  await expect(page).toHaveURL(/\/ratings\?sort=name&dir=asc$/);
  const names = await rows.locator("td:first-child a").allTextContents();
  expect(names).toEqual([...names].sort(new Intl.Collator("en").compare));
  await expect(page.getByTestId("league-table").locator('th[aria-sort="ascending"]')).toContainText("Platform");
  await page.getByTestId("sort-name").click();
  await expect(page).toHaveURL(/\/ratings\?sort=name&dir=desc$/);
  expect(await rows.locator("td:first-child a").allTextContents()).toEqual([...names].reverse());
  // Each name leads to the platform's page.
  await expect(rows.first().getByRole("link").first()).toHaveAttribute("href", /^\/platforms\/\d+$/);

  // The grade distribution: chart first, then its table, with the counts of the database.
  const panel = page.getByTestId("grade-distribution");
  await expect(panel.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const tableButton = panel.getByRole("button", { name: "Table" });
  await expect(tableButton).toHaveAttribute("aria-pressed", "false");
  await tableButton.focus();
  await page.keyboard.press("Enter");
  await expect(tableButton).toHaveAttribute("aria-pressed", "true");
  const table = panel.getByTestId("grade-distribution-table");
  await expect(table.locator("tbody tr")).toHaveCount(4);
  for (const grade of ["A", "B", "C", "D"]) {
    const expected = latest.filter((l) => l.grade === grade).length;
    await expect(table.locator("tbody tr", { hasText: new RegExp(`^${grade}`) })).toHaveText(new RegExp(`^${grade}\\s*${expected}$`));
  }
  await screenshot(page, "ratings-en-table.png");

  const downloadPromise = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Download CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("grade-distribution.csv");
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const lines = text.slice(1).split("\r\n");
  expect(lines[0]).toBe("Grade,Platforms");
  expect(lines.slice(1, 5)).toEqual(["A", "B", "C", "D"].map((g) => `${g},${latest.filter((l) => l.grade === g).length}`));
});

test("a manager compares three platforms: three lines on one chart, their components side by side", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, demoLogins.manager);
  await page.goto("/ratings");
  await page.getByRole("link", { name: "Compare platforms" }).click();
  await expect(page).toHaveURL(/\/ratings\/compare$/);
  await expect(page.getByTestId("empty-state")).toBeVisible();

  const three = [...latestSnapshots()].sort((a, b) => a.id - b.id).slice(0, 3);
  for (const p of three) await page.getByTestId(`pick-${p.slug}`).check();
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  // The form sends the ticked boxes in their order on the page (by name).
  await expect(page).toHaveURL(/\/ratings\/compare\?platforms=\d+&platforms=\d+&platforms=\d+$/);
  expect(new URL(page.url()).searchParams.getAll("platforms").map(Number).sort((a, b) => a - b)).toEqual(three.map((p) => p.id));

  const scores = page.getByTestId("compare-scores");
  await expect(scores.locator(".recharts-line-curve")).toHaveCount(3);
  await expect(scores.locator(".recharts-legend-item")).toHaveCount(3);
  for (const p of three) await expect(scores.locator(".recharts-legend-item", { hasText: p.name })).toBeVisible();
  // The grade bands behind the lines.
  await expect(scores.locator(".recharts-reference-area")).toHaveCount(4);
  const components = page.getByTestId("compare-components");
  await expect(components.locator(".recharts-legend-item")).toHaveCount(3);
  await components.getByRole("button", { name: "Table" }).click();
  await expect(components.getByTestId("compare-components-table").locator("tbody tr")).toHaveCount(3);
  await components.getByRole("button", { name: "Chart" }).click();
  await screenshot(page, "ratings-compare-en.png");

  // Shared as a comma list too; more than six is refused with the reason.
  await page.goto(`/ratings/compare?platforms=${three.map((p) => p.id).join(",")}`);
  await expect(page.getByTestId("compare-scores").locator(".recharts-line-curve")).toHaveCount(3);
  await page.goto("/ratings/compare?platforms=1,2,3,4,5,6,7");
  await expect(page.getByTestId("compare-error")).toHaveText("You chose 7 platforms; choose at most 6 to compare.");
  await expect(page.getByTestId("compare-scores")).toHaveCount(0);
});

test("the ratings pages read in Chinese", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, demoLogins.manager);
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.goto("/ratings");
  await expect(page.getByRole("heading", { level: 2, name: "各等级平台数" })).toBeVisible();
  await expect(page.getByTestId("grade-distribution").getByRole("button", { name: "下载 CSV" })).toBeVisible();
  await screenshot(page, "ratings-zh.png");
  const ids = latestSnapshots().slice(0, 3).map((p) => p.id);
  await page.goto(`/ratings/compare?platforms=${ids.join(",")}`);
  await expect(page.getByTestId("compare-scores").locator(".recharts-line-curve")).toHaveCount(3);
  await screenshot(page, "ratings-compare-zh.png");
  // The choice is saved on the account: back to English for the specs after this one.
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
