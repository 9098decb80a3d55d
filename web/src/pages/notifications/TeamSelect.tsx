import { useEffect, useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import type { Team } from '../../api/types';

type Props = Omit<SelectProps, 'options' | 'onChange' | 'value'> & { value?: string | null; onChange?(v: string | null): void };

/** A team, searched on the server by name. */
export function TeamSelect({ value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => { const h = setTimeout(() => setQ(search), 250); return () => clearTimeout(h); }, [search]);
  const found = useQuery({ queryKey: ['teams', 'search', q], queryFn: () => api.get<Page<Team>>('/teams', { q, pageSize: 20 }) });
  const current = useQuery({ queryKey: ['teams', 'one', value], queryFn: () => api.get<Team>(`/teams/${value}`), enabled: !!value, staleTime: 300_000 });
  const list = [...(found.data?.items ?? [])];
  if (current.data && !list.some((x) => x.id === current.data.id)) list.unshift(current.data);
  return <Select showSearch={{ filterOption: false, onSearch: setSearch }} allowClear loading={found.isFetching} placeholder={t('notifyRules.pickTeam')} {...rest}
    value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} options={list.map((x) => ({ value: x.id, label: x.name }))} notFoundContent={t('common.noMatch')} />;
}
