// CSV cells and lines for the exports (RFC 4180): fields separated by commas, lines ended by CRLF, a
// field holding a comma, a double quote, CR or LF wrapped in double quotes with its quotes doubled.
// The file starts with a UTF-8 byte-order mark so that Excel reads Chinese text right.
//
// Formula neutralisation: a text cell whose first character is =, +, -, @, tab or carriage return
// would be run as a formula by a spreadsheet (CSV injection), so it gets a leading apostrophe, which
// spreadsheets show as text and do not display. Rationales and notes are typed by staff and URLs
// come from the public, so every text column goes through `textCell`. Numbers are written as
// numbers and are never prefixed (no exported number is negative). A script reading the file
// removes one leading apostrophe from a text cell that starts with "'" followed by one of those
// characters to get the stored text back (docs/exports.md).

export const BOM = "\uFEFF";
export const CRLF = "\r\n";

// Also a cell already starting with apostrophes before such a character, so reading back is lossless.
const DANGEROUS_FIRST = /^'*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell a spreadsheet shows as text and never runs; null is an empty cell. */
export function textCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const neutral = DANGEROUS_FIRST.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
}

/** A number cell; null is an empty cell. */
export function numberCell(value: number | bigint | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

export type CellKind = "text" | "number";

/** One CSV line (with its CRLF) from values in column order. */
export function csvLine(kinds: readonly CellKind[], values: readonly unknown[]): string {
  let line = "";
  for (let i = 0; i < kinds.length; i += 1) {
    if (i > 0) line += ",";
    const v = values[i];
    line += kinds[i] === "number" ? numberCell(v as number | null) : textCell(v === null || v === undefined ? null : String(v));
  }
  return line + CRLF;
}

/** The header line: column names are fixed identifiers, written as text cells all the same. */
export function headerLine(names: readonly string[]): string {
  return names.map((n) => textCell(n)).join(",") + CRLF;
}

/** Reads back what `csvLine` wrote (RFC 4180), for tests and scripts: rows of raw cell text. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = text.startsWith(BOM) ? 1 : 0;
  let quoted = false;
  for (; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The stored text behind a neutralised text cell. */
export function unneutralise(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
