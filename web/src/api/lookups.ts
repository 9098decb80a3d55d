import { useQuery } from '@tanstack/react-query';
import { api, fetchAll, type Page } from './client';
import type { Country, Entity, Location, StationPoint } from './types';

/** Reference data many pages need, loaded once and shared through the query cache. */
export const useEntities = () => useQuery({ queryKey: ['entities', 'all'], queryFn: () => fetchAll<Entity>('/entities'), staleTime: 60_000 });
export const useCountries = () => useQuery({ queryKey: ['countries', 'all'], queryFn: () => fetchAll<Country>('/countries'), staleTime: 3600_000 });
export const dutyStationsQuery = {
  queryKey: ['locations', 'duty_stations'],
  queryFn: () => api.get<StationPoint[]>('/locations/duty-stations'),
  staleTime: 60_000,
};
/** `enabled: false` defers the load, e.g. until a page's own data has arrived. */
export const useDutyStations = (enabled = true) => useQuery({ ...dutyStationsQuery, enabled });

export const useLocation = (id: string | null | undefined) =>
  useQuery({ queryKey: ['locations', 'one', id], queryFn: () => api.get<Location>(`/locations/${id}`), enabled: !!id, staleTime: 60_000 });

export const byId = <T extends { id: string }>(items: T[] | undefined): Map<string, T> => new Map((items ?? []).map((i) => [i.id, i]));

export const searchLocations = (q: string, kind?: string) =>
  api.get<Page<Location>>('/locations', { q, kind, pageSize: 20 }).then((p) => p.items);
