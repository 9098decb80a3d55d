import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { SecurityArea } from '../../api/riskTypes';
import { useDutyStations } from '../../api/lookups';
import { FormModal } from '../../components/forms';
import { CountrySelect } from '../../components/pickers';

interface Values { countryCode: string; name: string; locationIds: string[] }
const FIELDS = ['countryCode', 'name', 'locationIds'];

/** A security level area: a country or part of one, with the duty stations it covers. */
export function AreaForm({ area, open, onClose, onSaved }: { area?: SecurityArea; open: boolean; onClose(): void; onSaved(a: SecurityArea): void }) {
  const { t } = useTranslation();
  const stations = useDutyStations().data ?? [];
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open={open} onClose={onClose} testId="area-form" fields={FIELDS} width={640}
      title={area ? t('srmEdit.editArea') : t('srmEdit.newArea')}
      initialValues={area ? { countryCode: area.countryCode, name: area.name, locationIds: area.locationIds } : { locationIds: [] }}
      onSubmit={async (v) => onSaved(area
        ? await api.patch<SecurityArea>(`/security/areas/${area.id}`, { name: v.name, locationIds: v.locationIds })
        : await api.post<SecurityArea>('/security/areas', v))}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="countryCode" label={t('security.country')} rules={required}><CountrySelect disabled={!!area} /></Form.Item>
        </Col>
        <Col xs={24} md={12}><Form.Item name="name" label={t('srmEdit.areaName')} rules={required}><Input maxLength={200} /></Form.Item></Col>
        <Col span={24}>
          <Form.Item noStyle dependencies={['countryCode']}>
            {({ getFieldValue }) => {
              const country = getFieldValue('countryCode') as string | undefined;
              return (
                <Form.Item name="locationIds" label={t('srmEdit.areaStations')} extra={t('srmEdit.areaStationsHelp')}>
                  <Select mode="multiple" disabled={!country} showSearch={{ optionFilterProp: 'label' }}
                    options={stations.filter((s) => s.countryCode === country).map((s) => ({ value: s.id, label: s.name }))} />
                </Form.Item>
              );
            }}
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
