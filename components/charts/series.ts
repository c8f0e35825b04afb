export type Series = { key: string; label: string; color?: string };
