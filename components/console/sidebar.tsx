import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { navigation } from "./navigation";
import { NavLink } from "./nav-link";

export async function Sidebar({ actor }: { actor: Actor }) {
  const t = await getTranslations("nav");
  const items = navigation.filter((item) => can(actor.role, item.permission));
  return (
    <nav aria-label={t("label")} className="w-56 shrink-0 border-r border-slate-200 bg-white">
      <div className="px-4 py-4 text-lg font-semibold text-brand-900">{t("brand")}</div>
      <ul className="space-y-0.5 px-2" data-testid="navigation">
        {items.map((item) => (
          <li key={item.href}>
            <NavLink href={item.href}>{t(item.label)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
