import { expect, test } from "@playwright/test";
import { demoLogins, signIn } from "./support";

const navigationOf = {
  moderator: ["Home", "Queue", "Restore requests", "Appeals", "Notices", "Rulebook", "Block page preview", "Platforms", "Ratings"],
  senior: ["Home", "Queue", "Restore requests", "Appeals", "Notices", "Rulebook", "Block page preview", "Platforms", "Ratings"],
  manager: ["Home", "Queue", "Restore requests", "Appeals", "Notices", "Rulebook", "Block page preview", "Platforms", "Ratings", "Fairness", "Exports"],
  auditor: ["Home", "Queue", "Restore requests", "Appeals", "Notices", "Rulebook", "Block page preview", "Platforms", "Ratings", "Fairness", "Audit trail", "Exports"],
  admin: ["Home", "Queue", "Restore requests", "Appeals", "Notices", "Rulebook", "Block page preview", "Platforms", "Ratings", "Audit trail", "Exports", "Staff", "API clients"],
} as const;

const roleName = { moderator: "Moderator", senior: "Senior moderator", manager: "Manager", auditor: "Auditor", admin: "Admin" };

for (const [role, items] of Object.entries(navigationOf) as [keyof typeof navigationOf, readonly string[]][]) {
  test(`${role} signs in and sees exactly their navigation`, async ({ page }) => {
    await signIn(page, demoLogins[role]);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("role")).toHaveText(roleName[role]);
    await expect(page.getByTestId("navigation").getByRole("link")).toHaveText([...items]);
    for (const item of items) {
      await page.getByTestId("navigation").getByRole("link", { name: item, exact: true }).click();
      await expect(page.getByTestId("forbidden")).toHaveCount(0);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
  });
}

test("a moderator opening the admin pages gets the forbidden page, and no data", async ({ page }) => {
  await signIn(page, demoLogins.moderator);
  await expect(page.getByTestId("role")).toHaveText("Moderator");
  for (const path of ["/admin/staff", "/admin/api-clients", "/audit", "/exports"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.locator("body")).not.toContainText("admin@linkdesk.test");
    await expect(page.locator("table")).toHaveCount(0);
  }
});

test("a manager cannot reach staff administration", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await expect(page.getByTestId("role")).toHaveText("Manager");
  const response = await page.goto("/admin/staff");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
});
