import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The e2e server's own database, made afresh by every run. */
export const e2eDatabaseFile = path.join(repoRoot, "tests/.tmp/e2e/linkdesk.db");
