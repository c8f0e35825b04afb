import { expect, test } from "@playwright/test";
import { demoLogins, readDatabase, signIn } from "./support";

test("the home page shows live counts read from the database", async ({ page }) => {
  await signIn(page, demoLogins.moderator);
  const truth = readDatabase((db) => {
    const dayAgo = new Date(Date.now() - 24 * 3_600_000).toISOString();
    const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
    return {
      open: count("select count(*) as n from cases where status = 'open'"),
      escalated: count("select count(*) as n from cases where status = 'escalated'"),
      reports: count("select count(*) as n from reports where created_at >= ?", dayAgo),
    };
  });
  expect(truth.open).toBeGreaterThan(0);
  expect(truth.reports).toBeGreaterThan(0);
  const number = (n: number) => n.toLocaleString("en-US");
  await expect(page.getByTestId("count-open-cases")).toHaveText(number(truth.open));
  await expect(page.getByTestId("count-escalated")).toHaveText(number(truth.escalated));
  await expect(page.getByTestId("count-reports-24h")).toHaveText(number(truth.reports));
  await expect(page.getByTestId("count-blocks")).toHaveText(/^\d[\d,]*$/);
});
