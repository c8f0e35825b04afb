"use server";
import { serverAction } from "@/lib/auth/server-action";
import { answerNoticeAction } from "@/lib/notices/actions/answer-notice";

export const answerNotice = serverAction(answerNoticeAction, ["/notices"]);
