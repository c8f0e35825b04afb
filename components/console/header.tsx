import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(console)/actions";
import type { Actor } from "@/lib/auth/actor";
import { LanguageSwitch } from "./language-switch";

export async function Header({ actor }: { actor: Actor }) {
  const t = await getTranslations();
  return (
    <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-6 py-3">
      <div className="text-right text-sm" data-testid="signed-in-as">
        <Link href="/account" className="font-medium hover:underline" title={t("header.account")}>
          {actor.name}
        </Link>
        <div className="text-slate-500">
          {actor.email} · <span data-testid="role">{t(`roles.${actor.role}`)}</span>
        </div>
      </div>
      <LanguageSwitch signedIn />
      <form action={signOutAction}>
        <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
          {t("header.signOut")}
        </button>
      </form>
    </header>
  );
}
