import { expect, test } from "@playwright/test";
import { attemptSignIn, demoLogins, formAlert, signIn, signOut } from "./support";

test("a staff member changes their own password and time zone", async ({ page }) => {
  // A fresh account, so the demo logins keep their password.
  await signIn(page, demoLogins.admin);
  await page.goto("/admin/staff");
  const email = `account-${Date.now()}@linkdesk.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Ana Account");
  await page.getByLabel("Initial password (12+ characters)").fill("initial-password");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(`Created ${email}.`);
  await signOut(page);

  await signIn(page, email, "initial-password");
  await page.getByRole("link", { name: "Ana Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password (12+ characters)").fill("second-password");
  await page.getByLabel("New password again").fill("second-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This is not your current password.")).toBeVisible();
  // What was typed stays, so only the wrong field needs fixing.
  await expect(page.getByLabel("New password again")).toHaveValue("second-password");

  await page.getByLabel("Current password").fill("initial-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();

  await page.getByLabel("Show times in").selectOption("Europe/Berlin");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto("/");
  await expect(page.getByText("(Europe/Berlin)")).toBeVisible();

  await signOut(page);
  await attemptSignIn(page, email, "initial-password");
  await expect(formAlert(page)).toHaveText("The email or password is not right.");
  await signIn(page, email, "second-password");
});
