// The server's planner statistics on a real SQLite file: a table is analysed, in full, when it has
// rows and an index without statistics, or when it has more than doubled since; otherwise not.
import { describe, expect, it } from "vitest";
import { refreshPlannerStatistics, tablesToAnalyse } from "@/lib/db/planner-statistics";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import { testDatabase } from "./support/database";

const { db, sqlite } = testDatabase();
const stat = (index: string) =>
  sqlite.prepare("select stat from sqlite_stat1 where idx = ?").pluck().get(index) as string | undefined;
let filed = 0;
const file = (n: number) => {
  for (let i = 0; i < n; i += 1, filed += 1) {
    fileReport(db, { url: `https://stats-${filed % 7}.example/p${filed}`, category: "rumour", scene: "group", reporterHash: reporterHash(`stats-${filed}`), source: "api" });
  }
};

describe("refreshPlannerStatistics", () => {
  it("analyses the tables that hold rows, in full, then leaves them until they change much", () => {
    file(30);
    const analysed = refreshPlannerStatistics(sqlite);
    expect(analysed).toEqual(expect.arrayContaining(["cases", "reports", "links"]));
    expect(analysed).not.toContain("appeals"); // no rows yet
    // "rows, then rows per distinct status": 30 cases, all open — counted, not sampled.
    expect(stat("cases_queue_idx")).toMatch(/^30 30 /);
    expect(stat("cases_category_queue_idx")).toMatch(/^30 30 30 /);
    expect(refreshPlannerStatistics(sqlite)).toEqual([]);
  });

  it("analyses a table again when it has more than doubled by at least a thousand rows", () => {
    file(1_000);
    expect(tablesToAnalyse(sqlite)).toEqual(expect.arrayContaining(["cases", "reports"]));
    expect(refreshPlannerStatistics(sqlite)).toContain("cases");
    expect(stat("cases_queue_idx")).toMatch(/^1030 1030 /);
    expect(tablesToAnalyse(sqlite)).toEqual([]);
  });

  it("analyses a table again when a migration adds an index without statistics", () => {
    sqlite.exec("create index stats_test_idx on reports (scene)");
    try {
      expect(refreshPlannerStatistics(sqlite)).toEqual(["reports"]);
      expect(stat("stats_test_idx")).toBeDefined();
    } finally {
      sqlite.exec("drop index stats_test_idx");
    }
  });
});
