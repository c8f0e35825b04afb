// Validated configuration, read once. Every knob the README documents is here.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:./data/linkdesk.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  DEFAULT_TIME_ZONE: z.string().default("Asia/Shanghai"),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGN_IN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Keys the hash of reporters' pseudonymous ids; only the hash is stored. */
  REPORTER_HASH_KEY: z.string().min(16, "REPORTER_HASH_KEY must be at least 16 characters").optional(),
  REPORTS_PER_REPORTER_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  PORTAL_REPORTS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid configuration: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
