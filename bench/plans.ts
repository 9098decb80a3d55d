import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, type Db } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { insertMany } from '../src/db/bulk.js';
import { searchText } from '../src/db/paging.js';
import type { Database } from '../src/db/types.js';
import type { Principal } from '../src/domain/access.js';
import { newId, nowIso } from '../src/domain/ids.js';
import { LESSON_CATEGORIES } from '../src/domain/plans/catalog.js';
import type { Block, PlanContent } from '../src/domain/plans/content.js';
import { foldForSearch } from '../src/domain/plans/search.js';
import type { Ctx } from '../src/server/context.js';
import { createPlan } from '../src/modules/plans/plans.service.js';
import { saveDraft } from '../src/modules/plans/versions.service.js';
import { planPdf } from '../src/modules/plans/print.service.js';
import { listLessons } from '../src/modules/exercises/lessons.service.js';
import { median, p95 } from './server.js';

/**
 * Issue-7 figures: exporting a 60-page plan (cover, contents, tables, contact lists resolved at
 * print time, Chinese and Arabic text) to PDF, and full-text search over 50,000 lessons learned.
 * SQLite always; PostgreSQL too when BENCH_DATABASE_URL names a server for a scratch database.
 */
const ADMIN: Principal = { userId: '', email: 'bench', personId: null, grants: [{ role: 'system_admin', scopeType: 'org', scopeId: null, entityIds: new Set(), locationIds: new Set() }] };
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const WORDS = ['generator', 'hotline', 'evacuation', 'telecommuting', 'roster', 'warden', 'radio', 'satellite', 'pandemic', 'flood', 'earthquake', 'convoy', 'headcount',
  'clinic', 'vpn', 'backup', 'server', 'replication', 'vendor', 'contract', 'training', 'awareness', 'coordination', 'briefing', 'shelter', 'water', 'fuel', 'power',
  'access', 'road', 'airport', 'border', 'curfew', 'media', 'rumour', 'family', 'dependants', 'counselling', 'stress', 'budget', 'procurement', 'inventory'];

function rand(seed: number) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = Math.imul(a ^ (a >>> 15), a | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

async function organization(db: Db['db']) {
  const now = nowIso();
  const entity = newId(), station = newId(), team = newId();
  await db.insertInto('entities').values({ id: entity, code: 'BENCH', name: 'Bench entity', kind: 'office', parent_id: null, path: `/${entity}/`, created_at: now, updated_at: now }).execute();
  await db.insertInto('locations').values({ id: station, external_id: 'B', kind: 'duty_station', name: 'Nairobi', parent_id: null, country_code: 'KE', city: 'Nairobi', address: null, latitude: -1.2, longitude: 36.8, time_zone: 'Africa/Nairobi', search_text: 'nairobi', created_at: now, updated_at: now }).execute();
  const people: Database['people'][] = Array.from({ length: 60 }, (_, i) => ({
    id: newId(), external_id: `P${i}`, kind: 'staff', given_name: ['Amina', 'Wei', 'Olga', 'Carlos', 'Fatima', 'John'][i % 6]!, family_name: `Staff ${i}`, entity_id: entity, home_location_id: station,
    sponsor_id: null, job_title: 'Officer', language: 'en', status: 'active', search_text: `staff ${i}`, created_at: now, updated_at: now,
  }));
  await insertMany(db, 'people', people);
  await insertMany(db, 'contact_points', people.flatMap((p, i) => [
    { id: newId(), person_id: p.id, kind: 'email', value: `staff${i}@bench.example.org`, label: null, priority: 0 },
    { id: newId(), person_id: p.id, kind: 'mobile', value: `+2547000${String(i).padStart(5, '0')}`, label: null, priority: 1 },
  ]));
  await db.insertInto('teams').values({ id: team, name: 'Nairobi CMT', kind: 'crisis_management_team', entity_id: null, location_id: station, terms_of_reference: '', created_at: now, updated_at: now }).execute();
  await insertMany(db, 'team_members', people.slice(0, 12).map((p, i) => ({ id: newId(), team_id: team, person_id: p.id, role: i ? 'Member' : 'Chair' })));
  return { entity, station, team, people: people.map((p) => p.id) };
}

/** About two pages per section: text, a list, a table, a contact list, a checklist; some sections in Chinese and Arabic. */
function bigPlan(org: Awaited<ReturnType<typeof organization>>, sections: number): PlanContent {
  const r = rand(7);
  const sentence = () => Array.from({ length: 14 }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
  const para = () => `${Array.from({ length: 6 }, () => `${sentence()}.`).join(' ')}`;
  return {
    sections: Array.from({ length: sections }, (_, i) => {
      const blocks: Block[] = [
        { type: 'paragraph', text: [para(), para(), para()].join('\n\n') },
        { type: 'list', ordered: true, items: Array.from({ length: 8 }, sentence) },
        { type: 'table', header: ['Resource', 'Quantity', 'Where', 'Owner'], rows: Array.from({ length: 10 }, () => [sentence().slice(0, 40), String(Math.floor(r() * 100)), 'Gigiri', 'BC coordinator']) },
        { type: 'contacts', title: 'Contacts', personIds: org.people.slice((i * 5) % 50, (i * 5) % 50 + 8), teamIds: i % 5 === 0 ? [org.team] : [] },
        { type: 'checklist', title: 'Actions', items: Array.from({ length: 6 }, () => ({ text: sentence(), role: 'Warden' })) },
      ];
      if (i % 6 === 1) blocks.push({ type: 'paragraph', text: '内罗毕办事处危机管理手册介绍了各种危机应对小组的职权范围和实用资料。'.repeat(6) });
      if (i % 6 === 2) blocks.push({ type: 'paragraph', text: 'خطة استمرارية الأعمال لمكتب الأمم المتحدة في نيروبي. '.repeat(8) });
      return { key: `s${i}`, heading: `Section ${i + 1}: ${sentence().slice(0, 50)}`, blocks };
    }),
  };
}

async function pdfBench(label: string, ctx: Ctx, org: Awaited<ReturnType<typeof organization>>) {
  const plan = await createPlan(ctx, {
    title: 'Nairobi business continuity plan (benchmark)', planTypeId: '00000000-0000-7000-8000-000000000801', entityId: org.entity, locationId: org.station,
    participantEntityIds: [], ownerPersonId: org.people[0]!, approverPersonId: null, activationCriteria: 'Loss of the Gigiri complex', reviewDue: null,
    riskIds: [], processIds: [], teamIds: [org.team], contactPersonIds: [], templateId: null,
  });
  await saveDraft(ctx, plan.id, plan.workingVersion!.id, { content: bigPlan(org, 20) });
  const first = await planPdf(ctx, plan.id);
  const pages = (first.pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await planPdf(ctx, plan.id);
    times.push(performance.now() - t0);
  }
  console.log(`${label}: plan PDF export, ${pages} pages (${(first.pdf.length / 1024).toFixed(0)} KiB, CJK + Arabic) median ${fmt(median(times))}, max ${fmt(Math.max(...times))} (target < 2 s)`);
}

async function lessonsBench(label: string, ctx: Ctx, org: Awaited<ReturnType<typeof organization>>) {
  const r = rand(11);
  // Ten domain words a lesson, the rest from a long tail of 3,000 rarer words, as real text has.
  const tail = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}${['a', 'e', 'i', 'o', 'u'][i % 5]}n`);
  const now = nowIso();
  const rows: Database['lessons'][] = [];
  for (let i = 0; i < 50_000; i++) {
    const words = Array.from({ length: 40 }, (_, k) => (k % 4 === 0 ? WORDS[Math.floor(r() * WORDS.length)]! : tail[Math.floor(r() ** 2 * tail.length)]!));
    if (i % 1000 === 0) words.push('kashida'); // a rare word: 50 lessons
    const title = words.slice(0, 6).join(' ');
    const body = words.join(' ');
    const tags = [WORDS[i % WORDS.length]!];
    rows.push({ id: newId(), title, body, category: LESSON_CATEGORIES[i % LESSON_CATEGORIES.length]!, tags: tags.join(' '), search_text: foldForSearch(title, body, ...tags), entity_id: org.entity, location_id: org.station, review_id: null, created_by: 'bench', created_at: now, updated_at: now });
  }
  const t0 = performance.now();
  await insertMany(ctx.db, 'lessons', rows);
  await insertMany(ctx.db, 'lesson_tags', rows.map((l) => ({ lesson_id: l.id, tag: l.tags })));
  console.log(`${label}: 50,000 lessons indexed in ${fmt(performance.now() - t0)}`);
  for (const [what, q] of [['rare word (50 hits)', 'kashida'], ['common word', 'hotline'], ['two words', 'generator fuel'], ['prefix', 'evac'], ['with category filter', 'radio satellite']] as const) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 21; i++) {
      const t = performance.now();
      const page = await listLessons(ctx, { q, page: 1, pageSize: 20, ...(what === 'with category filter' ? { category: 'communications' as const } : {}) });
      if (i) times.push(performance.now() - t);
      total = page.total;
    }
    console.log(`${label}: lessons search, ${what.padEnd(22)} median ${fmt(median(times))}, p95 ${fmt(p95(times))} (${total} matches; target < 100 ms)`);
  }
}

async function run(label: string, database: Db) {
  await migrateToLatest(database.db);
  const org = await organization(database.db);
  const ctx: Ctx = { db: database.db, principal: ADMIN };
  await pdfBench(label, ctx, org);
  await lessonsBench(label, ctx, org);
}

export async function plansBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orms-plans-bench-'));
  const sqlite = connect({ dataDir: dir });
  try { await run('sqlite', sqlite); } finally { await sqlite.close(); fs.rmSync(dir, { recursive: true, force: true }); }

  const base = process.env.BENCH_DATABASE_URL;
  if (!base) { console.log('postgres: plans benchmark skipped (set BENCH_DATABASE_URL)'); return; }
  const name = `orms_plans_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = connect({ databaseUrl: url.toString(), dataDir: '' });
  try {
    await run('postgres', database);
  } finally {
    await database.close();
    await new Promise((r) => setTimeout(r, 300)); // let the pool's connections end before the drop
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

// Run directly: node dist/bench/plans.js
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) plansBench().catch((e) => { console.error(e); process.exit(1); });
