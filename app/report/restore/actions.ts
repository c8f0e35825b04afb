"use server";
import { serverAction } from "@/lib/auth/server-action";
import { submitPortalRestore } from "@/lib/restore/actions/submit-portal-restore";

export const submitRestore = serverAction(submitPortalRestore);
