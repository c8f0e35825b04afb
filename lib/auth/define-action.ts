// The one way to build a mutation: session → permission → zod validation → handler.
// Pure of Next.js so tests can drive every action as every role; lib/auth/server-action.ts binds
// a definition to the request (session, origin, revalidation) for the app.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Actor } from "./actor";
import { type ActionResult, ActionError } from "./action-result";
import { type Permission, can } from "./permissions";

/** Who is asking, as far as the transport knows: for public actions (the complaint portal). */
export type RequestOrigin = { ip: string | null; visitorId: string | null };

/** "public": anyone may call it, signed in or not (the complaint portal); else a permission. */
export type Access = Permission | "public";

export type ActionContext<A extends Access = Permission> = {
  actor: A extends "public" ? Actor | null : Actor;
  requestId: string;
  origin: RequestOrigin;
};

export type ActionDefinition<S extends z.ZodType = z.ZodType, T = unknown, A extends Access = Access> = {
  name: string;
  permission: A;
  input: S;
  handler: (input: z.output<S>, ctx: ActionContext<A>) => T | Promise<T>;
  run: (actor: Actor | null, raw: unknown, requestId?: string, origin?: RequestOrigin) => Promise<ActionResult<T>>;
};

const registry = new Map<string, ActionDefinition>();
const unknownOrigin: RequestOrigin = { ip: null, visitorId: null };

/** Every action defined so far, for the authorization matrix test. */
export function definedActions(): ActionDefinition[] {
  return [...registry.values()];
}

export function defineAction<S extends z.ZodType, T, A extends Access>(spec: {
  name: string;
  permission: A;
  input: S;
  handler: (input: z.output<S>, ctx: ActionContext<A>) => T | Promise<T>;
}): ActionDefinition<S, T, A> {
  const definition: ActionDefinition<S, T, A> = {
    ...spec,
    async run(actor, raw, requestId = randomUUID(), origin = unknownOrigin) {
      if (spec.permission !== "public") {
        if (!actor) return { ok: false, code: "unauthenticated", message: "errors.unauthenticated" };
        if (!can(actor.role, spec.permission)) return { ok: false, code: "forbidden", message: "errors.forbidden" };
      }
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, code: "invalid", message: "errors.invalid", fieldErrors: fieldErrorsOf(parsed.error) };
      }
      try {
        const data = await spec.handler(parsed.data, { actor, requestId, origin } as ActionContext<A>);
        return { ok: true, data };
      } catch (error) {
        if (error instanceof ActionError) {
          return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
        }
        console.error(`[action ${spec.name}] request ${requestId} failed`, error);
        return { ok: false, code: "error", message: "errors.unexpected" };
      }
    },
  };
  registry.set(spec.name, definition as unknown as ActionDefinition);
  return definition;
}

/** Zod issues become catalog keys: a schema's own message when it names one, else a generic key. */
function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "_form";
    const key = issue.message.startsWith("validation.") ? issue.message : "validation.invalid";
    (out[field] ??= []).push(key);
  }
  return out;
}
