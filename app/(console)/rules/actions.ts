"use server";
import { serverAction } from "@/lib/auth/server-action";
import { discardDraftAction } from "@/lib/rules/actions/discard-draft";
import { publishDraftAction } from "@/lib/rules/actions/publish-draft";
import { startDraftAction } from "@/lib/rules/actions/start-draft";
import { updateDraftRuleAction } from "@/lib/rules/actions/update-draft-rule";

const rulePages = ["/rules", "/rules/draft", "/rules/history"];

export const startDraft = serverAction(startDraftAction, rulePages);
export const updateDraftRule = serverAction(updateDraftRuleAction, rulePages);
export const discardDraft = serverAction(discardDraftAction, rulePages);
export const publishDraft = serverAction(publishDraftAction, rulePages);
