import { expect, test } from "@playwright/test";
import { demoLogins, formAlert, signIn, signOut } from "./support";

test("the language switch turns the console Chinese and back, and the choice is remembered", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await expect(page.getByRole("link", { name: "Rulebook" })).toBeVisible();

  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("link", { name: "处置规则" })).toBeVisible();
  await expect(page.getByTestId("role")).toHaveText("经理");
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  // Saved on the account: a reload, and a new sign-in in a fresh browser, stay Chinese.
  await page.reload();
  await expect(page.getByRole("link", { name: "处置规则" })).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, demoLogins.manager);
  await expect(page.getByRole("link", { name: "处置规则" })).toBeVisible();

  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByRole("link", { name: "Rulebook" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await signOut(page);
});

test("the sign-in page can be switched before signing in", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("heading", { name: "员工登录" })).toBeVisible();
  await page.getByLabel("邮箱").fill("nobody@linkdesk.test");
  await page.getByLabel("密码").fill("wrong password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(formAlert(page)).toHaveText("邮箱或密码不正确。");
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByRole("heading", { name: "Staff sign-in" })).toBeVisible();
});

test("dates are shown in the viewer's time zone, Asia/Shanghai by default", async ({ page }) => {
  await signIn(page, demoLogins.auditor);
  await page.goto("/audit");
  const cell = page.locator("tbody time").first();
  const iso = await cell.getAttribute("datetime");
  expect(iso).toMatch(/Z$/);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date(iso!)).map((p) => [p.type, p.value]),
  );
  const shanghai = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  await expect(cell).toHaveText(shanghai);
});
