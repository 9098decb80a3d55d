import { Card, Input, Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import type { Country } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useFormat } from '../../i18n/format';

export default function CountriesPage() {
  const { t, i18n } = useTranslation();
  const { number } = useFormat();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 50);
  const q = params.get('q') ?? '';
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['countries', { page, pageSize, q }],
    queryFn: () => api.get<Page<Country>>('/countries', { page, pageSize, q }),
    placeholderData: keepPreviousData,
  });
  const lng = i18n.language as keyof Country['names'];
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k); else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader title={t('nav.countries')} />
      <Card>
        <div className="orms-toolbar">
          <Input.Search aria-label={t('common.search')} placeholder={t('countries.search')} defaultValue={q} allowClear style={{ maxWidth: 320 }}
            onSearch={(v) => set({ q: v, page: undefined })} />
        </div>
        {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : (
          <Table<Country> data-testid="countries-table" rowKey="code" loading={isFetching} dataSource={data?.items}
            locale={{ emptyText: <EmptyList /> }}
            pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: number(n) }),
              onChange: (p, s) => set({ page: p, pageSize: s }) }}
            columns={[
              { title: t('countries.name'), key: 'name', render: (_, c) => <span>{c.names[lng] ?? c.names.en}</span> },
              ...(lng !== 'en' ? [{ title: t('countries.nameEn'), key: 'en', render: (_: unknown, c: Country) => <span lang="en">{c.names.en}</span> }] : []),
              { title: t('countries.code'), dataIndex: 'code', width: 100 },
              { title: t('countries.alpha3'), dataIndex: 'alpha3', width: 100 },
            ]} />
        )}
      </Card>
    </>
  );
}
