import { describe, expect, it } from "vitest";
import { roles } from "@/db/schema";
import { allPermissions, can, permissionTable } from "@/lib/auth/permissions";

// DESIGN.md "Roles and permissions", written out by hand so a change to the table must be deliberate.
const expected: Record<string, string[]> = {
  "cases.view": ["moderator", "senior", "manager", "auditor", "admin"],
  "cases.decide": ["moderator", "senior"],
  "cases.decideSenior": ["senior"],
  "restore.review": ["senior"],
  "notices.view": ["moderator", "senior", "manager", "auditor", "admin"],
  "notices.answer": ["manager"],
  "rules.view": ["moderator", "senior", "manager", "auditor", "admin"],
  "rules.edit": ["manager"],
  "ratings.view": ["moderator", "senior", "manager", "auditor", "admin"],
  "ratings.override": ["manager"],
  "fairness.view": ["manager", "auditor"],
  "platforms.view": ["moderator", "senior", "manager", "auditor", "admin"],
  "platforms.edit": ["manager", "admin"],
  "audit.search": ["auditor", "admin"],
  "audit.verify": ["auditor", "admin"],
  "exports.decisions": ["manager", "auditor", "admin"],
  "exports.events": ["auditor", "admin"],
  "staff.manage": ["admin"],
  "apiClients.manage": ["admin"],
  "self.preferences": ["moderator", "senior", "manager", "auditor", "admin"],
};

describe("permission table", () => {
  it("lists exactly the permissions of the design", () => {
    expect(Object.keys(permissionTable).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const permission of allPermissions) {
    for (const role of roles) {
      const allowed = expected[permission]!.includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it("refuses everything to nobody", () => {
    for (const permission of allPermissions) {
      expect(can(null, permission)).toBe(false);
      expect(can(undefined, permission)).toBe(false);
    }
  });

  it("keeps the four-eyes split: only seniors take senior decisions, managers never decide cases", () => {
    expect(roles.filter((r) => can(r, "cases.decideSenior"))).toEqual(["senior"]);
    expect(can("manager", "cases.decide")).toBe(false);
    expect(can("auditor", "cases.decide")).toBe(false);
  });
});
