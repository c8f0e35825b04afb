// `npm run user:create -- --email a@b.c --name "Ada" [--role admin]`: the first admin of a
// production install. The password is read from the terminal (not echoed) or from standard input,
// never from the command line where it would land in shell history.
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { ActionError } from "@/lib/auth/action-result";
import { getDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/open";
import { newStaffSchema } from "./schemas";
import { createStaff } from "./staff";

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write("Password (12+ characters, not shown): ");
    // Swallow the echo of typed characters.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line = await new Promise<string>((resolve) => rl.once("line", resolve).once("close", () => resolve("")));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write("\n");
  return line;
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "admin" } },
  });
  const password = await readPassword();
  const parsed = newStaffSchema.safeParse({ ...values, password });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
    console.error('usage: npm run user:create -- --email you@example.com --name "Your Name" [--role admin]');
    process.exit(1);
  }
  const db = getDb();
  applyMigrations(db);
  try {
    const created = await createStaff(db, { actorId: null, requestId: "cli:user:create" }, parsed.data);
    console.log(`created ${parsed.data.role} ${created.email} (id ${created.id})`);
  } catch (error) {
    if (error instanceof ActionError) {
      console.error(error.message === "staff.errors.emailTaken" ? "a staff member with this email exists" : error.message);
      process.exit(1);
    }
    throw error;
  }
}

void main();
