"use client";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { endOverride } from "./actions";

/** Ends the override in force early, after a confirmation; the computed grade applies again. */
export function EndOverrideButton({ platformId, grade }: { platformId: number; grade: string }) {
  const t = useTranslations("platformRating.override");
  return <ConfirmButton label={t("end")} confirmLabel={t("confirmEnd", { grade })} run={() => endOverride(undefined, { platformId })} />;
}
