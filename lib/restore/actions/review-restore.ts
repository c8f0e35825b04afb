import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { reviewRestoreRequest } from "../review";
import { reviewRestoreSchema } from "../schemas";

/** A senior moderator approves (lifting the verdict) or rejects a restore request, with a note. */
export const reviewRestoreAction = defineAction({
  name: "restore.review",
  permission: "restore.review",
  input: reviewRestoreSchema,
  handler: (input, { actor, requestId }) => reviewRestoreRequest(getDb(), actor, input, { requestId }),
});
