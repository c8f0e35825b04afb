import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { ActionResult } from "./action-result";
import { currentActor } from "./current-actor";
import type { z } from "zod";
import type { ActionDefinition } from "./define-action";

type Payload = FormData | Record<string, unknown> | undefined;

/**
 * Binds an action definition to the request: the session's actor, the request id, and the pages to
 * revalidate on success. Usable with useActionState (prev, formData) or called with an object.
 */
export function serverAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>, revalidate: string[] = []) {
  return async function action(_previous: unknown, payload: Payload): Promise<ActionResult<T>> {
    const actor = await currentActor();
    const requestId = (await headers()).get("x-request-id") ?? randomUUID();
    const raw = payload instanceof FormData ? formToObject(payload) : (payload ?? {});
    const result = await definition.run(actor, raw, requestId);
    if (result.ok) for (const path of revalidate) revalidatePath(path);
    return result;
  };
}

function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    out[key] = typeof value === "string" ? value : value.name;
  }
  return out;
}
