import { expect, test } from "@playwright/test";
import { readDatabase } from "./support";

test("a visitor files a complaint on the portal in Chinese, gets a tracking code and sees its status", async ({ page }) => {
  await page.goto("/report");
  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("heading", { name: "举报有害链接" })).toBeVisible();

  // A link that is not a web link is refused with a reason in Chinese, and nothing is filed.
  await page.getByLabel("链接").fill("javascript:alert(1)");
  await page.getByLabel("问题类型").selectOption({ label: "诈骗" });
  await page.getByRole("radio", { name: "群聊" }).check();
  await page.getByRole("button", { name: "提交投诉" }).click();
  await expect(page.getByText("只能举报网页链接（http 或 https）。")).toBeVisible();

  const link = `https://hongbao-portal-${Date.now()}.top/lingqu?from=groupmessage`;
  await page.getByLabel("链接").fill(link);
  await page.getByLabel("补充说明（选填）").fill("群里有人发的红包链接，点开要求输入银行卡号。");
  await expect(page.getByText(/^\d+ \/ 500 字$/)).toBeVisible();
  await page.getByRole("button", { name: "提交投诉" }).click();

  const receipt = page.getByTestId("receipt");
  await expect(receipt).toContainText("感谢你的投诉");
  const code = (await page.getByTestId("tracking-code").textContent())!.trim();
  expect(code).toMatch(/^LD-[2-9A-HJ-NP-Z]{8}$/);
  const stored = readDatabase((db) => db.prepare("select source, category, scene, description from reports where tracking_code = ?").get(code));
  expect(stored).toEqual({ source: "portal", category: "fraud_scam", scene: "group", description: "群里有人发的红包链接，点开要求输入银行卡号。" });

  await page.getByRole("link", { name: "查看投诉进度" }).click();
  await expect(page).toHaveURL(new RegExp(`/report/status/${code}$`));
  await expect(page.getByRole("heading", { name: "投诉进度" })).toBeVisible();
  await expect(page.getByTestId("status-text")).toHaveText("你的投诉已进入队列，工作人员将进行审核。");
  await expect(page.locator('[aria-current="step"]')).toHaveText("已受理");
  await expect(page.getByText(link.split("?")[0]!)).toBeVisible();

  // Reporting the same link again from the same browser shows the earlier complaint.
  await page.goto("/report");
  await page.getByLabel("链接").fill(link);
  await page.getByLabel("问题类型").selectOption({ label: "诈骗" });
  await page.getByRole("radio", { name: "群聊" }).check();
  await page.getByRole("button", { name: "提交投诉" }).click();
  await expect(page.getByTestId("receipt")).toContainText("你已举报过该链接");
  await expect(page.getByTestId("tracking-code")).toHaveText(code);

  // The lookup form finds it by code; an unknown code says so.
  await page.goto("/report");
  await page.getByLabel("已经投诉过？输入投诉编号查询").fill(code.toLowerCase());
  await page.getByRole("button", { name: "查询进度" }).click();
  await expect(page.getByRole("heading", { name: "投诉进度" })).toBeVisible();
  await page.goto("/report/status/LD-ZZZZZZZZ");
  await expect(page.getByTestId("status-unknown")).toContainText("未找到该编号的投诉");
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.getByTestId("status-unknown")).toContainText("No complaint with this code");
});
