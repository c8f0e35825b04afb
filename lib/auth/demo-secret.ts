import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The demo needs no configuration, so it makes its own AUTH_SECRET beside the database and reuses
 * it, keeping sessions valid across restarts. Production installs must set AUTH_SECRET themselves.
 */
export function demoAuthSecret(databaseFile: string): string {
  const dir = databaseFile === ":memory:" ? path.resolve("data") : path.dirname(databaseFile);
  const file = path.join(dir, ".demo-auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
