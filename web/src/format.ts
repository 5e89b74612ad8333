// Dates and numbers as Vietnamese readers write them: 15/03/2022, "85,5 %", "1.234".
// English readers get the same day-month-year order (the documents' own) and English digits.
import type { Lang } from "./i18n";

/** "2022-03-15" (or an ISO timestamp) → "15/03/2022"; "" for nothing. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** 85.5 → "85,5" (vi) or "85.5" (en); at most `digits` decimals. */
export function formatNumber(v: number | null | undefined, lang: Lang, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: digits }).format(v);
}

/** A value with its unit: "85,5 %", "1.234 hồ sơ". */
export function formatValue(v: number | null | undefined, unit: string | null | undefined, lang: Lang): string {
  const n = formatNumber(v, lang);
  if (n === "–" || !unit) return n;
  return `${n} ${unit}`;
}

/** Today in Vietnam (UTC+7) as "YYYY-MM-DD", the server's notion of today. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Lower case without diacritics, đ as d: "Tỷ lệ" and "ty le" match. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/** The period of an indicator's type that ends a year: "2025", "2025-Q4" or "2025-12". */
export function periodEndingYear(periodType: string | undefined, year: number): string {
  return periodType === "quarter" ? `${year}-Q4` : periodType === "month" ? `${year}-12` : String(year);
}
