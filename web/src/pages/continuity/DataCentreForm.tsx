import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { READINESS } from '../../../../src/domain/continuity/graph.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { useDataCentres } from './hooks';
import type { DataCentre } from './types';

interface Values { name: string; locationId: string; entityId: string | null; tier: string | null; failoverId?: string | null; readiness?: string; activationHours?: number }
const FIELDS = ['name', 'locationId', 'entityId', 'tier', 'failover', 'failoverId', 'readiness', 'activationHours'];

/** A data centre where it stands, and the data centre its systems fail over to (the failover pair). */
export function DataCentreForm({ dataCentre, onClose, onSaved }: { dataCentre?: DataCentre; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const dcs = useDataCentres();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open onClose={onClose} width={720} testId="data-centre-form" fields={FIELDS}
      title={dataCentre ? t('itdrDc.edit') : t('itdrDc.create')}
      initialValues={dataCentre
        ? { ...dataCentre, failoverId: dataCentre.failover?.dataCentreId ?? null, readiness: dataCentre.failover?.readiness ?? 'ready', activationHours: dataCentre.failover?.activationHours ?? 0 }
        : { entityId: null, tier: null, failoverId: null, readiness: 'ready', activationHours: 0 }}
      onSubmit={async (v) => {
        const failover = v.failoverId ? { dataCentreId: v.failoverId, readiness: v.readiness ?? 'ready', activationHours: v.activationHours ?? 0 } : null;
        const body = { name: v.name, locationId: v.locationId, tier: v.tier || null, failover };
        if (dataCentre) await api.patch(`/continuity/data-centres/${dataCentre.id}`, body);
        else await api.post('/continuity/data-centres', { ...body, entityId: v.entityId ?? null });
        onSaved();
      }}>
      <Row gutter={16}>
        <Col xs={24} md={16}><Form.Item name="name" label={t('itdrDc.name')} rules={required}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="tier" label={t('itdrDc.tier')}><Input maxLength={50} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="locationId" label={t('itdrDc.location')} rules={required} extra={t('itdrDc.locationHelp')}><LocationSelect /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="entityId" label={t('itdrApps.entity')} extra={t('itdrApps.entityHelp')}><EntitySelect disabled={!!dataCentre} /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="failoverId" label={t('itdrDc.failover')} extra={t('itdrDc.failoverHelp')}>
            <Select allowClear optionFilterProp="label" options={(dcs.data ?? []).filter((d) => d.id !== dataCentre?.id).map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="readiness" label={t('bc.readinessLabel')}><Select options={READINESS.map((r) => ({ value: r, label: t(`bc.readiness.${r}`) }))} /></Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="activationHours" label={t('bc.activation')}><InputNumber min={0} style={{ width: '100%' }} suffix={t('bc.units.hShort')} /></Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
