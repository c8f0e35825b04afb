import Link from "next/link";

export function StatCard({ label, value, href, testId }: { label: string; value: string; href?: string; testId?: string }) {
  const body = (
    <>
      <div className="text-sm text-slate-600">{label}</div>
      <div className="mt-1 text-3xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </div>
    </>
  );
  const className = "block rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return href ? (
    <Link href={href} className={`${className} hover:border-brand-600`}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}
