import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { timeZoneSchema } from "../schemas";
import { setOwnTimeZone } from "../staff";

export const setOwnTimeZoneAction = defineAction({
  name: "self.set_time_zone",
  permission: "self.preferences",
  input: timeZoneSchema,
  handler: (input, { actor, requestId }) => setOwnTimeZone(getDb(), { actorId: actor.id, requestId }, input.timeZone),
});
