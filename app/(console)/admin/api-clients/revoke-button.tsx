"use client";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { revokeClient } from "./actions";

export function RevokeButton({ clientId, name }: { clientId: number; name: string }) {
  const t = useTranslations("apiClients");
  return <ConfirmButton label={t("revoke")} confirmLabel={t("confirmRevoke", { name })} run={() => revokeClient(undefined, { clientId })} />;
}
