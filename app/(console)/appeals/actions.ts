"use server";
import { decideAppealAction } from "@/lib/appeals/actions/decide-appeal";
import { serverAction } from "@/lib/auth/server-action";

// No revalidation: the decided card stays and says what happened; the lists and counts are read
// afresh on the next visit or tab.
export const decideAppealForm = serverAction(decideAppealAction);
