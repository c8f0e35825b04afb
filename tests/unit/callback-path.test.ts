import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-path";

describe("sign-in callback path", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/queue?tab=mine")).toBe("/queue?tab=mine");
    expect(safeCallbackPath("/cases/12")).toBe("/cases/12");
  });

  it("never follows another origin", () => {
    for (const value of ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "", null, 42]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });

  it("does not loop back to the sign-in page", () => {
    expect(safeCallbackPath("/login?callbackUrl=/x")).toBe("/");
  });
});
