import { expect, test } from "@playwright/test";
import { attemptSignIn, demoLogins, formAlert, readDatabase, signIn, signOut } from "./support";

test("signed-out visitors are sent to sign-in, and come back where they were going", async ({ page }) => {
  await page.goto("/rules");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Frules/);
  await page.getByLabel("Email").fill(demoLogins.moderator);
  await page.getByLabel("Password").fill("linkdesk-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/rules$/);
  await expect(page.getByRole("heading", { name: "Rulebook" })).toBeVisible();
});

test("a wrong password shows an error and keeps the email", async ({ page }) => {
  // An address that is not a staff account gets the same answer as a wrong password.
  for (const email of ["nobody@linkdesk.test", "moderator@linkdesk.test"]) {
    await attemptSignIn(page, email, "not the password");
    await expect(formAlert(page)).toHaveText("The email or password is not right.");
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  await expect(page).toHaveURL(/\/login/);
});

test("sign-out ends the session", async ({ page }) => {
  await signIn(page, demoLogins.senior);
  await expect(page.getByTestId("role")).toHaveText("Senior moderator");
  await signOut(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  const lastEvent = readDatabase((db) =>
    db.prepare("select e.action from audit_events e join users u on u.id = e.actor_id where u.email = ? order by e.seq desc limit 1").get(demoLogins.senior),
  );
  expect(lastEvent).toEqual({ action: "auth.signed_out" });
});

test("repeated wrong passwords lock the account, even against the right password", async ({ page }) => {
  // A fresh account, so the lock does not get in the way of the other tests.
  await signIn(page, demoLogins.admin);
  await page.goto("/admin/staff");
  const email = `lock-${Date.now()}@linkdesk.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Lock Test");
  await page.getByLabel("Initial password (12+ characters)").fill("lock-test-password");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(`Created ${email}.`);
  await signOut(page);

  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await attemptSignIn(page, email, `wrong-${attempt}`);
    await expect(formAlert(page)).toHaveText("The email or password is not right.");
  }
  await attemptSignIn(page, email, "wrong-5");
  await expect(formAlert(page)).toContainText("locked");
  await attemptSignIn(page, email, "lock-test-password");
  await expect(formAlert(page)).toContainText("locked");
  await expect(page).toHaveURL(/\/login/);

  // The admin sees the lock and can lift it.
  await signIn(page, demoLogins.admin);
  await page.goto("/admin/staff");
  const row = page.getByTestId(`staff-${email}`);
  await expect(row).toContainText("Locked");
  await row.getByRole("button", { name: "Unlock" }).click();
  await expect(row).toContainText("Active");
  await signOut(page);
  await signIn(page, email, "lock-test-password");
  await expect(page.getByRole("heading", { name: "Hello, Lock Test" })).toBeVisible();
});
