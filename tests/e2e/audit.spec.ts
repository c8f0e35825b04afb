// The auditor's workspace over the real server: the decision log filtered by platform and month, its
// CSV download (the same rows, with a manifest whose SHA-256 matches), a case's history, chain
// verification; a manager may export decisions but not events. Expected rows come from the server's
// own database, so the spec holds whatever other specs decided before it.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { parseCsv } from "@/lib/exports/csv";
import { demoLogins, readDatabase, signIn } from "./support";
import { repoRoot } from "./paths";

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(repoRoot, "tests/.tmp/screenshots", name), fullPage: true });

/** The platform and UTC month with the most decisions in the demo, and how many. */
function busiestPlatformMonth() {
  return readDatabase(
    (db) =>
      db
        .prepare(
          `select p.slug, p.name, substr(d.created_at, 1, 7) as month, count(*) as n
             from decisions d join cases c on c.id = d.case_id join links l on l.id = c.link_id join platforms p on p.id = l.platform_id
            group by p.id, month order by n desc, p.slug limit 1`,
        )
        .get() as { slug: string; name: string; month: string; n: number } | undefined,
  );
}

const lastDay = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

test("an auditor filters decisions by platform and month, downloads the CSV, and opens a case's history", async ({ page }) => {
  const busiest = busiestPlatformMonth();
  // The demo seed decides about 60 % of its cases, so there is always a busiest platform and month.
  expect(busiest, "the demo data has decisions").toBeTruthy();
  const { slug, name, month, n } = busiest!;
  await signIn(page, demoLogins.auditor);
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/audit\/events$/);
  await page.getByRole("link", { name: "Decision log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Decision log");

  await page.getByLabel("Platform").selectOption(slug);
  await page.getByLabel("From (UTC day)").fill(`${month}-01`);
  await page.getByLabel("To (UTC day)").fill(lastDay(month));
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`platform=${slug}`));
  await expect(page.getByTestId("decision-row")).toHaveCount(Math.min(n, 50));
  for (const cell of await page.getByTestId("decision-row").locator("td:nth-child(3)").allTextContents()) expect(cell).toBe(name);
  await screenshot(page, "audit-decisions-en.png");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`linkdesk-decisions-${month}-01_to_${lastDay(month)}.csv`);
  const file = fs.readFileSync((await download.path())!);
  const [header, ...rows] = parseCsv(file.toString("utf8"));
  expect(rows).toHaveLength(n);
  const slugColumn = header!.indexOf("platform_slug");
  expect(new Set(rows.map((r) => r[slugColumn]))).toEqual(new Set([slug]));
  const manifest = readDatabase(
    (db) => JSON.parse((db.prepare("select after from audit_events where action = 'export.created' order by seq desc limit 1").get() as { after: string }).after),
  );
  expect(manifest).toMatchObject({ kind: "decisions", rows: n, filters: { platform: slug, from: `${month}-01`, to: lastDay(month) } });
  expect(manifest.sha256).toBe(createHash("sha256").update(file).digest("hex"));
  const served = await page.request.get(`/api/export/manifests/${manifest.id}`);
  expect(served.status()).toBe(200);
  expect((await served.json()).sha256).toBe(manifest.sha256);

  // A case's history, from the log.
  const caseId = rows[0]![header!.indexOf("case_id")]!;
  await page.getByTestId("decision-row").first().getByTestId("case-history-link").click();
  await expect(page).toHaveURL(/\/audit\/events\?target=case%3A\d+|\/audit\/events\?target=case:\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^History of case #\d+$/);
  const shownCase = (await page.getByRole("heading", { level: 1 }).textContent())!.replace(/\D/g, "");
  const expected = readDatabase(
    (db) =>
      (db.prepare(
        `select count(*) as n from audit_events where (target_type = 'case' and target_id = @c)
           or (target_type = 'decision' and target_id in (select cast(id as text) from decisions where case_id = @c))
           or (target_type = 'report' and target_id in (select cast(id as text) from reports where case_id = @c))
           or (target_type = 'verdict' and target_id in (select cast(v.id as text) from verdicts v join decisions d on d.id = v.decision_id where d.case_id = @c))
           or (target_type = 'notice' and target_id in (select cast(id as text) from rectification_notices where case_id = @c))`,
      ).get({ c: shownCase }) as { n: number }).n,
  );
  await expect(page.getByTestId("event-row")).toHaveCount(Math.min(expected, 50));
  await expect(page.getByTestId("event-row").locator("td:nth-child(4)").filter({ hasText: "decision.recorded" }).first()).toBeVisible();
  await page.getByTestId("event-row").locator("summary").first().click();
  await screenshot(page, "audit-case-history-en.png");
  expect(caseId).toMatch(/^\d+$/);
  await page.getByRole("link", { name: `Open case #${shownCase}` }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${shownCase}$`));
  // And back: the case page links an auditor to the case's full history.
  await page.getByTestId("case-history-link").click();
  await expect(page).toHaveURL(new RegExp(`/audit/events\\?target=case%3A${shownCase}$`));
  await expect(page.getByTestId("event-row").first()).toBeVisible();
});

test("an auditor verifies the chain and sees the head hash; the Chinese pages read", async ({ page }) => {
  await signIn(page, demoLogins.auditor);
  await page.goto("/audit/verify");
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByTestId("verify-ok")).toBeVisible({ timeout: 30_000 });
  const head = readDatabase((db) => db.prepare("select seq, hash from audit_events where action <> 'audit.chain_verified' or seq < (select max(seq) from audit_events) order by seq desc limit 1").get() as { seq: number; hash: string });
  const shown = await page.getByTestId("verify-head").textContent();
  expect(shown).toMatch(/^[0-9a-f]{64}$/);
  // The head it verified is the chain's head then: at most its own event has been added since.
  const verifiedEvent = readDatabase((db) => JSON.parse((db.prepare("select after from audit_events where action = 'audit.chain_verified' order by seq desc limit 1").get() as { after: string }).after));
  expect(verifiedEvent).toMatchObject({ ok: true, headHash: shown });
  expect(head.seq).toBeGreaterThan(0);
  await screenshot(page, "audit-verify-en.png");

  // Saved on the account: switched back at the end.
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("button", { name: "切换语言" })).toBeVisible();
  await page.goto("/audit/decisions");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("处置记录");
  await screenshot(page, "audit-decisions-zh.png");
  await page.goto("/audit/events");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("审计日志");
  await page.getByTestId("event-row").locator("summary").first().click();
  await screenshot(page, "audit-events-zh.png");
  await page.goto("/audit/verify");
  await page.getByRole("button", { name: "校验哈希链" }).click();
  await expect(page.getByTestId("verify-ok")).toContainText("哈希链完整", { timeout: 30_000 });
  await screenshot(page, "audit-verify-zh.png");
  await page.goto("/exports");
  await screenshot(page, "exports-zh.png");
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByRole("button", { name: "Switch language" })).toBeVisible();
});

test("a manager exports decisions with progress, but gets 403 for events and the refusal is audited", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await page.goto("/exports");
  await expect(page.getByRole("radio", { name: "Audit trail" })).toHaveCount(0);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByTestId("export-done")).toBeVisible();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("linkdesk-decisions-all.csv");
  const total = readDatabase((db) => (db.prepare("select count(*) as n from decisions").get() as { n: number }).n);
  await expect(page.getByTestId("export-done")).toContainText(`${total.toLocaleString("en-US")} rows`);
  await screenshot(page, "exports-en.png");

  expect((await page.request.get("/api/export/decisions?format=ndjson")).status()).toBe(200);
  const refused = await page.request.get("/api/export/events?format=csv");
  expect(refused.status()).toBe(403);
  const event = readDatabase((db) => db.prepare("select e.action, e.target_id as target, u.email from audit_events e join users u on u.id = e.actor_id order by seq desc limit 1").get());
  expect(event).toEqual({ action: "export.refused", target: "events", email: demoLogins.manager });
  expect((await page.request.get("/api/export/decisions?format=xlsx")).status()).toBe(400);
});

test("signed out, the exports answer 401", async ({ request }) => {
  expect((await request.get("/api/export/decisions")).status()).toBe(401);
  expect((await request.get("/api/export/events")).status()).toBe(401);
});
