import { eq } from "drizzle-orm";
import { type Role, roles, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { getDb } from "@/lib/db";
import { createStaff } from "@/lib/staff/staff";

export const TEST_PASSWORD = "correct horse battery";

let counter = 0;

/** A real staff row (real argon2id hash) and the actor it signs in as. */
export async function makeStaff(role: Role, overrides: { email?: string } = {}): Promise<Actor> {
  counter += 1;
  const email = overrides.email ?? `${role}-${counter}-${Date.now()}@test.example`;
  const { id } = await createStaff(getDb(), { actorId: null }, { email, name: `${role} ${counter}`, role, password: TEST_PASSWORD });
  return loadActor(id)!;
}

export async function makeOneOfEachRole(): Promise<Record<Role, Actor>> {
  const entries = await Promise.all(roles.map(async (role) => [role, await makeStaff(role)] as const));
  return Object.fromEntries(entries) as Record<Role, Actor>;
}

export function userRow(id: number) {
  return getDb().select().from(users).where(eq(users.id, id)).get()!;
}
