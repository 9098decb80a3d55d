import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { SecurityArea } from '../../api/riskTypes';
import { useCountries } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { CountrySelect } from '../../components/pickers';
import { useUrlParams } from '../../components/useUrlParams';
import { LevelTag } from './levels';
import { AreaForm } from './AreaForm';
import { useRights } from '../risk/rights';
import { useSession } from '../../session';
import { canOpen } from '../../access';

/** Security level areas with the level in force. */
export default function SecurityAreasPage() {
  const { t, i18n } = useTranslation();
  const { get, set } = useUrlParams();
  const countryCode = get('countryCode');
  const list = useQuery({ queryKey: ['security', 'areas', countryCode], queryFn: ({ signal }) => api.get<SecurityArea[]>('/security/areas', { countryCode }, signal) });
  const countries = new Map((useCountries().data ?? []).map((c) => [c.code, c]));
  const lng = i18n.language as 'en';
  const navigate = useNavigate();
  const qc = useQueryClient();
  const rights = useRights();
  const { user } = useSession();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={t('security.areas')} actions={<>
        {rights.anySrm && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('srmEdit.newArea')}</Button>}
        <Button onClick={() => navigate('/security/compliance')}>{t('moss.title')}</Button>
        {user && canOpen(user, 'risk') && <Button onClick={() => navigate('/risk/map?by=level')}>{t('riskMap.title')}</Button>}
      </>} />
      <Card>
        <div className="orms-toolbar" role="search">
          <CountrySelect aria-label={t('security.country')} style={{ width: 260 }} value={countryCode} onChange={(v) => set({ countryCode: v })} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="security-areas" data-ready={String(!list.isFetching && !!list.data)}>
            <Table<SecurityArea> rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data}
              locale={{ emptyText: <EmptyList /> }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('security.area'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name), render: (v: string, a) => <Link to={`/security/areas/${a.id}`}>{v}</Link> },
                { title: t('security.country'), dataIndex: 'countryCode', render: (c: string) => { const x = countries.get(c); return x ? `${x.names[lng] ?? x.names.en} (${c})` : c; } },
                { title: t('security.level'), key: 'level', width: 200, sorter: (a, b) => (a.currentLevel?.level ?? 0) - (b.currentLevel?.level ?? 0),
                  render: (_, a) => <LevelTag level={a.currentLevel?.level} /> },
                { title: t('security.effectiveFrom'), key: 'from', width: 150, render: (_, a) => a.currentLevel?.effectiveFrom ?? '—' },
              ]} />
          </div>
        )}
      </Card>
      {creating && <AreaForm open onClose={() => setCreating(false)} onSaved={(a) => { void qc.invalidateQueries({ queryKey: ['security'] }); navigate(`/security/areas/${a.id}`); }} />}
    </>
  );
}
