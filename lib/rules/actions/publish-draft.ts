import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { publishDraft } from "../publish";
import { rulebookPayloadSchema } from "../schemas";

export const publishDraftAction = defineAction({
  name: "rules.publish_draft",
  permission: "rules.edit",
  // Validated in full by publishDraft, so the field errors carry rules.* catalog keys.
  input: rulebookPayloadSchema,
  handler: (input, { actor, requestId }) => publishDraft(getDb(), { actorId: actor.id, requestId }, input),
});
