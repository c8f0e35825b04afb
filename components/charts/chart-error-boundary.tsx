"use client";
// Catches a chart whose data could not be loaded (its server component threw) and says so in place
// of the chart, with a retry that asks the server for the page again; the rest of the page stays.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Component, type ErrorInfo, type ReactNode, useTransition } from "react";

type BoundaryProps = { children: ReactNode; fallback: (retry: () => void) => ReactNode };

class Boundary extends Component<BoundaryProps, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("chart failed to load", error, info.componentStack);
  }

  render() {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children;
  }
}

export function ChartErrorBoundary({ children, testId }: { children: ReactNode; testId?: string }) {
  const t = useTranslations("charts");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Boundary
      fallback={(reset) => (
        <div role="alert" className="flex h-full min-h-[22.5rem] flex-col items-center justify-center gap-2 rounded-lg border border-red-200 bg-white p-6 text-center" data-testid={testId ?? "chart-error"}>
          <p className="font-medium text-slate-900">{t("errorTitle")}</p>
          <p className="max-w-md text-sm text-slate-600">{t("errorExplain")}</p>
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              startTransition(() => {
                router.refresh();
                reset();
              })
            }
            className="mt-2 rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-brand-700 hover:border-brand-600 disabled:opacity-60"
          >
            {pending ? t("retrying") : t("retry")}
          </button>
        </div>
      )}
    >
      {children}
    </Boundary>
  );
}
