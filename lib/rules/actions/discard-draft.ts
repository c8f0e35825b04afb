import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { discardDraft } from "../drafts";
import { draftVersionSchema } from "../schemas";

export const discardDraftAction = defineAction({
  name: "rules.discard_draft",
  permission: "rules.edit",
  input: draftVersionSchema,
  handler: (input, { actor, requestId }) => discardDraft(getDb(), { actorId: actor.id, requestId }, input),
});
