import { expect, test } from "@playwright/test";
import { demoLogins, readDatabase, signIn } from "./support";

const domainRow = (domain: string) => readDatabase((db) => db.prepare("select kind, platform_id as platformId from platform_domains where domain = ?").get(domain));
const eventsFor = (platformId: number) =>
  readDatabase((db) =>
    (db.prepare("select action, after, before from audit_events where target_type = 'platform' and target_id = ? and action like 'platform.domain_%' order by seq").all(String(platformId)) as {
      action: string;
      after: string | null;
      before: string | null;
    }[]),
  );

test("a manager adds a domain to a platform and removes it after confirming; bad domains are refused", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await page.getByTestId("navigation").getByRole("link", { name: "Platforms", exact: true }).click();
  await page.getByTestId("platform-dangdang").getByRole("link", { name: "Dangdang" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dangdang");
  await expect(page.getByTestId("domain-dangdang.com")).toContainText("Registrable domain");
  const dangdang = (readDatabase((db) => db.prepare("select id from platforms where slug = 'dangdang'").get()) as { id: number }).id;

  // A URL instead of a host name: a field error, nothing written.
  await page.getByLabel("Domain", { exact: true }).fill("https://dangdang-e2e.example/item");
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByText("Enter a host name such as example.com: no https://, path, port or IP address.")).toBeVisible();
  expect(domainRow("dangdang-e2e.example")).toBeUndefined();

  // Another platform's domain: refused, naming the owner.
  await page.getByLabel("Domain", { exact: true }).fill("v.douyin.com");
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByText("This domain is already registered.")).toBeVisible();
  await expect(page.getByText("It belongs to the platform “douyin”.")).toBeVisible();
  expect(domainRow("v.douyin.com")).toMatchObject({ kind: "short_link" });
  expect(eventsFor(dangdang)).toEqual([]);

  await page.getByLabel("Domain", { exact: true }).fill("Dangdang-E2E.example");
  await page.getByLabel("Domain kind").selectOption("short_link");
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByRole("status")).toHaveText("Added dangdang-e2e.example.");
  const row = page.getByTestId("domain-dangdang-e2e.example");
  await expect(row).toContainText("Short-link host");
  expect(domainRow("dangdang-e2e.example")).toEqual({ kind: "short_link", platformId: dangdang });

  // Removing asks first; cancelling keeps the domain.
  await row.getByRole("button", { name: "Remove" }).click();
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Remove" }).click();
  await row.getByRole("button", { name: "Remove dangdang-e2e.example now" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("domain-dangdang.com")).toBeVisible();
  expect(domainRow("dangdang-e2e.example")).toBeUndefined();

  const events = eventsFor(dangdang);
  expect(events.map((e) => e.action)).toEqual(["platform.domain_added", "platform.domain_removed"]);
  expect(JSON.parse(events[0]!.after!)).toMatchObject({ domain: "dangdang-e2e.example", kind: "short_link" });
  expect(JSON.parse(events[1]!.before!)).toMatchObject({ domain: "dangdang-e2e.example", kind: "short_link" });
});

test("a manager registers a new platform and opens its page", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await page.goto("/platforms");
  await page.getByLabel("Slug").fill("Weixin Channels");
  await page.getByLabel("Name (English)").fill("WeChat Channels");
  await page.getByLabel("Name (Chinese)").fill("视频号");
  await page.getByLabel("Kind").selectOption("video");
  await page.getByRole("button", { name: "Create platform" }).click();
  await expect(page.getByText("Use lowercase letters, digits and single hyphens.")).toBeVisible();

  await page.getByLabel("Slug").fill("weixin-channels");
  await page.getByRole("button", { name: "Create platform" }).click();
  await expect(page.getByRole("status")).toContainText("Created WeChat Channels.");
  await expect(page.getByTestId("platform-weixin-channels")).toContainText("Video");
  await page.getByRole("status").getByRole("link", { name: "Add its domains" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("WeChat Channels");
  await expect(page.getByTestId("empty-state")).toContainText("No domains registered yet");
  await expect(page.getByRole("button", { name: "Add domain" })).toBeVisible();
});

test("a moderator sees the registry and a platform's domains, without any form", async ({ page }) => {
  await signIn(page, demoLogins.moderator);
  await page.goto("/platforms");
  await expect(page.getByTestId("platform-douyin")).toContainText("v.douyin.com");
  await expect(page.locator("main form")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "New platform" })).toHaveCount(0);

  await page.getByTestId("platform-douyin").getByRole("link", { name: "Douyin" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Douyin");
  await expect(page.getByTestId("domain-v.douyin.com")).toContainText("Short-link host");
  await expect(page.getByTestId("domain-douyin.com")).toContainText("Registrable domain");
  await expect(page.locator("main form")).toHaveCount(0);
  // The rating charts' own controls (chart or table, CSV) are the only buttons a moderator gets.
  await expect(page.locator("main button").filter({ hasNotText: /^(Chart|Table|Download CSV)$/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Chart" }).first()).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
});
