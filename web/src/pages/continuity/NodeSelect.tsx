import { useEffect, useMemo, useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import { useNodes } from './hooks';
import type { MapNode } from './types';

type Props = Omit<SelectProps, 'options' | 'onChange' | 'value' | 'mode'> & {
  /** Node types offered (process, application, data_centre, premises, duty_station, vendor, person); all when left out. */
  types?: readonly string[];
  exclude?: string[];
} & ({ multiple?: false; value?: string | null; onChange?(v: string | null): void } | { multiple: true; value?: string[]; onChange?(v: string[]): void });

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => { const h = setTimeout(() => setV(value), ms); return () => clearTimeout(h); }, [value, ms]);
  return v;
}

/** A node of the dependency map, searched on the server by name (the map may hold tens of thousands). */
export function NodeSelect({ types, exclude, ...props }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const type = types?.join(',');
  const found = useQuery({
    queryKey: ['continuity', 'nodes', 'search', type, q],
    queryFn: () => api.get<Page<MapNode>>('/continuity/nodes', { q, type, pageSize: 30 }),
    placeholderData: keepPreviousData,
  });
  const chosen = props.multiple ? props.value ?? [] : props.value ? [props.value] : [];
  const known = useNodes(chosen);
  const options = useMemo(() => {
    const list = [...(found.data?.items ?? [])].filter((n) => !exclude?.includes(n.id));
    for (const id of chosen) { const n = known.get(id); if (n && !list.some((x) => x.id === id)) list.unshift(n); }
    return list.map((n) => ({ value: n.id, label: `${n.name} · ${t(`bc.nodeTypes.${n.type}`, { defaultValue: n.type })}` }));
  }, [found.data, known, chosen, exclude, t]);
  const common = {
    showSearch: { filterOption: false, onSearch: setSearch }, loading: found.isFetching, options, notFoundContent: t('common.noMatch'),
    placeholder: t('bc.pickNode'), allowClear: true,
  } as const;
  if (props.multiple) {
    const { multiple: _m, value, onChange, ...rest } = props;
    return <Select mode="multiple" {...common} {...rest} value={value} onChange={(v: string[]) => onChange?.(v)} />;
  }
  const { multiple: _m, value, onChange, ...rest } = props;
  return <Select {...common} {...rest} value={value ?? undefined} onChange={(v: string | undefined) => onChange?.(v ?? null)} />;
}
