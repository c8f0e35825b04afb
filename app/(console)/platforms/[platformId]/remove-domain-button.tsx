"use client";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { removePlatformDomain } from "../actions";

/** Removing a registry entry asks for confirmation first. */
export function RemoveDomainButton({ domainId, domain }: { domainId: number; domain: string }) {
  const t = useTranslations("platforms");
  return (
    <ConfirmButton
      label={t("remove")}
      confirmLabel={t("confirmRemove", { domain })}
      run={() => removePlatformDomain(undefined, { domainId })}
    />
  );
}
