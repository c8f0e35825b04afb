// SQL functions that migrations call to rewrite stored rows with the application's own rules, so a
// migration stays one transaction of SQL and cannot drift from the code that writes new rows.
// Registered on the migrating connection only (applyMigrations); a tool that runs the migrations
// without them fails on the first call instead of writing something else.
import type Database from "better-sqlite3";
import { canonicalize } from "@/lib/links/canonicalize";
import { blockPattern, expressionKey } from "@/lib/verdicts/expressions";

function urlPattern(canonicalUrl: string) {
  const canonical = canonicalize(canonicalUrl);
  if (!canonical.ok) throw new Error(`stored link does not canonicalize: ${canonicalUrl}`);
  return blockPattern(canonical.link, { scope: "url" })!;
}

export function registerMigrationFunctions(sqlite: Database.Database): void {
  // 0013: verdicts keyed by lookup expression (lib/verdicts/expressions.ts).
  sqlite.function("ld_url_expression", { deterministic: true }, (url) => urlPattern(String(url)).expression);
  sqlite.function("ld_url_params", { deterministic: true }, (url) => JSON.stringify(urlPattern(String(url)).requiredParams));
  sqlite.function("ld_sha256", { deterministic: true }, (text) => (text === null ? null : expressionKey(String(text))));
  sqlite.function("ld_param_keys", { deterministic: true }, (json) =>
    json === null ? null : JSON.stringify((JSON.parse(String(json)) as string[]).map(expressionKey)),
  );
}
