// The operator commands, run as an operator would: a child process on a real database file.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkdesk-cmd-"));
const file = path.join(dir, "ops.db");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(script: string, args: string[] = [], input = "") {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), [script, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${file}` },
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

function query<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

describe("operator commands", () => {
  it("db:migrate creates the database", () => {
    const result = run("db/migrate.ts");
    expect(result.code, result.out).toBe(0);
    expect(query<{ n: number }>("select count(*) as n from __drizzle_migrations").n).toBeGreaterThanOrEqual(2);
  });

  it("user:create makes the first admin from a password on standard input, and audits it", () => {
    const result = run("lib/staff/create-user-command.ts", ["--email", "Root@Example.com", "--name", "First Admin"], "first-admin-password\n");
    expect(result.code, result.out).toBe(0);
    expect(query("select email, role from users")).toEqual({ email: "root@example.com", role: "admin" });
    expect(query<{ action: string }>("select action from audit_events order by seq desc limit 1").action).toBe("staff.created");
  });

  it("user:create refuses a short password or a taken email and changes nothing", () => {
    const short = run("lib/staff/create-user-command.ts", ["--email", "two@example.com", "--name", "Two"], "short\n");
    expect(short.code).toBe(1);
    expect(short.out).toContain("password");
    const taken = run("lib/staff/create-user-command.ts", ["--email", "root@example.com", "--name", "Again"], "another-long-password\n");
    expect(taken.code).toBe(1);
    expect(taken.out).toContain("exists");
    expect(query<{ n: number }>("select count(*) as n from users").n).toBe(1);
  });

  it("db:seed refuses to load demo data over a database that has staff", () => {
    const result = run("db/seed.ts");
    expect(result.code).toBe(1);
    expect(result.out).toContain("--reset");
    expect(query<{ n: number }>("select count(*) as n from users").n).toBe(1);
  });

  it("audit:verify passes an intact chain and names the first bad sequence number of a tampered one", () => {
    const ok = run("lib/audit/verify-command.ts");
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/audit chain intact: \d+ events/);

    const db = new Database(file);
    db.exec("drop trigger audit_events_no_update");
    db.prepare("update audit_events set action = 'staff.deleted' where seq = 1").run();
    db.close();
    const bad = run("lib/audit/verify-command.ts");
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("audit chain broken at sequence 1");
  });
});
