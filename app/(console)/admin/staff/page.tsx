import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { listStaff } from "@/lib/staff/queries";
import { NewStaffForm } from "./new-staff-form";
import { StaffRowControls } from "./staff-row-controls";

export async function generateMetadata() {
  return { title: (await getTranslations("staff"))("title") };
}

export default async function StaffPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const actor = await requirePage("staff.manage");
  const t = await getTranslations();
  const after = Number((await searchParams).after);
  const { rows, nextAfter } = listStaff(getDb(), Number.isInteger(after) && after > 0 ? after : 0);
  const now = new Date().toISOString();
  return (
    <>
      <PageHeader title={t("staff.title")} description={t("staff.description")} />
      <div className="mb-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t("staff.name")}</th>
              <th scope="col" className="px-3 py-2">{t("staff.email")}</th>
              <th scope="col" className="px-3 py-2">{t("staff.status")}</th>
              <th scope="col" className="px-3 py-2">{t("staff.lastSignIn")}</th>
              <th scope="col" className="px-3 py-2">{t("staff.roleAndAccess")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => {
              const locked = Boolean(u.lockedUntil && u.lockedUntil > now);
              return (
                <tr key={u.id} className="border-t border-slate-100" data-testid={`staff-${u.email}`}>
                  <td className="px-3 py-2 font-medium">{u.name}</td>
                  <td className="px-3 py-2">{u.email}</td>
                  <td className="px-3 py-2">
                    {u.disabledAt ? t("staff.disabled") : locked ? t("staff.locked") : t("staff.active")}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap"><LocalTime iso={u.lastSignInAt} /></td>
                  <td className="px-3 py-2">
                    <StaffRowControls userId={u.id} name={u.name} role={u.role} disabled={Boolean(u.disabledAt)} locked={locked} isSelf={u.id === actor.id} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {nextAfter && (
        <p className="mb-6 text-sm">
          <Link className="text-brand-700 underline" href={`/admin/staff?after=${nextAfter}`}>{t("common.nextPage")}</Link>
        </p>
      )}
      <NewStaffForm />
    </>
  );
}
