import { useQuery } from '@tanstack/react-query';
import { allows, allowsSomewhere } from '../../../../src/domain/access.js';
import { CONTINUITY_RIGHTS } from '../../../../src/modules/continuity/policy.js';
import { api, fetchAll, type Page } from '../../api/client';
import { principalOf } from '../../access';
import { useSession } from '../../session';
import type { BiaSettings, DataCentre, MapNode } from './types';

/** The impact scale, dimensions and intolerable level every BIA page reads. */
export const useBiaSettings = () =>
  useQuery({ queryKey: ['continuity', 'settings'], queryFn: () => api.get<BiaSettings>('/continuity/settings'), staleTime: 300_000 });

/** Names and types of map nodes by id (an edge or a strategy only carries ids). */
export function useNodes(ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))].sort();
  const q = useQuery({
    queryKey: ['continuity', 'nodes', 'ids', wanted],
    queryFn: async () => {
      const out: MapNode[] = [];
      for (let i = 0; i < wanted.length; i += 400) out.push(...(await api.get<Page<MapNode>>('/continuity/nodes', { ids: wanted.slice(i, i + 400).join(','), pageSize: 500 })).items);
      return new Map(out.map((n) => [n.id, n])) as ReadonlyMap<string, MapNode>;
    },
    enabled: wanted.length > 0,
    staleTime: 30_000,
  });
  return q.data ?? NO_NODES;
}
const NO_NODES: ReadonlyMap<string, MapNode> = new Map();

/** What the signed-in user may do in the area (the server decides per record; this hides buttons). */
export function useContinuityRights() {
  const { user } = useSession();
  const p = user ? principalOf(user) : undefined;
  return {
    canRead: !!p && allowsSomewhere(p, CONTINUITY_RIGHTS, 'bc.read'),
    canWrite: !!p && allowsSomewhere(p, CONTINUITY_RIGHTS, 'bc.write'),
    canApprove: !!p && allowsSomewhere(p, CONTINUITY_RIGHTS, 'bc.approve'),
    personId: user?.personId ?? null,
    /**
     * Whether to offer changing a record: shared inventory (no entity, no duty station) needs an
     * organization-wide grant; for the rest the browser does not know the scope's members, so it
     * offers it to any editor and the server decides.
     */
    canWriteRecord: (r: { entityId: string | null; locationId: string | null }) =>
      !!p && (r.entityId || r.locationId ? allowsSomewhere(p, CONTINUITY_RIGHTS, 'bc.write') : allows(p, CONTINUITY_RIGHTS, 'bc.write', {})),
  };
}

/** Everything the continuity area caches: invalidated together after a change, since analyses follow every edit. */
export const CONTINUITY_KEY = ['continuity'];

/** The data centres (a few hundred at most): for pickers and names. */
export const useDataCentres = () =>
  useQuery({ queryKey: ['continuity', 'data-centres', 'all'], queryFn: () => fetchAll<DataCentre>('/continuity/data-centres'), staleTime: 60_000 });
