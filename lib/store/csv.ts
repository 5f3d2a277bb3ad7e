// CSV for people (a spreadsheet), not for proof: the JSON file carries the hash chain.
// Cells are quoted when they must be (RFC 4180), and a cell that a spreadsheet would run as a
// formula (starting with = + - @, or a tab or carriage return) gets a leading apostrophe:
// chat text comes from strangers and must not turn into a live formula on a parent's computer.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text, CRLF line ends, with a byte-order mark so spreadsheet apps read UTF-8 (Khmer) right. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
