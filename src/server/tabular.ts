import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

export type Cell = string | number | boolean | null;

// A cell a spreadsheet would run as a formula; phone numbers such as +41 22 917 1234 are not.
const FORMULA = /^(?:[=@\t\r]|[+-](?![\d\s().-]*$))/;

/** Defuses spreadsheet formulas in exported text (CSV injection) with a leading apostrophe. */
export const guardCell = (c: Cell): Cell => (typeof c === 'string' && FORMULA.test(c) ? `'${c}` : c);

/** Undoes guardCell on imported text, so an export imports back unchanged. */
export const unguardCell = (s: string): string => (s.startsWith("'") && FORMULA.test(s.slice(1)) ? s.slice(1) : s);

/** One table written as CSV or as an Excel workbook (a header row, then the rows). */
export async function renderTable(format: 'csv' | 'xlsx', columns: readonly string[], rows: Cell[][], sheet = 'Sheet1'): Promise<Buffer | string> {
  if (format === 'csv') return stringify(rows.map((r) => r.map((c) => guardCell(c) ?? '')), { header: true, columns: [...columns] });
  // exceljs is large: loaded on the first spreadsheet export, not at start-up.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet);
  ws.addRow([...columns]).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function sendTable(reply: FastifyReply, format: 'csv' | 'xlsx', name: string, body: Buffer | string) {
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.${format}"`);
  return reply.send(body);
}
