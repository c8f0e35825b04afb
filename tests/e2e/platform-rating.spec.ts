// A platform's rating page on the demo: a manager opens a platform whose grade fell, reads why (the
// numbers are the latest snapshot's), switches a chart to its table, overrides the grade with a
// reason and sees the override beside the computed grade, then ends it; a moderator reads the same
// page without the override form. Screenshots of the platform page and the home page.
import fs from "node:fs";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { demoLogins, readDatabase, signIn } from "./support";
import { repoRoot } from "./paths";

const screenshots = path.join(repoRoot, "tests/.tmp/screenshots");

type Snapshot = {
  platformId: number;
  slug: string;
  day: string;
  score: number;
  grade: string;
  gradeBefore: string;
  decided: number;
  confirmed: number;
  noticesOnTime: number;
  noticesDue: number;
  repeatCases: number;
  severitySum: number;
  violationRate: number;
  rectificationRate: number;
  repeatRate: number;
  severityIndex: number;
};

/** The demo platform whose grade fell most over the last 30 days (one with 20 or more decided cases first), with its latest snapshot. */
function platformWhoseGradeFell(): Snapshot {
  return readDatabase((db) =>
    db
      .prepare(
        `select a.platform_id as platformId, p.slug, a.day, a.score, a.grade, b.grade as gradeBefore, a.decided, a.confirmed,
                a.notices_on_time as noticesOnTime, a.notices_due as noticesDue, a.repeat_cases as repeatCases,
                a.severity_sum as severitySum, a.violation_rate as violationRate, a.rectification_rate as rectificationRate,
                a.repeat_rate as repeatRate, a.severity_index as severityIndex
           from rating_snapshots a
           join rating_snapshots b on b.platform_id = a.platform_id and b.day = date(a.day, '-30 days') and b.formula_version = a.formula_version
           join platforms p on p.id = a.platform_id
          where a.day = (select max(day) from rating_snapshots) and a.grade > b.grade and a.score < b.score
            and not exists (select 1 from grade_overrides o where o.platform_id = a.platform_id and o.revoked_at is null and o.ends_at > ?)
          order by a.provisional, a.score - b.score limit 1`,
      )
      .get(new Date().toISOString()) as Snapshot,
  );
}

const whole = (n: number) => n.toLocaleString("en-US");
const oneDecimal = (n: number) => new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
const twoDecimals = (n: number) => new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

async function waitForCharts(page: Page) {
  for (const id of ["chart-score", "chart-components", "chart-weekly", "chart-rectification"]) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await expect(page.locator('[data-chart="time-series"] svg').first()).toBeVisible();
}

test("a manager reads why a platform's grade fell, overrides it with a reason and ends the override", async ({ page }) => {
  const s = platformWhoseGradeFell();
  expect(s, "the demo has a platform whose grade fell in the last 30 days").toBeTruthy();
  await signIn(page, demoLogins.manager);
  await page.goto(`/platforms/${s.platformId}`);

  const badge = page.getByTestId("platform-grade");
  await expect(badge).toHaveAttribute("data-grade", s.grade);
  await expect(badge).not.toHaveAttribute("data-override", /./);

  // "Why this grade": the latest snapshot's counts, rates and points.
  const why = page.getByTestId("why-panel");
  await expect(why.getByTestId("why-score")).toHaveText(oneDecimal(s.score));
  await expect(why.getByTestId("why-grade")).toHaveText(s.grade);
  const expected = {
    violation: [s.confirmed, s.decided, s.violationRate, 40 * (1 - s.violationRate)],
    rectification: [s.noticesOnTime, s.noticesDue, s.rectificationRate, 30 * s.rectificationRate],
    repeat: [s.repeatCases, s.confirmed, s.repeatRate, 20 * (1 - s.repeatRate)],
    severity: [s.severitySum, s.confirmed, s.severityIndex, 10 * (1 - s.severityIndex)],
  } as const;
  for (const [key, [numerator, denominator, rate, points]] of Object.entries(expected)) {
    const hasCounts = !(key === "rectification" && denominator === 0) && !((key === "repeat" || key === "severity") && denominator === 0);
    if (hasCounts) {
      await expect(why.getByTestId(`why-${key}-numerator`)).toHaveText(whole(numerator));
      await expect(why.getByTestId(`why-${key}-denominator`)).toHaveText(whole(denominator));
    }
    await expect(why.getByTestId(`why-${key}-rate`)).toHaveText(twoDecimals(rate));
    await expect(why.getByTestId(`why-${key}-points`)).toHaveText(oneDecimal(points));
  }
  await expect(why.getByTestId("why-since-30")).toContainText("the score fell by");
  await expect(why.getByTestId("why-since-30")).toContainText("moved it most");

  // A chart as its table.
  await waitForCharts(page);
  const scorePanel = page.getByTestId("chart-score");
  await scorePanel.getByRole("button", { name: "Table" }).click();
  const table = page.getByTestId("chart-score-table");
  await expect(table).toBeVisible();
  await expect(table.locator("tbody tr").last()).toContainText(s.day);
  await expect(table.locator("tbody tr").last()).toContainText(oneDecimal(s.score).replace(/\.0$/, ""));
  await scorePanel.getByRole("button", { name: "Chart" }).click();

  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, "platform-rating.png"), fullPage: true });

  // Override: a too-short reason is refused with the catalog's message; then a real one, confirmed.
  const form = page.getByTestId("override-form");
  await form.getByText("Override the grade").click(); // unfold it
  const override = s.grade === "A" ? "B" : "A";
  await form.getByLabel("Grade").selectOption(override);
  await form.getByLabel("Reason").fill("short");
  const endsOn = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Ends on").fill(endsOn);
  await form.getByRole("button", { name: "Review override" }).click();
  await expect(form).toContainText("Give the reason in at least 10 characters.");
  const reason = "Every overdue notice was answered in a meeting on site; the snapshot lags.";
  await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: "Review override" }).click();
  await expect(form.getByTestId("override-confirm-text")).toContainText(`to ${override}`);
  await form.getByRole("button", { name: "Confirm override" }).click();

  await expect(page.getByTestId("override-in-force")).toContainText(reason);
  await expect(badge).toHaveAttribute("data-override", override);
  await expect(badge).toHaveAttribute("data-grade", s.grade);
  await expect(badge).toContainText("overridden:");
  const audited = readDatabase(
    (db) => db.prepare("select count(*) as n from audit_events where action = 'grade.overridden' and target_id = ? and after like ?").get(String(s.platformId), `%${reason}%`) as { n: number },
  );
  expect(audited.n).toBe(1);

  // End it early, after confirming.
  await page.getByRole("button", { name: "End override" }).click();
  await page.getByRole("button", { name: `End the ${override} override now` }).click();
  await expect(page.getByTestId("override-in-force")).toHaveCount(0);
  await expect(badge).not.toHaveAttribute("data-override", /./);
});

test("a moderator reads the rating but gets no override form", async ({ page }) => {
  const s = platformWhoseGradeFell();
  await signIn(page, demoLogins.moderator);
  await page.goto(`/platforms/${s.platformId}`);
  await expect(page.getByTestId("why-panel")).toBeVisible();
  await expect(page.getByTestId("platform-grade")).toHaveAttribute("data-grade", s.grade);
  await expect(page.getByTestId("override-form")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "End override" })).toHaveCount(0);

  // The same page in Chinese (switched back afterwards: the choice is saved on the account).
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("heading", { name: "为何是这个等级" })).toBeVisible();
  await waitForCharts(page);
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, "platform-rating-zh.png"), fullPage: true });
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByRole("heading", { name: "Why this grade" })).toBeVisible();
});

test("the home page charts the last 30 days of operations", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await page.goto("/");
  for (const id of ["chart-flow", "chart-backlog", "chart-median", "chart-breaches"]) await expect(page.getByTestId(id)).toBeVisible();
  const backlog = page.getByTestId("chart-backlog");
  await backlog.getByRole("button", { name: "Table" }).click();
  // One row a day; the figures may be up to a minute old (the series is cached), so only their shape is checked here.
  await expect(page.getByTestId("chart-backlog-table").locator("tbody tr")).toHaveCount(30);
  await expect(page.getByTestId("chart-backlog-table").locator("tbody tr").last().locator("td").last()).toHaveText(/^\d[\d,]*$/);
  await backlog.getByRole("button", { name: "Chart" }).click();
  await expect(page.locator('[data-chart="bar"] svg').first()).toBeVisible();
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, "home.png"), fullPage: true });
});
