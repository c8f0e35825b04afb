"use server";
import { serverAction } from "@/lib/auth/server-action";
import { signOut } from "@/lib/auth/auth";
import { setOwnLocaleAction } from "@/lib/staff/actions/set-own-locale";

export const setLocale = serverAction(setOwnLocaleAction, ["/", "layout"]);

// Like sign-in, sign-out is the session boundary; Auth.js audits it (lib/auth/auth.ts, events).
export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
