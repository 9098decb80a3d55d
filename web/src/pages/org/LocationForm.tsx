import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCATION_KINDS } from '../../../../src/domain/org.js';
import { api } from '../../api/client';
import type { Location } from '../../api/types';
import { FormModal } from '../../components/forms';
import { CountrySelect, LocationSelect, TimeZoneSelect } from '../../components/pickers';
import { userTimeZone } from '../../i18n/format';

type Values = Omit<Location, 'id' | 'createdAt' | 'updatedAt'>;
const FIELDS = ['externalId', 'kind', 'name', 'parentId', 'countryCode', 'city', 'address', 'latitude', 'longitude', 'timeZone'];

export function LocationForm({ location, open, onClose, onSaved, parent }: {
  location?: Location; parent?: Location; open: boolean; onClose(): void; onSaved(l: Location): void;
}) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  const initial: Partial<Values> = location ?? (parent
    ? { kind: 'premises', parentId: parent.id, countryCode: parent.countryCode, city: parent.city, timeZone: parent.timeZone }
    : { kind: 'duty_station', timeZone: userTimeZone() });
  return (
    <FormModal<Values> open={open} onClose={onClose} width={720} testId="location-form"
      title={location ? t('locations.edit') : t('locations.create')} fields={FIELDS} initialValues={initial}
      onSubmit={async (v) => {
        const body = { ...v, externalId: v.externalId || null, parentId: v.kind === 'premises' ? v.parentId ?? null : null };
        onSaved(location ? await api.patch<Location>(`/locations/${location.id}`, body) : await api.post<Location>('/locations', body));
      }}>
      <Row gutter={16}>
        <Col xs={24} md={12}><Form.Item name="name" label={t('locations.name')} rules={required}><Input maxLength={200} /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('locations.kind')} rules={required}>
            <Select options={LOCATION_KINDS.map((k) => ({ value: k, label: t(`locationKinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.kind !== b.kind}>
          {({ getFieldValue }) => getFieldValue('kind') === 'premises' && (
            <Col xs={24}><Form.Item name="parentId" label={t('locations.parent')} rules={required}><LocationSelect kind="duty_station" /></Form.Item></Col>
          )}
        </Form.Item>
        <Col xs={24} md={12}><Form.Item name="countryCode" label={t('locations.country')} rules={required}><CountrySelect /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="city" label={t('locations.city')}><Input maxLength={200} /></Form.Item></Col>
        <Col xs={24}><Form.Item name="address" label={t('locations.address')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item></Col>
        <Col xs={12} md={8}><Form.Item name="latitude" label={t('locations.latitude')}><InputNumber style={{ width: '100%' }} step={0.0001} /></Form.Item></Col>
        <Col xs={12} md={8}><Form.Item name="longitude" label={t('locations.longitude')}><InputNumber style={{ width: '100%' }} step={0.0001} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="timeZone" label={t('locations.timeZone')} rules={required}><TimeZoneSelect /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="externalId" label={t('locations.externalId')} extra={t('locations.externalIdHelp')}><Input maxLength={100} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
