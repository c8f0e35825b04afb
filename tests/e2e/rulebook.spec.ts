// Managers change the rulebook through a draft: a rulebook with a gap is refused with the reason, a
// valid change is published as a new version that everyone sees, and the history shows it side by
// side with the version before. The last test publishes the original rumour rule again, so the
// specs after this one see version 1's rules (as version 3) and no draft.
import { type Page, expect, test } from "@playwright/test";
import { demoLogins, readDatabase, signIn } from "./support";

const versions = () =>
  readDatabase((db) => db.prepare("select version, status, summary from rule_versions order by version").all()) as { version: number; status: string; summary: string }[];
const rumourLadder = (version: number) =>
  readDatabase((db) =>
    JSON.parse(
      (db.prepare("select ladder from rules join rule_versions v on v.id = rules.rule_version_id where v.version = ? and category = 'rumour'").get(version) as { ladder: string }).ladder,
    ),
  );
const eventsSince = (seq: number) =>
  readDatabase((db) => db.prepare("select action, after from audit_events where seq > ? and action like 'rules.%' order by seq").all(seq)) as { action: string; after: string | null }[];
const lastSeq = () => readDatabase((db) => (db.prepare("select max(seq) as seq from audit_events").get() as { seq: number }).seq);

async function startDraft(page: Page, version: number) {
  await page.goto("/rules");
  await page.getByRole("button", { name: "Edit as new draft" }).click();
  await expect(page).toHaveURL(/\/rules\/draft$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Draft version ${version}`);
}

async function publish(page: Page, version: number, summary: string) {
  await page.getByLabel("Change summary").fill(summary);
  await page.getByRole("button", { name: `Publish version ${version}…` }).click();
  await page.getByRole("button", { name: `Publish version ${version} now` }).click();
}

test.describe.configure({ mode: "serial" });

test("a moderator sees the published rulebook but gets the forbidden page for the draft", async ({ page }) => {
  await signIn(page, demoLogins.moderator);
  await page.goto("/rules");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rulebook");
  await expect(page.getByRole("button", { name: "Edit as new draft" })).toHaveCount(0);
  const response = await page.goto("/rules/draft");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
});

test("publishing a rulebook with a gap is refused with the reason; the draft is then discarded", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await startDraft(page, 2);

  // Gambling is critical: starting it at a warning leaves a gap.
  const gambling = page.getByTestId("draft-rule-gambling");
  await gambling.getByLabel("Level of offence 1").selectOption("L1");
  await gambling.getByLabel("Unit of offence 1").selectOption("days");
  await gambling.getByLabel("Duration of offence 1").fill("7");
  await gambling.getByRole("button", { name: "Save rule" }).click();
  await expect(gambling.getByRole("status")).toHaveText("Saved.");
  await expect(gambling.getByText("Changed", { exact: true })).toBeVisible();

  const seq = lastSeq();
  await publish(page, 2, "Warn first for gambling");
  const refusal = page.getByTestId("publish-problems");
  await expect(refusal).toContainText("Not published. The rulebook has these problems:");
  await expect(refusal).toContainText("The rule for Gambling (gambling) starts at L1: a critical category is handled at L3 or above from the first offence.");
  expect(versions().map((v) => [v.version, v.status])).toEqual([[1, "published"], [2, "draft"]]);
  expect(eventsSince(seq)).toEqual([]);

  await page.getByRole("button", { name: "Discard the draft…" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Discard the draft…" }).click();
  await page.getByRole("button", { name: "Discard version 2 now" }).click();
  await expect(page).toHaveURL(/\/rules$/);
  await expect(page.getByRole("button", { name: "Edit as new draft" })).toBeVisible();
  expect(versions().map((v) => v.version)).toEqual([1]);
  expect(eventsSince(seq).map((e) => e.action)).toEqual(["rules.draft_discarded"]);
});

test("a manager publishes a rule change and sees the diff", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await startDraft(page, 2);
  const rumour = page.getByTestId("draft-rule-rumour");
  await expect(rumour.getByLabel("Duration of offence 1")).toHaveValue("30");
  await expect(rumour.getByLabel("Unit of offence 1")).toHaveValue("days");

  // A duration of zero is refused beside its step, and nothing is saved.
  await rumour.getByLabel("Duration of offence 1").fill("0");
  await rumour.getByRole("button", { name: "Save rule" }).click();
  await expect(rumour.getByText("Enter whole hours from 1 to 87,600 (or days up to 3,650), or choose until lifted.")).toBeVisible();
  expect(rumourLadder(2)[0]).toEqual({ level: "L1", durationHours: 720 });

  await rumour.getByLabel("Duration of offence 1").fill("14");
  await rumour.getByRole("button", { name: "Save rule" }).click();
  await expect(rumour.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByText("1 rule changed since version 1.")).toBeVisible();

  // The summary is required, then the publish is confirmed.
  await publish(page, 2, "Hi");
  await expect(page.getByText("Write 5 to 500 characters.")).toBeVisible();
  await publish(page, 2, "Shorter first warning for rumours");
  await expect(page).toHaveURL(/\/rules$/);
  await expect(page.getByText("Version 2: Shorter first warning for rumours")).toBeVisible();
  await expect(page.getByTestId("rule-rumour")).toContainText("L1 14 d → L2 30 d → L3 until lifted");
  expect(versions()).toEqual([
    { version: 1, status: "published", summary: "Default rulebook" },
    { version: 2, status: "published", summary: "Shorter first warning for rumours" },
  ]);
  expect(rumourLadder(1)[0]).toEqual({ level: "L1", durationHours: 720 });
  expect(rumourLadder(2)[0]).toEqual({ level: "L1", durationHours: 336 });

  await page.getByRole("link", { name: "History and changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rulebook history");
  await expect(page.getByTestId("version-2")).toContainText("Shorter first warning for rumours");
  await expect(page.getByTestId("version-2")).toContainText("Published");
  await page.getByTestId("version-2").getByRole("link", { name: "Changes from version 1" }).click();

  await expect(page).toHaveURL(/\/rules\/diff\?from=1&to=2$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changes from version 1 to version 2");
  // Only the rumour rule changed, and only its ladder: old on the left, new on the right.
  await expect(page.locator("main section")).toHaveCount(1);
  const ladder = page.getByTestId("diff-rumour-ladder-changed");
  await expect(ladder.locator("td").nth(0)).toContainText("First offence → repeats");
  await expect(ladder.locator("td").nth(0)).toContainText("changed");
  await expect(ladder.locator("td").nth(1)).toHaveText("L1 30 d → L2 30 d → L3 until lifted");
  await expect(ladder.locator("td").nth(2)).toHaveText("L1 14 d → L2 30 d → L3 until lifted");
  await expect(page.getByTestId("diff-rumour-reasonEn")).toBeVisible();

  // The comparison lives in the URL; unknown versions are named.
  await page.getByLabel("From version").selectOption("2");
  await page.getByRole("button", { name: "Show the changes" }).click();
  await expect(page).toHaveURL(/\/rules\/diff\?from=2&to=2$/);
  await expect(page.getByTestId("diff-none")).toHaveText("The two versions have the same rules.");
  await page.goto("/rules/diff?from=1&to=9");
  await expect(page.getByTestId("diff-notice")).toHaveText("There is no version 9 to compare.");
  await page.goto("/rules/diff?from=one&to=2");
  await expect(page.getByTestId("diff-notice")).toHaveText("Versions are whole numbers. Choose two from the lists below.");
});

test("putting the rumour rule back is a new version too, identical to version 1", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await startDraft(page, 3);
  const rumour = page.getByTestId("draft-rule-rumour");
  await rumour.getByLabel("Duration of offence 1").fill("30");
  await rumour.getByRole("button", { name: "Save rule" }).click();
  await expect(rumour.getByRole("status")).toHaveText("Saved.");
  const seq = lastSeq();
  await publish(page, 3, "Restore the 30-day first warning for rumours");
  await expect(page).toHaveURL(/\/rules$/);
  await expect(page.getByTestId("rule-rumour")).toContainText("L1 30 d → L2 30 d → L3 until lifted");
  const [event] = eventsSince(seq);
  expect(JSON.parse(event!.after!)).toEqual({ version: 3, summary: "Restore the 30-day first warning for rumours", basedOn: 2, categories: ["rumour"] });

  await page.goto("/rules/diff?from=1&to=3");
  await expect(page.getByTestId("diff-none")).toBeVisible();
  expect(versions().map((v) => v.status)).toEqual(["published", "published", "published"]);
});
