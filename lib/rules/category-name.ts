import { categoryByCode } from "./categories";

export function categoryName(code: string, locale: string): string {
  const category = categoryByCode(code);
  if (!category) return code;
  return locale === "zh" ? category.nameZh : category.nameEn;
}
