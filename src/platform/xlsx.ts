/**
 * Spreadsheet downloads (.xlsx) behind one small function, so that modules describe sheets as columns and
 * rows and never see the workbook library. Numbers become numeric cells built from exact decimal strings
 * (amounts shown with 2 decimals, quantities and unit prices with up to 5), dates become date cells, the
 * header row is bold, frozen and filterable. Rows are streamed into the archive as they are added, so a
 * sheet of 100,000 rows does not hold a cell-object model in memory.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';

export type CellValue = string | number | boolean | null | undefined;

export interface SheetColumn {
  /** The header text, e.g. "出口日期 (Date)". */
  header: string;
  /** The row property this column shows. */
  key: string;
  /** Width in characters (default from the header's length). */
  width?: number;
  /**
   * `text` (default): the value as text. `number`: a numeric cell from a decimal string or a safe number.
   * `date`: a date cell from a YYYY-MM-DD calendar date.
   */
  type?: 'text' | 'number' | 'date';
  /**
   * Number columns: the decimals shown, either fixed (2 for amounts) or a range (quantities: [0, 5]).
   * Default [0, 5]. The cell keeps the exact value whatever is shown.
   */
  decimals?: number | readonly [min: number, max: number];
}

export interface Sheet {
  /** 1–31 characters, none of \ / ? * [ ] : */
  name: string;
  columns: readonly SheetColumn[];
  rows: Iterable<Record<string, CellValue>>;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** At most 15 significant digits: what a spreadsheet's double holds and shows back exactly. */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const MAX_SIGNIFICANT = 15;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BAD_SHEET_NAME = /[\\/?*[\]:]/;

/**
 * The number format of one cell: as many decimals as the value has, within the column's range, so that
 * 2 shows as "2" (not "2.") and 12.5 as a price shows as "12.50".
 */
export function numberFormat(decimals: SheetColumn['decimals'], value: number): string {
  const [min, max] = typeof decimals === 'number' ? [decimals, decimals] : (decimals ?? [0, 5]);
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min || max > 15) throw new RangeError(`bad decimals: ${String(decimals)}`);
  const own = /\.(\d+)$/.exec(String(value))?.[1]?.length ?? 0;
  const shown = Math.max(min, Math.min(max, own));
  return shown === 0 ? '#,##0' : `#,##0.${'0'.repeat(shown)}`;
}

/** A decimal string (or safe number) as the double that prints back as the same decimal. */
export function numericCell(value: string | number, column: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`column ${column}: not a finite number: ${value}`);
    return value;
  }
  const text = value.trim();
  if (!DECIMAL.test(text)) throw new RangeError(`column ${column}: not a decimal number: ${value}`);
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > MAX_SIGNIFICANT) throw new RangeError(`column ${column}: more than ${MAX_SIGNIFICANT} significant digits cannot be held exactly: ${value}`);
  return Number(text);
}

/** A calendar date as the UTC midnight the workbook stores for it (no zone shift on any machine). */
export function dateCell(value: string, column: string): Date {
  const m = DATE.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== value) throw new RangeError(`column ${column}: not a YYYY-MM-DD date: ${value}`);
  return d;
}

function checkSheets(sheets: readonly Sheet[]) {
  const names = new Set<string>();
  for (const s of sheets) {
    if (s.name.length < 1 || s.name.length > 31 || BAD_SHEET_NAME.test(s.name)) throw new RangeError(`bad sheet name: ${s.name}`);
    if (names.has(s.name.toLowerCase())) throw new RangeError(`duplicate sheet name: ${s.name}`);
    names.add(s.name.toLowerCase());
    if (s.columns.length === 0) throw new RangeError(`sheet ${s.name} has no columns`);
  }
  if (sheets.length === 0) throw new RangeError('a workbook needs at least one sheet');
}

/** Builds an .xlsx workbook in memory and returns its bytes. */
export async function writeWorkbook(sheets: readonly Sheet[]): Promise<Buffer> {
  checkSheets(sheets);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  for (const sheet of sheets) {
    const n = sheet.columns.length;
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ key: c.key, width: c.width ?? Math.max(10, Math.min(60, displayWidth(c.header) + 2)) }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: n } };
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for (const row of sheet.rows) {
      const cells = sheet.columns.map((c) => toCell(c, row[c.key]));
      const r = ws.addRow(cells);
      sheet.columns.forEach((c, i) => {
        const v = cells[i];
        if (c.type === 'number' && typeof v === 'number') r.getCell(i + 1).numFmt = numberFormat(c.decimals, v);
        else if (c.type === 'date' && v instanceof Date) r.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      });
      r.commit();
    }
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

function toCell(c: SheetColumn, v: CellValue): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (c.type === 'number') {
    if (typeof v === 'boolean') throw new RangeError(`column ${c.key}: a boolean is not a number`);
    return numericCell(v, c.key);
  }
  if (c.type === 'date') return dateCell(String(v), c.key);
  return String(v);
}

/** Columns fit CJK headers, which take two character widths each. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}
