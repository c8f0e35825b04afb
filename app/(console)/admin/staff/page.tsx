import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
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
      <DataTable className="mb-6" columns={[t("staff.name"), t("staff.email"), t("staff.status"), t("staff.lastSignIn"), t("staff.roleAndAccess")]}>
        {rows.map((u) => {
          const locked = Boolean(u.lockedUntil && u.lockedUntil > now);
          return (
            <Row key={u.id} testId={`staff-${u.email}`}>
              <Cell className="font-medium">{u.name}</Cell>
              <Cell>{u.email}</Cell>
              <Cell>
                {u.disabledAt ? t("staff.disabled") : locked ? t("staff.locked") : t("staff.active")}
              </Cell>
              <Cell className="whitespace-nowrap"><LocalTime iso={u.lastSignInAt} /></Cell>
              <Cell>
                <StaffRowControls userId={u.id} name={u.name} role={u.role} disabled={Boolean(u.disabledAt)} locked={locked} isSelf={u.id === actor.id} />
              </Cell>
            </Row>
          );
        })}
      </DataTable>
      {nextAfter && (
        <p className="mb-6 text-sm">
          <Link className="text-brand-700 underline" href={`/admin/staff?after=${nextAfter}`}>{t("common.nextPage")}</Link>
        </p>
      )}
      <NewStaffForm />
    </>
  );
}
