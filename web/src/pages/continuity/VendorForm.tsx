import { Col, Form, Input, InputNumber, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import type { Vendor } from './types';

interface Values { name: string; service: string; entityId: string | null; locationId: string | null; slaHours: number | null; contact: string }
const FIELDS = ['name', 'service', 'entityId', 'locationId', 'slaHours', 'contact'];

/** A vendor or third party with the restoration time its contract promises (the SLA the gap analysis uses). */
export function VendorForm({ vendor, onClose, onSaved }: { vendor?: Vendor; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  return (
    <FormModal<Values> open onClose={onClose} width={680} testId="vendor-form" fields={FIELDS} title={vendor ? t('itdrVendors.edit') : t('itdrVendors.create')}
      initialValues={vendor ?? { service: '', entityId: null, locationId: null, slaHours: null, contact: '' }}
      onSubmit={async (v) => {
        const body = { ...v, service: v.service ?? '', contact: v.contact ?? '' };
        if (vendor) { const { entityId: _e, ...patch } = body; await api.patch(`/continuity/vendors/${vendor.id}`, patch); }
        else await api.post('/continuity/vendors', body);
        onSaved();
      }}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="name" label={t('itdrVendors.name')} rules={[{ required: true, message: t('validation.required') }]}><Input maxLength={300} /></Form.Item></Col>
        <Col span={24}><Form.Item name="service" label={t('itdrVendors.service')}><Input maxLength={1000} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="slaHours" label={t('itdrVendors.sla')} extra={t('itdrVendors.slaHelp')}><InputNumber min={0} style={{ width: '100%' }} suffix={t('bc.units.hShort')} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="locationId" label={t('itdrVendors.dutyStation')} extra={t('itdrVendors.dutyStationHelp')}><LocationSelect kind="duty_station" /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="entityId" label={t('itdrApps.entity')} extra={t('itdrApps.entityHelp')}><EntitySelect disabled={!!vendor} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="contact" label={t('itdrVendors.contact')}><Input maxLength={1000} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
