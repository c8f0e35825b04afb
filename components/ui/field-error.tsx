"use client";
import { useTranslations } from "next-intl";

/** Shows a field's errors, which actions return as message-catalog keys. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const t = useTranslations();
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {errors.map((key) => (t.has(key) ? t(key) : t("validation.invalid"))).join(" ")}
    </p>
  );
}

export function FormMessage({ result }: { result?: { ok: boolean; message?: string } }) {
  const t = useTranslations();
  if (!result || result.ok || !result.message) return null;
  return (
    <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
      {t.has(result.message) ? t(result.message) : t("errors.unexpected")}
    </p>
  );
}
