"use client";
import { type ComponentProps, type FormEvent, startTransition } from "react";

/**
 * A form for useActionState actions that keeps what the person typed when the server answers with
 * errors (React resets uncontrolled fields after a plain form action). Without JavaScript it still
 * posts as a normal form.
 */
export function ActionForm({ action, ...props }: Omit<ComponentProps<"form">, "action" | "onSubmit"> & { action: (data: FormData) => void }) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }
  return <form {...props} action={action} onSubmit={submit} />;
}
