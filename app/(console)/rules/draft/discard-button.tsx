"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { discardDraft } from "../actions";

/** Discarding the draft asks for confirmation first. */
export function DiscardButton({ version }: { version: number }) {
  const t = useTranslations("rules.draft");
  const router = useRouter();
  return (
    <ConfirmButton
      large
      label={t("discard")}
      confirmLabel={t("confirmDiscard", { version })}
      run={() => discardDraft(undefined, { version })}
      onDone={() => router.push("/rules")}
    />
  );
}
