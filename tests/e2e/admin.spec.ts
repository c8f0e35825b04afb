import { expect, test } from "@playwright/test";
import { attemptSignIn, demoLogins, formAlert, readDatabase, signIn, signOut } from "./support";

test("an admin creates a staff member, who signs in with their role; disabling ends their access", async ({ page, browser }) => {
  await signIn(page, demoLogins.admin);
  await page.getByRole("link", { name: "Staff" }).click();
  const email = `new-auditor-${Date.now()}@linkdesk.test`;

  // Bad input first: clear errors, nothing created.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Initial password (12+ characters)").fill("short");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByText("Required.")).toBeVisible();
  expect(readDatabase((db) => db.prepare("select count(*) as n from users where email = 'not-an-email'").get())).toEqual({ n: 0 });

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Nora Auditor");
  await page.getByLabel("Role", { exact: true }).selectOption("auditor");
  await page.getByLabel("Initial password (12+ characters)").fill("nora-auditor-pass");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(`Created ${email}.`);
  const row = page.getByTestId(`staff-${email}`);
  await expect(row).toContainText("Active");

  // The same email twice is refused.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Duplicate");
  await page.getByLabel("Initial password (12+ characters)").fill("nora-auditor-pass");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("A staff member with this email already exists.").first()).toBeVisible();

  // The new person signs in, in another browser, and sees an auditor's console.
  const other = await browser.newContext();
  const nora = await other.newPage();
  await signIn(nora, email, "nora-auditor-pass");
  await expect(nora.getByTestId("role")).toHaveText("Auditor");

  // Role change applies on Nora's next request.
  await row.getByLabel("Role of Nora Auditor").selectOption("manager");
  await expect.poll(() => readDatabase((db) => (db.prepare("select role from users where email = ?").get(email) as { role: string }).role)).toBe("manager");
  await nora.reload();
  await expect(nora.getByTestId("role")).toHaveText("Manager");

  // Disabling asks for confirmation, then ends the session at once.
  await row.getByRole("button", { name: "Disable" }).click();
  await row.getByRole("button", { name: "Disable Nora Auditor now" }).click();
  await expect(row).toContainText("Disabled");
  await nora.reload();
  await expect(nora).toHaveURL(/\/login/);
  await attemptSignIn(nora, email, "nora-auditor-pass");
  await expect(formAlert(nora)).toContainText("disabled");

  const events = readDatabase((db) =>
    (db.prepare("select action from audit_events where target_type = 'user' and target_id = (select cast(id as text) from users where email = ?) order by seq").all(email) as { action: string }[]).map((e) => e.action),
  );
  expect(events).toEqual(expect.arrayContaining(["staff.created", "auth.signed_in", "staff.role_changed", "staff.disabled", "auth.sign_in_refused"]));
  await other.close();
});

test("an admin cannot disable or demote themselves", async ({ page }) => {
  await signIn(page, demoLogins.admin);
  await page.goto("/admin/staff");
  await expect(page.getByTestId(`staff-${demoLogins.admin}`)).toContainText("This is you");
  await expect(page.getByTestId(`staff-${demoLogins.admin}`).getByRole("button")).toHaveCount(0);
});

test("an admin creates an API client whose key works once shown, and revokes it", async ({ page, request }) => {
  await signIn(page, demoLogins.admin);
  await page.getByRole("link", { name: "API clients" }).click();
  await expect(page.getByRole("cell", { name: "Demo chat app" })).toBeVisible();
  await page.getByLabel("Name").fill("Partner app");
  await page.getByLabel("Requests per minute").fill("0");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByText("Between 1 and 1,000,000.")).toBeVisible();
  await page.getByLabel("Requests per minute").fill("2");
  await page.getByRole("button", { name: "Create client" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^ld_[A-Za-z0-9_-]{20,}$/);
  expect(readDatabase((db) => db.prepare("select count(*) as n from api_clients where key_hash = ?").get(key))).toEqual({ n: 0 });

  const me = await request.get("/api/v1/client", { headers: { authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).client).toMatchObject({ name: "Partner app", requestsPerMinute: 2 });

  // Its rate limit applies at once: the third request within the minute waits.
  expect((await request.get("/api/v1/client", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(200);
  const limited = await request.get("/api/v1/client", { headers: { authorization: `Bearer ${key}` } });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await limited.json()).error.code).toBe("rate_limited");

  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  const row = page.getByRole("row", { name: /Partner app/ });
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Revoke Partner app now" }).click();
  await expect(row).toContainText("Revoked");
  const after = await request.get("/api/v1/client", { headers: { authorization: `Bearer ${key}` } });
  expect(after.status()).toBe(401);
  await signOut(page);
});
