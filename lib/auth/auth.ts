// Auth.js (next-auth v5) for staff: credentials only, JWT sessions that carry just the user id.
// The role is read from the database on every request (lib/auth/load-actor.ts), never trusted
// from the cookie, so role changes and disabled accounts apply at once.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { authenticate } from "./authenticate";

class AccountLocked extends CredentialsSignin {
  code = "locked";
}
class AccountDisabled extends CredentialsSignin {
  code = "disabled";
}
class WrongCredentials extends CredentialsSignin {
  code = "invalid";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  logger: {
    // A refused sign-in is an expected outcome, already audited; only real failures are logged.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error);
    },
  },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new WrongCredentials();
        const result = await authenticate(parsed.data.email, parsed.data.password, {
          requestId: request.headers.get("x-request-id") ?? undefined,
        });
        if (result.ok) return { id: String(result.actor.id), email: result.actor.email, name: result.actor.name };
        if (result.reason === "locked") throw new AccountLocked();
        if (result.reason === "disabled") throw new AccountDisabled();
        throw new WrongCredentials();
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = Number(user.id);
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "number") session.user.id = String(token.uid);
      return session;
    },
  },
  events: {
    signOut(message) {
      const uid = "token" in message ? message.token?.uid : undefined;
      if (typeof uid !== "number") return;
      getDb().transaction(
        (tx) => recordAudit(tx, { actorId: uid, action: "auth.signed_out", targetType: "user", targetId: uid }),
        { behavior: "immediate" },
      );
    },
  },
});
