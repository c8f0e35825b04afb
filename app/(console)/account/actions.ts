"use server";
import { serverAction } from "@/lib/auth/server-action";
import { changeOwnPasswordAction } from "@/lib/staff/actions/change-own-password";
import { setOwnTimeZoneAction } from "@/lib/staff/actions/set-own-time-zone";

export const changePassword = serverAction(changeOwnPasswordAction);
export const setTimeZone = serverAction(setOwnTimeZoneAction, ["/", "layout"]);
