"use server";
import { serverAction } from "@/lib/auth/server-action";
import { changeStaffRole } from "@/lib/staff/actions/change-staff-role";
import { createStaffAction } from "@/lib/staff/actions/create-staff";
import { setStaffDisabled } from "@/lib/staff/actions/set-staff-disabled";
import { unlockStaffAccount } from "@/lib/staff/actions/unlock-staff";

export const createStaffMember = serverAction(createStaffAction, ["/admin/staff"]);
export const changeRole = serverAction(changeStaffRole, ["/admin/staff"]);
export const setDisabled = serverAction(setStaffDisabled, ["/admin/staff"]);
export const unlock = serverAction(unlockStaffAccount, ["/admin/staff"]);
