// DESIGN.md "Roles and permissions", in one place. Every page, action and route asks this table.
import type { Role } from "@/db/schema";

const everyone: readonly Role[] = ["moderator", "senior", "manager", "auditor", "admin"];

export const permissionTable = {
  /** See the queue, cases and the home counts (auditors and admins read only). */
  "cases.view": everyone,
  /** Claim, decide L0–L3, escalate. */
  "cases.decide": ["moderator", "senior"],
  /** Decide L4/L5, appeals and restore requests; reassign; reverse. */
  "cases.decideSenior": ["senior"],
  /** Review restore requests: approval lifts the verdict. */
  "restore.review": ["senior"],
  /** Rectification notices and the platforms' answers. */
  "notices.view": everyone,
  /** Record a platform's answer to a notice on its behalf. */
  "notices.answer": ["manager"],
  /** The fairness report: handling of each platform's links in the same situation. */
  "fairness.view": ["manager", "auditor"],
  "rules.view": everyone,
  "rules.edit": ["manager"],
  "ratings.view": everyone,
  "ratings.override": ["manager"],
  "platforms.view": everyone,
  "platforms.edit": ["manager", "admin"],
  "audit.search": ["auditor", "admin"],
  "audit.verify": ["auditor", "admin"],
  "exports.decisions": ["manager", "auditor", "admin"],
  "exports.events": ["auditor", "admin"],
  "staff.manage": ["admin"],
  "apiClients.manage": ["admin"],
  /** One's own language and time zone. */
  "self.preferences": everyone,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionTable;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (permissionTable[permission] as readonly Role[]).includes(role);
}

export const allPermissions = Object.keys(permissionTable) as Permission[];

/** Whether a caller may run something guarded by a permission, or open to everyone ("public"). */
export function allows(access: Permission | "public", role: Role | null | undefined): boolean {
  return access === "public" || can(role, access);
}
