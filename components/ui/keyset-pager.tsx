import Link from "next/link";

type PageLink = { href: string; label: string; testId?: string };

/** A keyset-paged list's links: back to the first page once the reader has paged on, on while there is more. */
export function KeysetPager({ label, first, next }: { label: string; first: PageLink | null; next: PageLink | null }) {
  return (
    <nav className="mt-3 flex gap-4 text-sm" aria-label={label}>
      {[first, next].map(
        (link) =>
          link && (
            <Link key={link.href} href={link.href} className="text-brand-700 underline" data-testid={link.testId}>
              {link.label}
            </Link>
          ),
      )}
    </nav>
  );
}
