// Runs before each integration test file: a fresh, real SQLite file of its own, migrated.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkdesk-it-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.AUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
process.env.REPORTER_HASH_KEY ??= "integration-tests-reporter-key";

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
