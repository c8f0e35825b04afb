"use server";
import { serverAction } from "@/lib/auth/server-action";
import { claimCaseAction } from "@/lib/cases/actions/claim-case";
import { escalateCaseAction } from "@/lib/cases/actions/escalate-case";
import { reassignCaseAction } from "@/lib/cases/actions/reassign-case";
import { releaseCaseAction } from "@/lib/cases/actions/release-case";
import { renewLeaseAction } from "@/lib/cases/actions/renew-lease";
import { decideCaseAction } from "@/lib/decisions/actions/decide-case";
import { reverseDecisionAction } from "@/lib/decisions/actions/reverse-decision";
import { undoDecisionAction } from "@/lib/decisions/actions/undo-decision";

// The case page refreshes itself (router.refresh) after each of these; the queue and home counts change.
export const claimCase = serverAction(claimCaseAction);
export const renewLease = serverAction(renewLeaseAction);
export const releaseCase = serverAction(releaseCaseAction, ["/queue"]);
export const reassignCase = serverAction(reassignCaseAction, ["/queue"]);
export const escalateCase = serverAction(escalateCaseAction, ["/queue", "/"]);
export const decideCase = serverAction(decideCaseAction, ["/queue", "/"]);
export const undoDecision = serverAction(undoDecisionAction, ["/queue", "/"]);
export const reverseDecision = serverAction(reverseDecisionAction, ["/queue", "/"]);
