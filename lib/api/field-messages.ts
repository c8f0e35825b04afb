import en from "@/lib/i18n/messages/en.json";

type Catalog = { [key: string]: string | Catalog };

/** The API speaks English: field errors (catalog keys, shared with the console) become sentences. */
export function englishMessage(key: string): string {
  let node: string | Catalog | undefined = en as Catalog;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : key;
}

export function englishFields(fieldErrors: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
  if (!fieldErrors) return undefined;
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, keys]) => [field, keys.map(englishMessage)]));
}
