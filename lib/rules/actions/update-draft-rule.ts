import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { updateDraftRule } from "../drafts";
import { rulebookPayloadSchema } from "../schemas";

export const updateDraftRuleAction = defineAction({
  name: "rules.update_draft_rule",
  permission: "rules.edit",
  // Validated in full by updateDraftRule, so the field errors carry rules.* catalog keys.
  input: rulebookPayloadSchema,
  handler: (input, { actor, requestId }) => updateDraftRule(getDb(), { actorId: actor.id, requestId }, input),
});
