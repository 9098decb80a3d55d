import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Select, type SelectProps } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import type { Person, Team } from '../../api/types';
import { useEntities } from '../../api/lookups';
import type { Plan } from './api';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => { const h = setTimeout(() => setV(value), ms); return () => clearTimeout(h); }, [value, ms]);
  return v;
}

interface Source<T> {
  key: string;
  search(q: string): Promise<T[]>;
  one(id: string): Promise<T>;
  label(x: T): string;
}

const personLabel = (p: Person) => `${p.familyName}, ${p.givenName}${p.jobTitle ? ` — ${p.jobTitle}` : ''}`;
const sources = {
  person: { key: 'people', search: (q) => api.get<Page<Person>>('/people', { q, pageSize: 20 }).then((r) => r.items), one: (id) => api.get<Person>(`/people/${id}`), label: personLabel } as Source<Person>,
  team: { key: 'teams', search: (q) => api.get<Page<Team>>('/teams', { q, pageSize: 20 }).then((r) => r.items), one: (id) => api.get<Team>(`/teams/${id}`), label: (t) => t.name } as Source<Team>,
  plan: { key: 'plans', search: (q) => api.get<Page<Plan>>('/plans', { q, pageSize: 20 }).then((r) => r.items), one: (id) => api.get<Plan>(`/plans/${id}`), label: (p) => p.title } as Source<Plan>,
  risk: {
    key: 'risks', search: (q) => api.get<Page<{ id: string; title: string }>>('/risks', { q, pageSize: 20 }).then((r) => r.items),
    one: (id) => api.get<{ id: string; title: string }>(`/risks/${id}`), label: (r) => r.title,
  } as Source<{ id: string; title: string }>,
  process: {
    key: 'bc-processes', search: (q) => api.get<Page<{ id: string; name: string }>>('/continuity/processes', { q, pageSize: 20 }).then((r) => r.items),
    one: (id) => api.get<{ id: string; name: string }>(`/continuity/processes/${id}`), label: (p) => p.name,
  } as Source<{ id: string; name: string }>,
};
export type SourceName = keyof typeof sources;

type Common = Omit<SelectProps, 'options' | 'onChange' | 'value' | 'mode'>;

/** A record picked by searching on the server; chosen records are fetched on their own so their names show. */
export function RemoteSelect({ source, value, onChange, ...rest }: Common & { source: SourceName; value?: string | null; onChange?(v: string | null): void }) {
  const [options, loading, onSearch] = useRemoteOptions(source, value ? [value] : []);
  const { t } = useTranslation();
  return <Select showSearch={{ filterOption: false, onSearch }} allowClear loading={loading} notFoundContent={t('common.noMatch')} {...rest}
    value={value ?? undefined} onChange={(v) => onChange?.((v as string | undefined) ?? null)} options={options} />;
}

export function RemoteMultiSelect({ source, value, onChange, ...rest }: Common & { source: SourceName; value?: string[]; onChange?(v: string[]): void }) {
  const [options, loading, onSearch] = useRemoteOptions(source, value ?? []);
  const { t } = useTranslation();
  return <Select mode="multiple" showSearch={{ filterOption: false, onSearch }} allowClear loading={loading} notFoundContent={t('common.noMatch')} {...rest}
    value={value ?? []} onChange={(v) => onChange?.(v as string[])} options={options} />;
}

function useRemoteOptions(name: SourceName, chosen: string[]): [{ value: string; label: string }[], boolean, (q: string) => void] {
  const source = sources[name] as Source<{ id: string }>;
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const found = useQuery({ queryKey: [source.key, 'search', q], queryFn: () => source.search(q), staleTime: 30_000 });
  const picked = useQueries({ queries: chosen.map((id) => ({ queryKey: [source.key, 'one', id], queryFn: () => source.one(id), staleTime: 300_000, retry: false })) });
  // A few dozen options at most: built on each render rather than memoized over a list of queries.
  const list = new Map<string, string>();
  picked.forEach((p, i) => list.set(chosen[i]!, p.data ? source.label(p.data) : '…'));
  (found.data ?? []).forEach((x) => { if (!list.has(x.id)) list.set(x.id, source.label(x)); });
  const options = [...list].map(([value, label]) => ({ value, label }));
  return [options, found.isFetching, setSearch];
}

export function EntityMultiSelect({ value, onChange, ...rest }: Common & { value?: string[]; onChange?(v: string[]): void }) {
  const { data, isLoading } = useEntities();
  const options = useMemo(() => (data ?? []).map((e) => ({ value: e.id, label: `${e.code} — ${e.name}` })), [data]);
  return <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} allowClear loading={isLoading} {...rest}
    value={value ?? []} onChange={(v) => onChange?.(v as string[])} options={options} />;
}

/** A person's name, looked up once and cached; a link to their record. */
export function PersonLabel({ id, link = true }: { id: string; link?: boolean }) {
  const { data, isError } = useQuery({ queryKey: ['people', 'one', id], queryFn: () => api.get<Person>(`/people/${id}`), staleTime: 300_000, retry: false });
  const { t } = useTranslation();
  const name = data ? `${data.familyName}, ${data.givenName}` : isError ? t('plans.someone') : '…';
  return link && data ? <Link to={`/org/people/${id}`}>{name}</Link> : <>{name}</>;
}

export function TeamLabel({ id }: { id: string }) {
  const { data, isError } = useQuery({ queryKey: ['teams', 'one', id], queryFn: () => api.get<Team>(`/teams/${id}`), staleTime: 300_000, retry: false });
  const { t } = useTranslation();
  return data ? <Link to={`/org/teams/${id}`}>{data.name}</Link> : <>{isError ? t('plans.someTeam') : '…'}</>;
}

export function PlanLabel({ id }: { id: string }) {
  const { data, isError } = useQuery({ queryKey: ['plans', 'one', id], queryFn: () => api.get<Plan>(`/plans/${id}`), staleTime: 60_000, retry: false });
  const { t } = useTranslation();
  return data ? <Link to={`/plans/${id}`}>{data.title}</Link> : <>{isError ? t('plans.somePlan') : '…'}</>;
}
