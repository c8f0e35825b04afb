import type { Permission } from "@/lib/auth/permissions";

/** The console's sections; each shows only to roles with its permission. */
export const navigation: { href: string; label: string; permission: Permission }[] = [
  { href: "/", label: "home", permission: "cases.view" },
  { href: "/queue", label: "queue", permission: "cases.view" },
  { href: "/restore-requests", label: "restoreRequests", permission: "cases.view" },
  { href: "/appeals", label: "appeals", permission: "cases.view" },
  { href: "/notices", label: "notices", permission: "notices.view" },
  { href: "/rules", label: "rules", permission: "rules.view" },
  { href: "/verdicts/preview", label: "blockPreview", permission: "rules.view" },
  { href: "/platforms", label: "platforms", permission: "platforms.view" },
  { href: "/ratings", label: "ratings", permission: "ratings.view" },
  { href: "/fairness", label: "fairness", permission: "fairness.view" },
  { href: "/audit", label: "audit", permission: "audit.search" },
  { href: "/exports", label: "exports", permission: "exports.decisions" },
  { href: "/admin/staff", label: "staff", permission: "staff.manage" },
  { href: "/admin/api-clients", label: "apiClients", permission: "apiClients.manage" },
];
