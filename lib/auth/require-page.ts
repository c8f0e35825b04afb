import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Actor } from "./actor";
import { currentActor } from "./current-actor";
import { type Permission, can } from "./permissions";

/**
 * The first line of every console page: signed-out visitors go to sign-in (and come back), a role
 * without the permission gets the forbidden page and no data.
 */
export async function requirePage(permission: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) {
    const path = (await headers()).get("x-pathname") ?? "/";
    redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
  if (!can(actor.role, permission)) forbidden();
  return actor;
}
