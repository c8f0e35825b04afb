import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import type { z } from "zod";
import type { ActionResult } from "./action-result";
import { currentActor } from "./current-actor";
import type { Access, ActionDefinition, RequestOrigin } from "./define-action";

type Payload = FormData | Record<string, unknown> | undefined;

/** A pseudonymous, per-browser id for the public portal (one complaint per link per visitor). */
export const VISITOR_COOKIE = "linkdesk-visitor";

/**
 * Binds an action definition to the request: the session's actor, the request id and origin, and
 * the pages to revalidate on success. Usable with useActionState (prev, formData) or called with
 * an object.
 */
export function serverAction<S extends z.ZodType, T, A extends Access>(
  definition: ActionDefinition<S, T, A>,
  revalidate: string[] = [],
) {
  return async function action(_previous: unknown, payload: Payload): Promise<ActionResult<T>> {
    const actor = await currentActor();
    const requestHeaders = await headers();
    const requestId = requestHeaders.get("x-request-id") ?? randomUUID();
    const origin = definition.permission === "public" ? await requestOrigin(requestHeaders) : { ip: null, visitorId: null };
    const raw = payload instanceof FormData ? formToObject(payload) : (payload ?? {});
    const result = await definition.run(actor, raw, requestId, origin);
    if (result.ok) for (const path of revalidate) revalidatePath(path);
    return result;
  };
}

async function requestOrigin(requestHeaders: Headers): Promise<RequestOrigin> {
  const jar = await cookies();
  let visitorId = jar.get(VISITOR_COOKIE)?.value ?? null;
  if (!visitorId || !/^[A-Za-z0-9_-]{16,64}$/.test(visitorId)) {
    visitorId = randomBytes(18).toString("base64url");
    jar.set(VISITOR_COOKIE, visitorId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
  }
  // Set by server.ts from the socket, so a client cannot choose its own address.
  return { ip: requestHeaders.get("x-linkdesk-client-ip"), visitorId };
}

function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    out[key] = typeof value === "string" ? value : value.name;
  }
  return out;
}
