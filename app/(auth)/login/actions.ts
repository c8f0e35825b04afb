"use server";
// Sign-in is the session boundary, so it is the one action without a session: the throttling,
// the account checks and their audit events live in lib/auth/authenticate.ts.
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";

export type SignInState = { error?: "invalid" | "locked" | "disabled" | "unexpected"; email?: string };

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  if (!email.trim() || !password) return { error: "invalid", email };
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackPath(form.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const code = error.code === "locked" || error.code === "disabled" ? error.code : "invalid";
      return { error: code, email };
    }
    if (error instanceof AuthError) return { error: "unexpected", email };
    throw error; // Next's redirect after a successful sign-in
  }
}
