import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CRITICALITIES, REPLICATION } from '../../../../src/modules/continuity/model.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { useDataCentres } from './hooks';
import type { Application } from './types';

type Values = Omit<Application, 'id' | 'lastTestedOn' | 'createdAt' | 'updatedAt'>;
const FIELDS = ['name', 'kind', 'description', 'entityId', 'locationId', 'criticality', 'replication', 'backupMethod', 'achievableRtoHours', 'achievableRpoHours', 'drPlanUrl', 'dataCentreIds'];

/** An application or ICT service of the inventory: criticality, hosting, replication and what its recovery achieves. */
export function ApplicationForm({ application, onClose, onSaved }: { application?: Application; onClose(): void; onSaved(a: Application): void }) {
  const { t } = useTranslation();
  const dcs = useDataCentres();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open onClose={onClose} width={820} testId="application-form" fields={FIELDS}
      title={application ? t('itdrApps.edit') : t('itdrApps.create')}
      initialValues={application ?? { kind: 'application', replication: 'none', description: '', backupMethod: '', entityId: null, locationId: null, dataCentreIds: [], achievableRtoHours: null, achievableRpoHours: null, drPlanUrl: null }}
      onSubmit={async (v) => {
        const body = { ...v, drPlanUrl: v.drPlanUrl || null, description: v.description ?? '', backupMethod: v.backupMethod ?? '', dataCentreIds: v.dataCentreIds ?? [] };
        if (application) { const { entityId: _e, ...patch } = body; onSaved(await api.patch<Application>(`/continuity/applications/${application.id}`, patch)); }
        else onSaved(await api.post<Application>('/continuity/applications', body));
      }}>
      <Row gutter={16}>
        <Col xs={24} md={16}><Form.Item name="name" label={t('itdrApps.name')} rules={required}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('itdrApps.kind')} rules={required}>
            <Select options={['application', 'ict_service'].map((k) => ({ value: k, label: t(`itdrApps.kinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col span={24}><Form.Item name="description" label={t('itdrApps.description')}><Input.TextArea rows={2} maxLength={10000} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="entityId" label={t('itdrApps.entity')} extra={t('itdrApps.entityHelp')}><EntitySelect disabled={!!application} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="locationId" label={t('itdrApps.dutyStation')} extra={t('itdrApps.dutyStationHelp')}><LocationSelect kind="duty_station" /></Form.Item></Col>
        <Col xs={24} md={8}>
          <Form.Item name="criticality" label={t('itdrApps.criticality')} rules={required}>
            <Select options={CRITICALITIES.map((c) => ({ value: c, label: t(`bc.criticality.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="replication" label={t('itdrApps.replication')} rules={required}>
            <Select options={REPLICATION.map((r) => ({ value: r, label: t(`itdrApps.replications.${r}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}><Form.Item name="backupMethod" label={t('itdrApps.backup')}><Input maxLength={500} /></Form.Item></Col>
        <Col span={24}>
          <Form.Item name="dataCentreIds" label={t('itdrApps.hosting')} extra={t('itdrApps.hostingHelp')}>
            <Select mode="multiple" loading={dcs.isLoading} optionFilterProp="label" options={(dcs.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="achievableRtoHours" label={t('itdrApps.achievableRto')} extra={t('itdrApps.achievableHelp')}><InputNumber min={0} style={{ width: '100%' }} suffix={t('bc.units.hShort')} /></Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="achievableRpoHours" label={t('itdrApps.achievableRpo')}><InputNumber min={0} style={{ width: '100%' }} suffix={t('bc.units.hShort')} /></Form.Item>
        </Col>
        <Col xs={24} md={12}><Form.Item name="drPlanUrl" label={t('itdrApps.drPlan')}><Input type="url" maxLength={2000} placeholder="https://" /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
