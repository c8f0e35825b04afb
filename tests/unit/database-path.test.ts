import path from "node:path";
import { describe, expect, it } from "vitest";
import { databasePath } from "@/lib/db/database-path";

describe("DATABASE_URL", () => {
  it("reads the default file: URL relative to the working directory", () => {
    expect(databasePath("file:./data/linkdesk.db")).toBe(path.resolve("data/linkdesk.db"));
  });
  it("accepts absolute file: URLs and plain paths", () => {
    expect(databasePath("file:/var/lib/linkdesk/db.sqlite")).toBe("/var/lib/linkdesk/db.sqlite");
    expect(databasePath("file:///var/lib/linkdesk/db.sqlite")).toBe("/var/lib/linkdesk/db.sqlite");
    expect(databasePath("/tmp/x.db")).toBe("/tmp/x.db");
  });
  it("supports an in-memory database and refuses an empty one", () => {
    expect(databasePath(":memory:")).toBe(":memory:");
    expect(() => databasePath("file:")).toThrow(/names no file/);
  });
});
