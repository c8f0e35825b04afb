import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Header } from "@/components/console/header";
import { Sidebar } from "@/components/console/sidebar";
import { currentActor } from "@/lib/auth/current-actor";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) {
    const path = (await headers()).get("x-pathname") ?? "/";
    redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
  return (
    <div className="flex min-h-screen">
      <Sidebar actor={actor} />
      <div className="flex min-w-0 flex-1 flex-col">
        <Header actor={actor} />
        <main className="flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
