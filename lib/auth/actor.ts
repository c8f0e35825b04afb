import type { Locale, Role } from "@/db/schema";

/** The signed-in staff member as every domain function receives them: explicitly. */
export type Actor = {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  timeZone: string;
};

export function toActor(user: Actor & Record<string, unknown>): Actor {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale, timeZone: user.timeZone };
}
