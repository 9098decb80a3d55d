import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Tag, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SELF_REPORT_DAYS } from '../../../../src/domain/travel/whereabouts.js';
import { ApiError, api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { LocationSelect } from '../../components/pickers';
import { ErrorState, PageLoading } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { useDay } from './common';
import type { PersonWhereabouts } from './types';

export const whereaboutsKey = (personId: string) => ['travel', 'whereabouts', personId];

/**
 * Where a person is now — on a trip, where they said they are, or at their duty station — and,
 * for themselves (or those who may), a way to say where they are. Shows nothing to a user who
 * may not see the person's whereabouts (`hideWhenHidden`), as on another person's page.
 */
export function WhereaboutsCard({ personId, title, hideWhenHidden = false }: { personId: string; title: string; hideWhenHidden?: boolean }) {
  const { t } = useTranslation();
  const { dateTime, number } = useFormat();
  const day = useDay();
  const [editing, setEditing] = useState(false);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: whereaboutsKey(personId), queryFn: () => api.get<PersonWhereabouts>(`/travel/people/${personId}/whereabouts`), retry: false });
  if (q.error && hideWhenHidden && q.error instanceof ApiError && q.error.status === 404) return null;
  const w = q.data?.whereabouts;
  const place = w?.location ? <Link to={`/org/locations/${w.location.id}`}>{w.location.name}</Link> : w && w.latitude !== null ? `${number(w.latitude, 4)}, ${number(w.longitude, 4)}` : t('whereabouts.unknown');
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}><EnvironmentOutlined /> {title}</Typography.Title>} data-testid="whereabouts-card"
      extra={q.data?.canReport && <Button onClick={() => setEditing(true)} data-testid="update-location">{t('whereabouts.update')}</Button>}>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : !q.data || !w ? <PageLoading /> : (
        <Space orientation="vertical" size={4} data-testid="whereabouts" data-source={w.source}>
          <Typography.Text strong style={{ fontSize: 16 }}>{place}</Typography.Text>
          <span>
            <Tag color={w.source === 'trip' ? 'processing' : w.source === 'self' ? 'gold' : 'default'}>{t(`whereabouts.sources.${w.source}`)}</Tag>
            {w.source === 'trip' && <>{t('whereabouts.tripDates', { from: day(w.from), until: day(w.until) })} · <Link to={`/travel/trips/${w.tripId}`}>{t('whereabouts.openTrip')}</Link></>}
            {w.source === 'self' && t('whereabouts.reportedAt', { at: dateTime(w.reportedAt) })}
          </span>
          {w.source === 'self' && w.note && <Typography.Text type="secondary">{w.note}</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('whereabouts.rule', { days: SELF_REPORT_DAYS })}</Typography.Text>
        </Space>
      )}
      {editing && <ReportForm personId={personId} onClose={() => setEditing(false)} onSaved={(next) => { qc.setQueryData(whereaboutsKey(personId), next); void qc.invalidateQueries({ queryKey: ['travel'] }); }} />}
    </Card>
  );
}

interface Values { locationId?: string | null; latitude?: number | null; longitude?: number | null; note?: string }

function ReportForm({ personId, onClose, onSaved }: { personId: string; onClose(): void; onSaved(w: PersonWhereabouts): void }) {
  const { t } = useTranslation();
  return (
    <FormModal<Values> open onClose={onClose} testId="whereabouts-form" fields={['locationId', 'latitude', 'longitude', 'note']} title={t('whereabouts.formTitle')} okText={t('whereabouts.save')}
      onSubmit={async (v) => onSaved(await api.post<PersonWhereabouts>(`/travel/people/${personId}/whereabouts`, { locationId: v.locationId ?? null, latitude: v.latitude ?? null, longitude: v.longitude ?? null, note: v.note || null }))}>
      <Typography.Paragraph type="secondary">{t('whereabouts.formHelp')}</Typography.Paragraph>
      <Form.Item name="locationId" label={t('whereabouts.station')}><LocationSelect kind="duty_station" /></Form.Item>
      <Row gutter={12} align="bottom">
        <Col xs={12} md={9}><Form.Item name="latitude" label={t('whereabouts.latitude')}><InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={12} md={9}><Form.Item name="longitude" label={t('whereabouts.longitude')}><InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={24} md={6}><Form.Item><DeviceLocation /></Form.Item></Col>
      </Row>
      <Form.Item name="note" label={t('whereabouts.note')}><Input maxLength={500} placeholder={t('whereabouts.notePlaceholder')} /></Form.Item>
    </FormModal>
  );
}

/** Fills the coordinates from the device (the browser asks the user first). */
function DeviceLocation() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!('geolocation' in navigator)) return null;
  return (
    <Button icon={<AimOutlined />} loading={busy} onClick={() => {
      setBusy(true);
      navigator.geolocation.getCurrentPosition(
        (pos) => { setBusy(false); form.setFieldsValue({ latitude: Math.round(pos.coords.latitude * 1e4) / 1e4, longitude: Math.round(pos.coords.longitude * 1e4) / 1e4 }); },
        () => { setBusy(false); void message.error(t('whereabouts.deviceFailed')); },
        { timeout: 15_000 },
      );
    }}>{t('whereabouts.useDevice')}</Button>
  );
}
