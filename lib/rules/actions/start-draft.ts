import { z } from "zod";
import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { startDraft } from "../drafts";

export const startDraftAction = defineAction({
  name: "rules.start_draft",
  permission: "rules.edit",
  // Nothing to choose: the draft copies the newest published version.
  input: z.strictObject({}, { message: "validation.invalid" }),
  handler: (_input, { actor, requestId }) => startDraft(getDb(), { actorId: actor.id, requestId }),
});
