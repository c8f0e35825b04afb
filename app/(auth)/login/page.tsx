import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/console/language-switch";
import { currentActor } from "@/lib/auth/current-actor";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata() {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const callbackPath = safeCallbackPath(callbackUrl);
  if (await currentActor()) redirect(callbackPath);
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <div>
            <p className="text-2xl font-semibold text-brand-900">{t("app.name")}</p>
            <p className="text-sm text-slate-500">{t("app.tagline")}</p>
          </div>
          <LanguageSwitch signedIn={false} />
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-medium">{t("signIn.title")}</h1>
          <SignInForm callbackUrl={callbackPath} />
        </div>
      </div>
    </main>
  );
}
