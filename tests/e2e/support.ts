import { type Page, expect } from "@playwright/test";
import Database from "better-sqlite3";
import { e2eDatabaseFile } from "./paths";

export const DEMO_PASSWORD = "linkdesk-demo";

export const demoLogins = {
  admin: "admin@linkdesk.test",
  moderator: "moderator@linkdesk.test",
  senior: "senior@linkdesk.test",
  manager: "manager@linkdesk.test",
  auditor: "auditor@linkdesk.test",
} as const;

/** Fills in the sign-in form and submits it, whatever the outcome. */
export async function attemptSignIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(/^(Email|邮箱)$/).fill(email);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|登录)$/ }).click();
}

/** Signs in and waits until the console is there. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await attemptSignIn(page, email, password);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** The page's own error message (Next's route announcer is an empty alert outside main). */
export function formAlert(page: Page) {
  return page.locator('main [role="alert"]');
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /^(Sign out|退出登录)$/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Read-only access to the server's own database file, to check pages against the truth. */
export function readDatabase<T>(read: (db: Database.Database) => T): T {
  const db = new Database(e2eDatabaseFile, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
