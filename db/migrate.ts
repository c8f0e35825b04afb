// `npm run db:migrate`: applies the committed migrations to DATABASE_URL.
import { getDb } from "@/lib/db";
import { databasePath } from "@/lib/db/database-path";
import { applyMigrations } from "@/lib/db/open";
import { env } from "@/lib/env";

applyMigrations(getDb());
console.log(`migrations applied to ${databasePath(env().DATABASE_URL)}`);
