import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { localeSchema } from "../schemas";
import { setOwnLocale } from "../staff";

export const setOwnLocaleAction = defineAction({
  name: "self.set_locale",
  permission: "self.preferences",
  input: localeSchema,
  handler: (input, { actor, requestId }) => {
    const who = { actorId: actor.id, requestId };
    return setOwnLocale(getDb(), who, input.locale);
  },
});
