/**
 * Places a small dependency graph in columns for drawing: the focus in the middle, what it needs
 * (following edges forward) to the right by distance, what needs it to the left, anything reached
 * by a mixed path beside the column of its nearest neighbour. Rows are spread evenly per column.
 */
export interface LayoutEdge { from: string; to: string }

function distances(start: string[], next: Map<string, string[]>): Map<string, number> {
  const d = new Map(start.map((s) => [s, 0]));
  const queue = [...start];
  for (let head = 0; head < queue.length; head++) {
    const x = queue[head]!;
    for (const y of next.get(x) ?? []) if (!d.has(y)) { d.set(y, d.get(x)! + 1); queue.push(y); }
  }
  return d;
}

export function columnsOf(ids: string[], edges: LayoutEdge[], roots: string[]): Map<string, number> {
  const fwd = new Map<string, string[]>(), back = new Map<string, string[]>();
  for (const e of edges) {
    fwd.set(e.from, [...(fwd.get(e.from) ?? []), e.to]);
    back.set(e.to, [...(back.get(e.to) ?? []), e.from]);
  }
  const needs = distances(roots, fwd), neededBy = distances(roots, back);
  const col = new Map<string, number>();
  for (const id of ids) {
    if (needs.has(id)) col.set(id, needs.get(id)!);
    else if (neededBy.has(id)) col.set(id, -neededBy.get(id)!);
  }
  // Mixed paths: one column right of a placed node it depends on, else left of one depending on it.
  for (let round = 0; round < ids.length && col.size < ids.length; round++) {
    for (const id of ids) {
      if (col.has(id)) continue;
      const dep = (back.get(id) ?? []).find((x) => col.has(x));
      const user = (fwd.get(id) ?? []).find((x) => col.has(x));
      if (dep !== undefined) col.set(id, col.get(dep)! + 1);
      else if (user !== undefined) col.set(id, col.get(user)! - 1);
    }
  }
  for (const id of ids) if (!col.has(id)) col.set(id, 0);
  return col;
}

/** x, y of each node: columns 220 apart, rows 70 apart, each column centred. */
export function positions(ids: string[], col: Map<string, number>): Map<string, [number, number]> {
  const byCol = new Map<number, string[]>();
  for (const id of ids) byCol.set(col.get(id)!, [...(byCol.get(col.get(id)!) ?? []), id]);
  const out = new Map<string, [number, number]>();
  for (const [c, list] of byCol) list.forEach((id, i) => out.set(id, [c * 220, (i - (list.length - 1) / 2) * 70]));
  return out;
}
