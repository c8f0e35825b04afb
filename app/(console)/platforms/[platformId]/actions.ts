"use server";
import { serverAction } from "@/lib/auth/server-action";
import { endOverrideAction } from "@/lib/ratings/actions/end-override";
import { overrideGradeAction } from "@/lib/ratings/actions/override-grade";

// "/platforms" refreshes the platform's own page too (see ../actions.ts); "/ratings" the league table.
export const overrideGrade = serverAction(overrideGradeAction, ["/platforms", "/ratings"]);
export const endOverride = serverAction(endOverrideAction, ["/platforms", "/ratings"]);
