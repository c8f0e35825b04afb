// Every console page requested as every demo role and signed out, over real HTTP: the permission
// table decides who gets the page (200), who gets the forbidden page (403, and no data), and
// signed-out visitors are redirected to sign-in.
import { expect, test } from "@playwright/test";
import type { Role } from "@/db/schema";
import { type Permission, can } from "@/lib/auth/permissions";
import { demoLogins, readDatabase, signIn } from "./support";

// Each page with something only its data puts there (never a message-catalog string, which the
// client receives whole): present when the page is allowed, absent when it is refused.
const pages: [path: string, permission: Permission, dataMarker: () => string | null][] = [
  ["/", "cases.view", () => "count-open-cases"],
  ["/queue", "cases.view", () => null],
  ["/restore-requests", "cases.view", () => null],
  ["/restore-requests?status=approved", "cases.view", () => null],
  ["/appeals", "cases.view", () => null],
  ["/appeals?status=overturned", "cases.view", () => null],
  ["/cases/1", "cases.view", () => readDatabase((db) => (db.prepare("select canonical_url as u from links join cases on cases.link_id = links.id where cases.id = 1").get() as { u: string }).u)],
  ["/rules", "rules.view", () => readDatabase((db) => (db.prepare("select reason_en as r from rules where category = 'gambling'").get() as { r: string }).r)],
  ["/rules/history", "rules.view", () => "Default rulebook"],
  ["/rules/diff?from=1&to=1", "rules.view", () => null],
  ["/rules/draft", "rules.edit", () => null],
  ["/verdicts/preview?category=gambling", "rules.view", () => readDatabase((db) => (db.prepare("select reason_zh as r from rules where category = 'gambling'").get() as { r: string }).r)],
  ["/platforms", "platforms.view", () => "xhslink.com"],
  ["/platforms/9", "platforms.view", () => readDatabase((db) => (db.prepare("select name from platforms where id = 9").get() as { name: string }).name)],
  ["/ratings", "ratings.view", () => null],
  ["/ratings/compare?platforms=1&platforms=2&platforms=3", "ratings.view", () => null],
  ["/fairness", "fairness.view", () => null],
  ["/audit/events", "audit.search", () => "auth.signed_in"],
  ["/audit/events?target=case%3A1", "audit.search", () => null],
  ["/audit/decisions", "audit.search", () => null],
  ["/audit/verify", "audit.verify", () => null],
  ["/exports", "exports.decisions", () => null],
  ["/admin/staff", "staff.manage", () => "li.na@linkdesk.test"],
  ["/admin/api-clients", "apiClients.manage", () => "Demo chat app"],
  ["/account", "self.preferences", () => null],
  ["/notices", "notices.view", () => readDatabase((db) => (db.prepare("select name from platforms where slug = 'dangdang'").get() as { name: string }).name)],
];

/** How Next marks a page answered with forbidden(). */
const FORBIDDEN = "NEXT_HTTP_ERROR_FALLBACK;403";

test("signed out: every console page redirects to sign-in", async ({ request }) => {
  for (const [path] of pages) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers().location, path).toBe(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
});

for (const role of Object.keys(demoLogins) as Role[]) {
  test(`${role}: exactly the pages the permission table allows`, async ({ page }) => {
    await signIn(page, demoLogins[role]);
    for (const [path, permission, dataMarker] of pages) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      const body = await response.text();
      const marker = dataMarker();
      if (can(role, permission)) {
        expect(response.status(), `${role} ${path}`).toBe(200);
        expect(body, `${role} ${path}`).not.toContain(FORBIDDEN);
        if (marker) expect(body, `${role} ${path} shows its data`).toContain(marker);
      } else {
        expect(response.status(), `${role} ${path}`).toBe(403);
        expect(body, `${role} ${path}`).toContain(FORBIDDEN);
        if (marker) expect(body, `${role} ${path} leaks no data`).not.toContain(marker);
      }
    }
  });
}
