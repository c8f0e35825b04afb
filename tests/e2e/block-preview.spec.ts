// The block page preview: what a user meets at each level, in both languages, with the rule's reason.
import { expect, test } from "@playwright/test";
import { demoLogins, readDatabase, signIn } from "./support";

test("a manager previews each level's page in English and Chinese for a chosen category", async ({ page }) => {
  await signIn(page, demoLogins.manager);
  await page.goto("/verdicts/preview");
  await page.getByLabel("Category").selectOption({ label: "Fraud or scam" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/category=fraud_scam/);
  const reason = readDatabase((db) => db.prepare("select reason_en as en, reason_zh as zh from rules where category = 'fraud_scam' order by id desc").get() as { en: string; zh: string });

  for (const level of ["L1", "L2", "L3", "L4"]) {
    await expect(page.getByTestId(`preview-${level}-en`)).toContainText(reason.en);
    await expect(page.getByTestId(`preview-${level}-zh`)).toContainText(reason.zh);
  }
  await expect(page.getByTestId("preview-L1-en")).toContainText("Continue to the page");
  await expect(page.getByTestId("preview-L2-zh")).toContainText("已禁止分享到群聊和朋友圈");
  await expect(page.getByTestId("preview-L3-en")).toContainText("Apply to restore access");
  await expect(page.getByTestId("preview-L4-zh")).toContainText("该网站已被拦截");
  await page.screenshot({ path: "tests/.tmp/screenshots/block-preview.png", fullPage: true });
});
