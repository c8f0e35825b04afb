import "server-only";
import { cache } from "react";
import { auth } from "./auth";
import type { Actor } from "./actor";
import { loadActor } from "./load-actor";

/** The signed-in, enabled staff member for this request, or null. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  return loadActor(id);
});
