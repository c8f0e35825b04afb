// The fairness report's period: whole days in the viewer's time zone, a 90-day default, at most two
// years, and a clear refusal for anything else.
import { describe, expect, it } from "vitest";
import { ActionError } from "@/lib/auth/action-result";
import { MAX_PERIOD_DAYS, resolvePeriod, startOfDay } from "@/lib/fairness/period";

const now = new Date("2026-11-24T20:30:00.000Z"); // already 25 November in Shanghai
const shanghai = { now, timeZone: "Asia/Shanghai" };

function refusal(run: () => unknown): ActionError {
  try {
    run();
  } catch (error) {
    if (error instanceof ActionError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("resolvePeriod", () => {
  it("defaults to the last 90 days up to today in the viewer's time zone", () => {
    expect(resolvePeriod({}, shanghai)).toEqual({
      from: "2026-08-28",
      to: "2026-11-25",
      days: 90,
      startIso: "2026-08-27T16:00:00.000Z",
      endIso: "2026-11-25T16:00:00.000Z",
      category: null,
    });
    expect(resolvePeriod({}, { now, timeZone: "UTC" })).toMatchObject({ from: "2026-08-27", to: "2026-11-24" });
  });

  it("treats empty form fields as not given", () => {
    expect(resolvePeriod({ from: "", to: " ", category: "" }, shanghai)).toMatchObject({ from: "2026-08-28", to: "2026-11-25", category: null });
  });

  it("takes 90 days before a given end, and today as the end after a given start", () => {
    expect(resolvePeriod({ to: "2026-03-31" }, shanghai)).toMatchObject({ from: "2026-01-01", to: "2026-03-31", days: 90 });
    expect(resolvePeriod({ from: "2026-11-01" }, shanghai)).toMatchObject({ from: "2026-11-01", to: "2026-11-25", days: 25 });
  });

  it("accepts a single day and exactly two years", () => {
    expect(resolvePeriod({ from: "2026-10-01", to: "2026-10-01" }, shanghai)).toMatchObject({ days: 1 });
    expect(resolvePeriod({ from: "2024-11-25", to: "2026-11-24" }, shanghai)).toMatchObject({ days: MAX_PERIOD_DAYS - 1 });
    expect(resolvePeriod({ from: "2024-02-29", to: "2026-02-28" }, shanghai)).toMatchObject({ days: MAX_PERIOD_DAYS });
  });

  it("keeps a category from the list", () => {
    expect(resolvePeriod({ category: "gambling" }, shanghai).category).toBe("gambling");
  });

  it("refuses a start after the end", () => {
    const error = refusal(() => resolvePeriod({ from: "2026-10-02", to: "2026-10-01" }, shanghai));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors).toEqual({ from: ["fairness.errors.fromAfterTo"] });
  });

  it("refuses a period longer than two years", () => {
    expect(refusal(() => resolvePeriod({ from: "2024-02-28", to: "2026-02-28" }, shanghai)).fieldErrors).toEqual({ from: ["fairness.errors.tooLong"] });
  });

  it("refuses what is not a day, naming the field", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "24/11/2026", "2026-11-24T00:00", "yesterday"]) {
      expect(refusal(() => resolvePeriod({ to: bad }, shanghai)).fieldErrors, bad).toEqual({ to: ["fairness.errors.date"] });
    }
    expect(refusal(() => resolvePeriod({ from: "2026-1-1", to: "nope" }, shanghai)).fieldErrors).toEqual({
      from: ["fairness.errors.date"],
      to: ["fairness.errors.date"],
    });
  });

  it("refuses a category that is not one", () => {
    expect(refusal(() => resolvePeriod({ category: "shopping" }, shanghai)).fieldErrors).toEqual({ category: ["fairness.errors.category"] });
  });
});

describe("startOfDay", () => {
  it("finds local midnight across daylight-saving changes", () => {
    expect(startOfDay("2026-03-29", "Europe/Berlin")).toBe("2026-03-28T23:00:00.000Z"); // clocks go forward that night
    expect(startOfDay("2026-03-30", "Europe/Berlin")).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDay("2026-11-24", "America/New_York")).toBe("2026-11-24T05:00:00.000Z");
    expect(startOfDay("2026-11-24", "UTC")).toBe("2026-11-24T00:00:00.000Z");
  });
});
