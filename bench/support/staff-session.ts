// A staff member for a benchmark's copy of a database, created the way `npm run user:create` does
// (lib/staff/staff.ts createStaff: argon2 hash, audited), and a session for them obtained over HTTP
// from the running server exactly as a browser gets one: Auth.js's CSRF token, then the credentials
// callback, whose Set-Cookie carries the session. Nothing in the app is bypassed.
import { randomBytes } from "node:crypto";
import type { Role } from "@/db/schema";
import { openSqlite, wrap } from "@/lib/db/open";
import { createStaff } from "@/lib/staff/staff";

export async function addStaff(file: string, role: Role): Promise<{ email: string; password: string }> {
  const email = `bench-${role}-${randomBytes(4).toString("hex")}@bench.test`;
  const password = randomBytes(18).toString("base64url");
  const sqlite = openSqlite(file);
  try {
    await createStaff(wrap(sqlite), { actorId: null, requestId: "bench:staff" }, { email, name: `Bench ${role}`, role, password });
  } finally {
    sqlite.close();
  }
  return { email, password };
}

const cookiePairs = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** Signs in through /api/auth and returns the Cookie header value of the session. */
export async function signInOverHttp(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf: ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiePairs(csrf);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }).toString(),
  });
  const session = cookiePairs(response).find((c) => /^(__Secure-)?authjs\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in refused: ${response.status} ${response.headers.get("location") ?? ""}`);
  return session;
}
