import { describe, expect, it } from "vitest";
import { formatLocal } from "@/lib/time/format-local";

describe("local time display", () => {
  it("shows UTC times in Asia/Shanghai, eight hours ahead, across the date line", () => {
    expect(formatLocal("2026-11-24T20:05:09.000Z", "Asia/Shanghai")).toBe("2026-11-25 04:05");
    expect(formatLocal("2026-11-24T20:05:09.000Z", "Asia/Shanghai", true)).toBe("2026-11-25 04:05:09");
  });
  it("follows other zones, including daylight saving", () => {
    expect(formatLocal("2026-07-01T12:00:00.000Z", "Europe/Berlin")).toBe("2026-07-01 14:00");
    expect(formatLocal("2026-01-01T12:00:00.000Z", "Europe/Berlin")).toBe("2026-01-01 13:00");
    expect(formatLocal("2026-01-01T00:30:00.000Z", "UTC")).toBe("2026-01-01 00:30");
  });
  it("writes midnight as 00, not 24", () => {
    expect(formatLocal("2026-03-01T16:00:00.000Z", "Asia/Shanghai")).toBe("2026-03-02 00:00");
  });
});
