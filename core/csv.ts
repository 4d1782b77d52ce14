/**
 * CSV as RFC 4180 describes it: CRLF line ends, a header row, fields quoted
 * only when they hold a comma, a double quote, CR or LF, quotes doubled inside.
 * Files start with a UTF-8 byte order mark: without it Excel (Korean Windows
 * included) reads UTF-8 as the local code page and Hangul turns to mojibake.
 */
export type CsvValue = string | number | boolean | null | undefined;

export const CSV_BOM = "\uFEFF";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

/**
 * One field. null and undefined are empty fields; numbers keep JavaScript's shortest
 * round-trip form. Text that a spreadsheet would run as a formula (starting with
 * = + - @, a tab or CR: an error message from the monitored service could) gets a
 * leading apostrophe, as OWASP advises; numbers are never changed.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One record with its CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** A column: the header name and how to read its value from a row. */
export type CsvColumn<T> = { header: string; value: (row: T) => CsvValue };

/** A whole document: BOM, header, one line per row. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  let out = CSV_BOM + csvRow(columns.map((c) => c.header));
  for (const row of rows) out += csvRow(columns.map((c) => c.value(row)));
  return out;
}

/** Rows only (no BOM, no header): the body chunks of a streamed export. */
export function csvRows<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  let out = "";
  for (const row of rows) out += csvRow(columns.map((c) => c.value(row)));
  return out;
}

/** The header chunk of a streamed export: BOM and header row. */
export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return CSV_BOM + csvRow(columns.map((c) => c.header));
}

/**
 * A Content-Disposition value for a download. The plain `filename` is ASCII
 * (anything else replaced by "_"); `filename*` (RFC 6266/5987) carries the exact name.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
