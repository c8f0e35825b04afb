// The triage queue end to end, against the built server with the demo data: a moderator filters the
// queue, reads a priority score's parts, pages, selects the open cases of one domain, decides them
// together after confirming, and sees them leave the "new" tab. Screenshots in English and Chinese.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { repoRoot } from "./paths";
import { demoLogins, readDatabase, signIn, signOut } from "./support";

const run = Date.now();
const domain = `queue-e2e-${run}.example`;
const auth = { authorization: "Bearer ld_demo_client_key" };
const screenshot = (name: string) => path.join(repoRoot, "tests/.tmp/screenshots", name);

test("a moderator filters the queue, reads a score, pages, and bulk-decides every case on one domain", async ({ page, request }) => {
  for (const [i, category] of (["induced_sharing", "induced_sharing", "fraud_scam"] as const).entries()) {
    const response = await request.post("/api/v1/reports", {
      headers: auth,
      data: { url: `https://${domain}/share-${i}`, category, scene: "group", reporterId: `queue-e2e-${run}-${i}` },
    });
    expect(response.status()).toBe(201);
  }

  await signIn(page, demoLogins.moderator);
  await page.goto("/queue");
  await expect(page.getByRole("heading", { name: "Triage queue" })).toBeVisible();
  // The demo holds more open cases than one page: keyset pagination.
  await page.getByTestId("queue-next-page").click();
  await expect(page).toHaveURL(/after=/);
  await expect(page.getByRole("link", { name: "First page" })).toBeVisible();
  await expect(page.locator("[data-queue-row]").first()).toBeVisible();

  // Filter through the form: the view lives in the URL.
  await page.getByLabel("URL or domain").fill(domain);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${domain.replace(/\./g, "\\.")}`));
  const rows = page.locator("[data-queue-row]");
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId("queue-tab-new")).toContainText("3");

  // The fraud claim (critical) comes first; its score opens to show its parts, by keyboard.
  await expect(rows.first()).toContainText("Fraud or scam");
  const summary = rows.first().locator("summary");
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(rows.first().getByText("Most severe claimed category")).toBeVisible();
  await expect(rows.first().getByText("Reporters' track record")).toBeVisible();
  const link = rows.first().locator("[data-queue-open]");
  await expect(link).toHaveAttribute("href", new RegExp(`^/cases/\\d+\\?queue=${encodeURIComponent(`q=${domain}`).replace(/\./g, "\\.")}$`));

  // j moves the selection, x selects, ? shows the keys.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("?");
  await expect(page.getByTestId("queue-keys-help")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(rows.first().locator("input[data-queue-select]")).toBeChecked();
  await page.screenshot({ path: screenshot("queue-en.png"), fullPage: true });

  // Select the rest through the domain shortcut, choose one decision, review, confirm.
  await page.getByTestId("select-domain").click();
  await expect(page.locator("input[data-queue-select]:checked")).toHaveCount(3);
  const form = page.getByTestId("bulk-decide-form");
  await form.getByLabel("Category").selectOption("induced_sharing");
  await form.getByLabel("Action").selectOption("L2");
  await form.getByLabel("Duration (hours)").fill("72");
  await form.getByLabel(/Rationale/).fill("Every page on this domain forces sharing before showing content.");
  await page.getByTestId("bulk-review").click();
  await expect(form.getByText("This decides 3 cases.")).toBeVisible();
  await page.screenshot({ path: screenshot("queue-bulk-confirm-en.png"), fullPage: true });
  await page.getByTestId("bulk-confirm").click();

  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expect(page.getByTestId("queue-tab-new")).toContainText("0");
  const decided = readDatabase(
    (db) =>
      db
        .prepare(`select c.status, d.level from cases c join links l on l.id = c.link_id join decisions d on d.case_id = c.id where l.registrable_domain = ?`)
        .all(domain) as { status: string; level: string }[],
  );
  expect(decided).toEqual(Array(3).fill({ status: "decided", level: "L2" }));
  const bulkEvents = readDatabase((db) => (db.prepare("select count(*) as n from audit_events where action = 'decision.bulk' and after like ?").get(`%"level":"L2"%`) as { n: number }).n);
  expect(bulkEvents).toBeGreaterThanOrEqual(1);
  await signOut(page);
});

test("the queue in Chinese, and a bad address shows what is wrong instead of failing", async ({ page }) => {
  await signIn(page, demoLogins.senior);
  await page.getByRole("button", { name: "Switch language" }).click();
  await page.goto("/queue?breached=1");
  await expect(page.getByRole("heading", { name: "分诊队列" })).toBeVisible();
  await expect(page.getByTestId("queue-tab-escalated")).toContainText("已升级");
  const first = page.locator("[data-queue-row]").first();
  if (await first.isVisible()) {
    await first.locator("summary").click();
    await expect(first.getByText("最严重的举报类别")).toBeVisible();
    await expect(first.getByTestId("sla-breached")).toHaveText("已超时");
  }
  await page.screenshot({ path: screenshot("queue-zh.png"), fullPage: true });

  await page.goto("/queue?tab=nope&platform=abc");
  await expect(page.getByTestId("queue-invalid")).toContainText("没有这个标签");
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByTestId("queue-invalid")).toContainText("No such tab.");
  await expect(page.getByTestId("queue-invalid")).toContainText("Not a platform number.");
  await page.screenshot({ path: screenshot("queue-invalid-en.png"), fullPage: true });
  await page.getByRole("link", { name: "Show the default queue" }).click();
  await expect(page.getByTestId("queue-tab-new")).toHaveAttribute("aria-current", "page");
  await signOut(page);
});
