import { median, p95 } from './server.js';

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Issue-4 figures on a server seeded at the un scale (100,000 risks, 300,000 treatments). */
export async function riskBench(label: string, url: string, cookie: string): Promise<void> {
  const get = async <T>(path: string): Promise<{ ms: number; body: T }> => {
    const t0 = performance.now();
    const res = await fetch(url + path, { headers: { cookie } });
    const body = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, body };
  };
  const heat = async (query: string, n: number) => {
    await get(`/api/v1/risk/heatmap${query}`);
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const r = await get<{ total: number }>(`/api/v1/risk/heatmap${query}`);
      times.push(r.ms);
      total = r.body.total;
    }
    return { times, total };
  };
  const all = await heat('?kind=residual', 30);
  console.log(`${label}: risk heat map, whole system         median ${fmt(median(all.times))}, p95 ${fmt(p95(all.times))} over ${all.total} risks (target median < 150 ms)`);
  const comp = await heat('?kind=residual&component=itdr', 20);
  console.log(`${label}: risk heat map, one component        median ${fmt(median(comp.times))} over ${comp.total} risks`);

  const countries = [...new Set((await get<{ items: { countryCode: string }[] }>('/api/v1/locations?kind=duty_station&pageSize=500')).body.items.map((l) => l.countryCode))];
  const times: number[] = [];
  let programmes = 0;
  for (const c of countries.slice(0, 40)) {
    const r = await get<{ verdicts: unknown[] }>(`/api/v1/security/acceptable-risk?countryCode=${c}`);
    times.push(r.ms);
    programmes += r.body.verdicts.length;
  }
  console.log(`${label}: acceptable-risk verdicts of a country median ${fmt(median(times))}, p95 ${fmt(p95(times))} (${(programmes / times.length).toFixed(0)} programmes per country; target < 50 ms)`);
  const tracker: number[] = [];
  for (let i = 0; i < 20; i++) tracker.push((await get('/api/v1/treatments?pageSize=50')).ms);
  console.log(`${label}: treatment tracker, overdue first       median ${fmt(median(tracker))} over 300,000 treatments`);
}
