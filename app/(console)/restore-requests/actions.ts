"use server";
import { serverAction } from "@/lib/auth/server-action";
import { reviewRestoreAction } from "@/lib/restore/actions/review-restore";

// No revalidation: the reviewed card stays and says what happened (whether another verdict still
// restricts the link); the lists and counts are read afresh on the next visit or tab.
export const reviewRestore = serverAction(reviewRestoreAction);
