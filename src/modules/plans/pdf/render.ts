import PDFDocument from 'pdfkit';
import { callTreeLevels, type Block, type PlanContent } from '../../../domain/plans/content.js';
import { fontBytes, isRtl, runsOf } from './fonts.js';

/** A person as printed: name, title and contact points as they are at print time. */
export interface PrintPerson { id: string; name: string; jobTitle: string | null; contacts: { kind: string; value: string }[] }
export interface PrintTeam { id: string; name: string; members: { role: string; person: PrintPerson }[] }

/** Everything a printed plan shows, resolved from the database by the print service. */
export interface PrintModel {
  title: string; planType: string; entity: string | null; location: string | null;
  version: number; status: string; approvedBy: string | null; approvedAt: string | null; reviewDue: string | null;
  activationCriteria: string; printedAt: string;
  content: PlanContent;
  people: Map<string, PrintPerson>; teams: Map<string, PrintTeam>;
}

type Doc = PDFKit.PDFDocument;
interface TextOpts { size?: number; bold?: boolean; color?: string; align?: 'left' | 'right' | 'center'; x?: number; y?: number; width?: number; indent?: number }

const MARGIN = 56;

/** Draws text run by run with the font subset each run needs; right-to-left paragraphs align right. */
function write(doc: Doc, text: string, o: TextOpts = {}) {
  const runs = runsOf(text || ' ', o.bold);
  const align = o.align ?? (isRtl(text) ? 'right' : 'left');
  const width = o.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right - (o.indent ?? 0);
  doc.fillColor(o.color ?? '#000').fontSize(o.size ?? 10);
  runs.forEach((r, i) => {
    font(doc, r.face.name, r.face);
    const opts = { continued: i < runs.length - 1, align, width, lineGap: 1.5 };
    if (i === 0 && (o.x !== undefined || o.y !== undefined || o.indent)) doc.text(r.text, o.x ?? doc.page.margins.left + (o.indent ?? 0), o.y ?? doc.y, opts);
    else doc.text(r.text, opts);
  });
}

function font(doc: Doc, name: string, face: Parameters<typeof fontBytes>[0]) {
  const registered = (doc as unknown as { _registeredFonts: Record<string, unknown> })._registeredFonts;
  if (!registered[name]) doc.registerFont(name, fontBytes(face));
  doc.font(name);
}

const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
function ensureSpace(doc: Doc, h: number) { if (doc.y + h > bottom(doc)) doc.addPage(); }

const contactLine = (p: PrintPerson) => [p.jobTitle, ...p.contacts.map((c) => `${c.kind}: ${c.value}`)].filter(Boolean).join(' · ');

function table(doc: Doc, header: string[], rows: string[][]) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const colW = width / header.length;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.fontSize(9);
    font(doc, 'measure', runsOf('x')[0]!.face);
    const h = Math.max(14, ...cells.map((c) => doc.heightOfString(c || ' ', { width: colW - 6 }) + 6));
    ensureSpace(doc, h);
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.rect(left + i * colW, y, colW, h).lineWidth(0.5).stroke('#999');
      write(doc, c, { size: 9, bold, x: left + i * colW + 3, y: y + 3, width: colW - 6 });
    });
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(header, true);
  for (const r of rows) drawRow(header.map((_, i) => r[i] ?? ''), false);
  doc.moveDown(0.5);
}

function person(m: PrintModel, id: string): PrintPerson {
  return m.people.get(id) ?? { id, name: '(no longer on record)', jobTitle: null, contacts: [] };
}

function block(doc: Doc, m: PrintModel, b: Block) {
  switch (b.type) {
    case 'heading': ensureSpace(doc, 40); write(doc, b.text, { size: [0, 14, 12, 11][b.level], bold: true }); doc.moveDown(0.3); break;
    case 'paragraph': for (const para of b.text.split(/\n{2,}/)) { write(doc, para); doc.moveDown(0.4); } break;
    case 'list': b.items.forEach((it, i) => write(doc, `${b.ordered ? `${i + 1}.` : '•'} ${it}`, { indent: 12 })); doc.moveDown(0.4); break;
    case 'table': table(doc, b.header, b.rows); break;
    case 'roles':
      table(doc, ['Role', 'Responsibilities', 'Team'], b.entries.map((e) => [e.role, e.responsibilities, e.teamId ? m.teams.get(e.teamId)?.name ?? '' : '']));
      break;
    case 'contacts': {
      write(doc, b.title, { size: 11, bold: true });
      const rows = b.personIds.map((id) => { const p = person(m, id); return [p.name, contactLine(p)]; });
      for (const tid of b.teamIds) {
        const t = m.teams.get(tid);
        if (t) rows.push(...t.members.map((x) => [`${x.person.name} (${t.name}: ${x.role})`, contactLine(x.person)]));
      }
      table(doc, ['Name', 'Contact'], rows);
      break;
    }
    case 'checklist': write(doc, b.title, { size: 11, bold: true }); b.items.forEach((it) => write(doc, `[  ] ${it.text}${it.role ? ` — ${it.role}` : ''}`, { indent: 12 })); doc.moveDown(0.4); break;
    case 'call_tree':
      write(doc, 'Call tree', { size: 11, bold: true });
      for (const n of callTreeLevels(b.nodes)) {
        const p = person(m, n.personId);
        write(doc, `${'→ '.repeat(n.depth ? 1 : 0)}${p.name}  ${p.contacts.filter((c) => c.kind !== 'email').map((c) => c.value).join(', ')}`, { indent: 12 + n.depth * 14 });
      }
      doc.moveDown(0.4);
      break;
  }
}

/** Collects a pdfkit document into one buffer. */
function finish(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A printable plan: cover, table of contents, sections, contact lists resolved at print time, page numbers. */
export function renderPlanPdf(m: PrintModel): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, autoFirstPage: true, info: { Title: m.title, Subject: m.planType, Creator: 'ORMS' } });
  // Cover
  doc.y = 200;
  write(doc, m.planType.toUpperCase(), { size: 12, color: '#555', align: 'center' });
  doc.moveDown(1);
  write(doc, m.title, { size: 24, bold: true, align: 'center' });
  doc.moveDown(1.5);
  const facts = [
    m.entity && `Entity: ${m.entity}`, m.location && `Duty station: ${m.location}`, `Version ${m.version} — ${m.status.replace('_', ' ')}`,
    m.approvedAt && `Approved ${m.approvedAt.slice(0, 10)}${m.approvedBy ? ` by ${m.approvedBy}` : ''}`, m.reviewDue && `Next review due ${m.reviewDue}`,
    `Printed ${m.printedAt.slice(0, 16).replace('T', ' ')} UTC — contact details as on record at that time`,
  ].filter(Boolean) as string[];
  for (const f of facts) write(doc, f, { size: 11, align: 'center' });
  if (m.activationCriteria) { doc.moveDown(2); write(doc, 'Activation criteria', { size: 11, bold: true, align: 'center' }); write(doc, m.activationCriteria, { size: 10, align: 'center' }); }

  // Table of contents: reserve its pages now, fill them once section pages are known.
  const tocPages = Math.max(1, Math.ceil(m.content.sections.length / 32));
  const tocStart = doc.bufferedPageRange().count;
  for (let i = 0; i < tocPages; i++) doc.addPage();
  const starts: number[] = [];
  m.content.sections.forEach((s, i) => {
    doc.addPage();
    starts.push(doc.bufferedPageRange().count);
    doc.outline.addItem(`${i + 1}. ${s.heading}`);
    write(doc, `${i + 1}. ${s.heading}`, { size: 16, bold: true });
    doc.moveDown(0.5);
    for (const b of s.blocks) block(doc, m, b);
  });

  doc.switchToPage(tocStart);
  doc.y = MARGIN;
  write(doc, 'Contents', { size: 16, bold: true });
  doc.moveDown(0.5);
  m.content.sections.forEach((s, i) => {
    if (doc.y > bottom(doc) - 20) { doc.switchToPage(doc.bufferedPageRange().start + tocStart + Math.floor(i / 32)); doc.y = MARGIN; }
    const y = doc.y;
    write(doc, `${i + 1}. ${s.heading}`, { size: 10, width: 400 });
    write(doc, String(starts[i]), { size: 10, x: doc.page.width - MARGIN - 60, y, width: 60, align: 'right' });
    doc.x = MARGIN;
    doc.y = Math.max(doc.y, y + 14);
  });

  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (i > 0) write(doc, `${m.title} — version ${m.version}`, { size: 8, color: '#666', x: MARGIN, y: doc.page.height - 36, width: 300 });
    write(doc, `Page ${i + 1} of ${count}`, { size: 8, color: '#666', x: doc.page.width - MARGIN - 120, y: doc.page.height - 36, width: 120, align: 'right' });
    doc.page.margins.bottom = saved;
  }
  return finish(doc);
}

export interface WalletCardModel { title: string; location: string; numbers: { label: string; number: string }[]; firstActions: string[]; updatedAt: string }

/** ISO/IEC 7810 ID-1 (credit card): 85.60 × 53.98 mm. Front: emergency numbers; back: first actions. */
export const CARD_SIZE: [number, number] = [242.65, 153.01];

export function renderWalletCard(c: WalletCardModel): Promise<Buffer> {
  const doc = new PDFDocument({ size: CARD_SIZE, margin: 10, info: { Title: `${c.title} — ${c.location}`, Creator: 'ORMS' } });
  const w = CARD_SIZE[0] - 20;
  doc.rect(0, 0, CARD_SIZE[0], 24).fill('#b71c1c');
  write(doc, c.title, { size: 9, bold: true, color: '#fff', x: 10, y: 7, width: w });
  doc.y = 30;
  write(doc, c.location, { size: 8, bold: true, x: 10, width: w });
  for (const n of c.numbers) {
    const y = doc.y;
    write(doc, n.label, { size: 7, x: 10, y, width: w * 0.55 });
    const after = doc.y;
    write(doc, n.number, { size: 7, bold: true, x: 10 + w * 0.55, y, width: w * 0.45, align: 'right' });
    doc.y = Math.max(after, doc.y);
  }
  doc.addPage({ size: CARD_SIZE, margin: 10 });
  write(doc, 'First actions', { size: 8, bold: true, x: 10, width: w });
  c.firstActions.forEach((a, i) => write(doc, `${i + 1}. ${a}`, { size: 6.5, x: 10, width: w }));
  write(doc, `As of ${c.updatedAt.slice(0, 10)}`, { size: 5.5, color: '#666', x: 10, y: CARD_SIZE[1] - 16, width: w });
  return finish(doc);
}
