import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading, useErrorMessage } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { LevelTag } from '../security/levels';
import { ClearanceForm } from './ClearanceForm';
import { ClearanceTag, TravelNav, TripStatusTag, useDay } from './common';
import { TripForm } from './TripForm';
import type { Leg, Trip } from './types';

/** One travel request: its itinerary with each destination's security level and clearance, and what may be done next. */
export default function TripPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const day = useDay();
  const { dateTime } = useFormat();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const describe = useErrorMessage();
  const [editing, setEditing] = useState(false);
  const [deciding, setDeciding] = useState<{ leg: Leg; decision: 'approve' | 'reject' }>();
  const trip = useQuery({ queryKey: ['travel', 'trip', id], queryFn: () => api.get<Trip>(`/travel/trips/${id}`) });

  if (trip.error) return <ErrorState error={trip.error} onRetry={() => void trip.refetch()} />;
  if (!trip.data) return <PageLoading />;
  const tr = trip.data;
  const saved = (next: Trip) => { qc.setQueryData(['travel', 'trip', id], next); void qc.invalidateQueries({ queryKey: ['travel'] }); };
  const act = async (path: string, done: string) => {
    try {
      saved(await api.post<Trip>(`/travel/trips/${id}/${path}`));
      message.success(done);
    } catch (e) {
      message.error(describe(e), 6);
    }
  };

  return (
    <>
      <TravelNav />
      <PageHeader title={tr.purpose} trail={[{ to: '/travel', label: t('travel.myTrips') }]} actions={<>
        {tr.can.edit && <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
        {tr.can.submit && <Button type="primary" onClick={() => void act('submit', t('travel.submitted'))} data-testid="submit-trip">{t('travel.submit')}</Button>}
        {tr.can.cancel && <Button danger onClick={() => modal.confirm({
          title: t('travel.cancelTitle'), content: t('travel.cancelBody'), okText: t('travel.cancelTrip'), okButtonProps: { danger: true }, cancelText: t('common.close'),
          onOk: () => act('cancel', t('travel.cancelled')),
        })}>{t('travel.cancelTrip')}</Button>}
      </>} />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
            { key: 'status', label: t('travel.status'), children: <span data-testid="trip-status"><TripStatusTag status={tr.status} /></span> },
            { key: 'who', label: t('travel.traveller'), children: <Link to={`/org/people/${tr.personId}`}>{tr.traveller.givenName} {tr.traveller.familyName}</Link> },
            { key: 'dates', label: t('travel.dates'), children: `${day(tr.startOn)} – ${day(tr.endOn)}` },
            { key: 'submitted', label: t('travel.submittedAt'), children: tr.submittedAt ? dateTime(tr.submittedAt) : '—' },
          ]} />
          {tr.status === 'draft' && <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('travel.draftHelp')}</Typography.Paragraph>}
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('travel.itinerary')}</Typography.Title>}>
          <Table<Leg> rowKey="id" size="small" dataSource={tr.legs} pagination={false} locale={{ emptyText: <EmptyList /> }} data-testid="trip-legs" scroll={{ x: 900 }}
            columns={[
              { title: '#', dataIndex: 'seq', width: 48, render: (n: number) => n + 1 },
              { title: t('travel.from'), key: 'from', render: (_, l) => l.from.name },
              { title: t('travel.to'), key: 'to', render: (_, l) => <Link to={`/org/locations/${l.toId}`}>{l.to.name}</Link> },
              { title: t('travel.departOn'), dataIndex: 'departOn', render: (d: string) => day(d) },
              { title: t('travel.leaveOn'), dataIndex: 'leaveOn', render: (d: string) => day(d) },
              { title: t('travel.securityLevel'), key: 'level', render: (_, l) => <LevelTag level={l.securityLevel?.level} /> },
              { title: t('travel.clearance'), key: 'clearance', render: (_, l) => (
                <Space orientation="vertical" size={0}>
                  <ClearanceTag clearance={l.clearance} />
                  {l.decidedBy && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.decidedBy} · {dateTime(l.decidedAt)}</Typography.Text>}
                  {l.comment && <Typography.Text style={{ fontSize: 12 }}>{l.comment}</Typography.Text>}
                </Space>
              ) },
              { title: t('common.actions'), key: 'actions', render: (_, l) => l.canDecide && (
                <Space>
                  <Button size="small" type="primary" onClick={() => setDeciding({ leg: l, decision: 'approve' })}>{t('travel.approve')}</Button>
                  <Button size="small" danger onClick={() => setDeciding({ leg: l, decision: 'reject' })}>{t('travel.reject')}</Button>
                </Space>
              ) },
            ]} />
        </Card>
      </Space>
      {editing && <TripForm open trip={tr} onClose={() => setEditing(false)} onSaved={saved} />}
      {deciding && <ClearanceForm trip={tr} leg={deciding.leg} decision={deciding.decision} onClose={() => setDeciding(undefined)} onSaved={saved} />}
    </>
  );
}
