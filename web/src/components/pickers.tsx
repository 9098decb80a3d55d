import { useEffect, useMemo, useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../api/client';
import type { Location, Person } from '../api/types';
import { useCountries, useEntities, useLocation } from '../api/lookups';

type Common = Omit<SelectProps, 'options' | 'onChange' | 'value'> & { value?: string | null; onChange?(v: string | null): void };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => { const h = setTimeout(() => setV(value), ms); return () => clearTimeout(h); }, [value, ms]);
  return v;
}

export function EntitySelect({ value, onChange, ...rest }: Common) {
  const { t } = useTranslation();
  const { data, isLoading } = useEntities();
  const options = useMemo(() => (data ?? []).map((e) => ({ value: e.id, label: `${e.code} — ${e.name}` })), [data]);
  return <Select showSearch={{ optionFilterProp: 'label' }} allowClear loading={isLoading} placeholder={t('pickers.entity')} {...rest}
    value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} options={options} />;
}

export function CountrySelect({ value, onChange, ...rest }: Common) {
  const { t, i18n } = useTranslation();
  const { data, isLoading } = useCountries();
  const lng = i18n.language as 'en';
  const options = useMemo(() => (data ?? []).map((c) => ({ value: c.code, label: `${c.names[lng] ?? c.names.en} (${c.code})` })), [data, lng]);
  return <Select showSearch={{ optionFilterProp: 'label' }} allowClear loading={isLoading} placeholder={t('pickers.country')} {...rest}
    value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} options={options} />;
}

const ZONES = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
export function TimeZoneSelect({ value, onChange, ...rest }: Common) {
  const { t } = useTranslation();
  const options = useMemo(() => ZONES.map((z) => ({ value: z, label: z })), []);
  return <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('pickers.timeZone')} {...rest}
    value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} options={options} />;
}

/** Duty station or premises, searched on the server (there may be thousands). */
export function LocationSelect({ value, onChange, kind, ...rest }: Common & { kind?: 'duty_station' | 'premises' }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const current = useLocation(value);
  const found = useQuery({ queryKey: ['locations', 'search', kind, q], queryFn: () => api.get<Page<Location>>('/locations', { q, kind, pageSize: 20 }) });
  const options = useMemo(() => {
    const list = [...(found.data?.items ?? [])];
    if (current.data && !list.some((l) => l.id === current.data.id)) list.unshift(current.data);
    return list.map((l) => ({ value: l.id, label: `${l.name} (${l.countryCode})` }));
  }, [found.data, current.data]);
  return <Select showSearch={{ filterOption: false, onSearch: setSearch }} allowClear loading={found.isFetching}
    placeholder={t(kind === 'duty_station' ? 'pickers.dutyStation' : 'pickers.location')} {...rest}
    value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} options={options} notFoundContent={t('common.noMatch')} />;
}

export function PersonSelect({ value, onChange, ...rest }: Common) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const found = useQuery({ queryKey: ['people', 'search', q], queryFn: () => api.get<Page<Person>>('/people', { q, pageSize: 20 }) });
  // The chosen person may not be among the matches: fetched on their own so the name shows.
  const current = useQuery({ queryKey: ['people', 'one', value], queryFn: () => api.get<Person>(`/people/${value}`), enabled: !!value, staleTime: 300_000 });
  const list = [...(found.data?.items ?? [])];
  if (current.data && !list.some((p) => p.id === current.data.id)) list.unshift(current.data);
  const options = list.map((p) => ({ value: p.id, label: `${p.familyName}, ${p.givenName}${p.jobTitle ? ` — ${p.jobTitle}` : ''}` }));
  return <Select showSearch={{ filterOption: false, onSearch: setSearch }} allowClear loading={found.isFetching} placeholder={t('pickers.person')} {...rest}
    value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} options={options} notFoundContent={t('common.noMatch')} />;
}
