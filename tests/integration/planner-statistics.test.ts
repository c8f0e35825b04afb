// The server's planner statistics on a real SQLite file: a full ANALYZE when an index of a table
// with rows has never been analysed, a cheap PRAGMA optimize otherwise.
import { describe, expect, it } from "vitest";
import { refreshPlannerStatistics } from "@/lib/db/planner-statistics";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import { testDatabase } from "./support/database";

const { db, sqlite } = testDatabase();
const stat = (index: string) =>
  sqlite.prepare("select stat from sqlite_stat1 where idx = ?").pluck().get(index) as string | undefined;

describe("refreshPlannerStatistics", () => {
  it("analyses every index once rows exist, then only optimises", () => {
    for (let i = 0; i < 30; i += 1) {
      fileReport(db, { url: `https://stats-${i % 3}.example/p${i}`, category: "rumour", scene: "group", reporterHash: reporterHash(`stats-${i}`), source: "api" });
    }
    expect(refreshPlannerStatistics(sqlite)).toBe("analyzed");
    // "rows, then rows per distinct status": 30 cases, all open.
    expect(stat("cases_queue_idx")).toMatch(/^30 30 /);
    expect(stat("cases_category_queue_idx")).toMatch(/^30 30 30 /);
    expect(refreshPlannerStatistics(sqlite)).toBe("optimized");
  });

  it("analyses again when a migration adds an index that has no statistics", () => {
    sqlite.exec("create index stats_test_idx on reports (scene)");
    try {
      expect(refreshPlannerStatistics(sqlite)).toBe("analyzed");
      expect(stat("stats_test_idx")).toBeDefined();
    } finally {
      sqlite.exec("drop index stats_test_idx");
    }
  });
});
