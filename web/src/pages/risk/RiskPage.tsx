import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import type { JointAssessment, Risk, RatingOut, RatingRecord, Treatment } from '../../api/riskTypes';
import { byId, useEntities, useLocation } from '../../api/lookups';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { useFormat } from '../../i18n/format';
import { BandTag, useMatrixOf } from './matrix';
import { useRights } from './rights';
import { RiskForm } from './RiskForm';
import { TreatmentForm } from './TreatmentForm';
import { PersonName, TreatmentTable } from './TreatmentTable';

/** One risk: its description, ratings and treatments. */
export default function RiskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();

  const { dateTime } = useFormat();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState<Treatment | 'new'>();
  const rights = useRights();
  const risk = useQuery({ queryKey: ['risks', 'one', id], queryFn: () => api.get<Risk>(`/risks/${id}`) });
  const treatments = useQuery({ queryKey: ['treatments', 'risk', id], queryFn: () => api.get<Page<Treatment>>('/treatments', { riskId: id, pageSize: 200 }) });
  const ratings = useQuery({ queryKey: ['risks', 'ratings', id], queryFn: () => api.get<RatingRecord[]>(`/risks/${id}/ratings`) });
  const entities = byId(useEntities().data);
  const entity = risk.data?.entityId ? entities.get(risk.data.entityId) : undefined;
  const station = useLocation(risk.data?.locationId);
  // Labels and colours of the matrix version the risk was rated on.
  const matrix = useMatrixOf(risk.data?.matrixId);
  const jointId = risk.data?.jointAssessmentId;
  const joint = useQuery({ queryKey: ['joint', 'one', jointId], enabled: !!jointId, queryFn: () => api.get<JointAssessment>(`/joint-assessments/${jointId}`) });

  if (risk.error) return <ErrorState error={risk.error} onRetry={() => void risk.refetch()} />;
  if (!risk.data) return <PageLoading />;
  const r = risk.data;
  const mayWrite = rights.risk({ entityId: r.entityId, locationId: r.locationId, participants: joint.data?.entityIds ?? [] });
  const rating = (x: RatingOut | null) => (x ? (
    <Space>
      <BandTag band={x.band} />
      <span>{matrix.likelihoods[x.likelihood - 1]?.label ?? x.likelihood} × {matrix.impacts[x.impact - 1]?.label ?? x.impact}</span>
    </Space>) : t('risk.notRated'));

  return (
    <>
      <PageHeader title={r.title} trail={[{ to: '/risk', label: t('nav.risk') }, { to: '/risk/register', label: t('risk.register') }]} actions={mayWrite && <>
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>
        <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(r.title, `/risks/${r.id}`, () => {
          void qc.invalidateQueries({ queryKey: ['risks'] }); navigate('/risk/register');
        })}>{t('common.delete')}</Button>
      </>} />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} data-testid="risk-details" items={[
            { key: 'inherent', label: t('risk.inherent'), children: rating(r.inherent) },
            { key: 'residual', label: t('risk.residual'), children: rating(r.residual) },
            { key: 'cause', label: t('risk.cause'), children: r.cause || '—' },
            { key: 'event', label: t('risk.event'), children: r.event || '—' },
            { key: 'consequence', label: t('risk.consequence'), children: r.consequence || '—' },
            { key: 'status', label: t('risk.status'), children: t(`riskStatuses.${r.status}`, { defaultValue: r.status }) },
            { key: 'entity', label: t('risk.entity'), children: entity ? `${entity.code} — ${entity.name}` : '—' },
            { key: 'station', label: t('risk.dutyStation'), children: station.data ? <Link to={`/risk/locations/${station.data.id}`}>{station.data.name}</Link> : '—' },
            ...(jointId ? [{ key: 'joint', label: t('riskJoint.assessment'), children: joint.data ? <Link to={`/risk/joint/${jointId}`}>{joint.data.title}</Link> : '…' }] : []),
            { key: 'components', label: t('risk.components'), children: r.components.map((c) => <Tag key={c}>{t(`riskComponents.${c}`, { defaultValue: c })}</Tag>) },
            { key: 'owner', label: t('risk.owner'), children: r.ownerPersonId ? <PersonName id={r.ownerPersonId} /> : '—' },
            { key: 'review', label: t('risk.reviewDue'), children: <>{r.reviewDue ?? '—'} {r.reviewOverdue && <Tag color="error">{t('risk.overdue')}</Tag>}</> },
          ]} />
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('treatments.title')}</Typography.Title>}
          extra={mayWrite && <Button icon={<PlusOutlined />} onClick={() => setAdding('new')}>{t('treatments.add')}</Button>}>
          {treatments.error ? <ErrorState error={treatments.error} onRetry={() => void treatments.refetch()} />
            : <TreatmentTable testId="risk-treatments" editable={mayWrite} onEdit={mayWrite ? setAdding : undefined} items={treatments.data?.items} loading={treatments.isFetching} />}
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('risk.ratingHistory')}</Typography.Title>}>
          {ratings.error ? <ErrorState error={ratings.error} onRetry={() => void ratings.refetch()} /> : (
            <Table<RatingRecord> rowKey="id" size="small" dataSource={ratings.data ? [...ratings.data].reverse() : undefined} loading={ratings.isFetching}
              pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="risk-ratings"
              columns={[
                { title: t('risk.ratedAt'), dataIndex: 'ratedAt', width: 200, render: (d: string) => dateTime(d) },
                { title: t('risk.kind'), dataIndex: 'kind', width: 120, render: (k: string) => t(`risk.${k}`, { defaultValue: k }) },
                { title: t('risk.rating'), key: 'rating', render: (_, x) => rating(x) },
                { title: t('riskUi.ratedFor'), dataIndex: 'entityId', width: 110, render: (e: string | null) => (e ? entities.get(e)?.code ?? '…' : '—') },
                { title: t('riskUi.ratedBy'), dataIndex: 'ratedBy', render: (b: string | null) => b ?? '—' },
                { title: t('risk.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
              ]} />
          )}
        </Card>
      </Space>
      {editing && <RiskForm open risk={r} onClose={() => setEditing(false)} onSaved={() => void qc.invalidateQueries({ queryKey: ['risks'] })} />}
      {adding && <TreatmentForm open riskId={r.id} treatment={adding === 'new' ? undefined : adding} onClose={() => setAdding(undefined)} onSaved={() => void qc.invalidateQueries({ queryKey: ['treatments'] })} />}
    </>
  );
}
