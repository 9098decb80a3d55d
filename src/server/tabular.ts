import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

export type Cell = string | number | boolean | null;

/** One table written as CSV or as an Excel workbook (a header row, then the rows). */
export async function renderTable(format: 'csv' | 'xlsx', columns: readonly string[], rows: Cell[][], sheet = 'Sheet1'): Promise<Buffer | string> {
  if (format === 'csv') return stringify(rows.map((r) => r.map((c) => c ?? '')), { header: true, columns: [...columns] });
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
