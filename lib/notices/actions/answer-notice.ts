import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { answerNotice } from "../answer-notice";
import { answerNoticeSchema } from "../schemas";

/** A manager records a platform's answer on its behalf (the platform's own client uses the API). */
export const answerNoticeAction = defineAction({
  name: "notices.answer",
  permission: "notices.answer",
  input: answerNoticeSchema,
  handler: (input, { actor, requestId }) => {
    const answered = answerNotice(getDb(), { kind: "staff", userId: actor.id }, input, { requestId });
    return { id: answered.id, onTime: answered.onTime };
  },
});
