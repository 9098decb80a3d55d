import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Space, Table, Tabs, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, Forbidden } from '../../components/states';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { LevelTag } from '../security/levels';
import { ClearanceForm } from './ClearanceForm';
import { ClearanceTag, TravelNav, useDay, useTravelRights } from './common';
import type { ClearanceItem, Leg, Trip } from './types';

/**
 * A security adviser's clearance inbox: legs to destinations in their scope waiting for a
 * decision, earliest departure first, each with the destination's security level; and the legs
 * they have decided.
 */
export default function ClearancesPage() {
  return useTravelRights().clears ? <ClearancesPageContent /> : <Forbidden />;
}

function ClearancesPageContent() {
  const { t } = useTranslation();
  const day = useDay();
  const { dateTime } = useFormat();
  const qc = useQueryClient();
  const { get, set } = useUrlParams();
  const status = get('status') === 'decided' ? 'decided' : 'pending';
  const [deciding, setDeciding] = useState<{ trip: Trip; leg: Leg; decision: 'approve' | 'reject' }>();
  const list = useQuery({ queryKey: ['travel', 'clearances', status], queryFn: () => api.get<ClearanceItem[]>('/travel/clearances', { status }) });

  const table = (
    list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
      <div data-testid="clearances" data-ready={String(!list.isFetching && !!list.data)}>
        <Table<ClearanceItem> rowKey={(i) => i.leg.id} loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data} scroll={list.data?.length ? { x: 980 } : undefined}
          locale={{ emptyText: <EmptyList description={t(status === 'pending' ? 'travel.inboxEmpty' : 'travel.noneDecided')} /> }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('travel.traveller'), key: 'who', render: (_, i) => <Link to={`/travel/trips/${i.trip.id}`}>{i.trip.traveller.familyName}, {i.trip.traveller.givenName}</Link> },
            { title: t('travel.purpose'), key: 'purpose', render: (_, i) => i.trip.purpose },
            { title: t('travel.leg'), key: 'leg', render: (_, i) => `${i.leg.from.name} → ${i.leg.to.name}` },
            { title: t('travel.dates'), key: 'dates', width: 200, render: (_, i) => `${day(i.leg.departOn)} – ${day(i.leg.leaveOn)}` },
            { title: t('travel.securityLevel'), key: 'level', width: 190, render: (_, i) => (
              <Space orientation="vertical" size={0}>
                <LevelTag level={i.leg.securityLevel?.level} />
                {i.leg.securityLevel && <Link to={`/security/areas/${i.leg.securityLevel.areaId}`} style={{ fontSize: 12 }}>{i.leg.securityLevel.areaName}</Link>}
              </Space>
            ) },
            status === 'pending'
              ? { title: t('common.actions'), key: 'actions', width: 200, render: (_, i) => i.leg.canDecide && (
                <Space>
                  <Button size="small" type="primary" onClick={() => setDeciding({ trip: i.trip, leg: i.leg, decision: 'approve' })}>{t('travel.approve')}</Button>
                  <Button size="small" danger onClick={() => setDeciding({ trip: i.trip, leg: i.leg, decision: 'reject' })}>{t('travel.reject')}</Button>
                </Space>
              ) }
              : { title: t('travel.decision'), key: 'decision', width: 220, render: (_, i) => (
                <Space orientation="vertical" size={0}>
                  <ClearanceTag clearance={i.leg.clearance} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(i.leg.decidedAt)}</Typography.Text>
                  {i.leg.comment && <Typography.Text style={{ fontSize: 12 }}>{i.leg.comment}</Typography.Text>}
                </Space>
              ) },
          ]} />
      </div>
    )
  );

  return (
    <>
      <TravelNav />
      <PageHeader title={t('travel.clearances')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('travel.clearancesHelp')}</Typography.Paragraph>
        <Tabs activeKey={status} onChange={(k) => set({ status: k === 'decided' ? 'decided' : null })} destroyOnHidden
          items={[{ key: 'pending', label: t('travel.waiting'), children: table }, { key: 'decided', label: t('travel.decidedByMe'), children: table }]} />
      </Card>
      {deciding && <ClearanceForm trip={deciding.trip} leg={deciding.leg} decision={deciding.decision} onClose={() => setDeciding(undefined)}
        onSaved={() => void qc.invalidateQueries({ queryKey: ['travel'] })} />}
    </>
  );
}
