import { Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PROGRAMME_CRITICALITIES } from '../../../../src/domain/risk/acceptable-risk.js';
import { api } from '../../api/client';
import type { Programme, Sra } from '../../api/riskTypes';
import { byId, useDutyStations } from '../../api/lookups';
import { FormModal } from '../../components/forms';
import { EntitySelect } from '../../components/pickers';

type Values = Pick<Programme, 'name' | 'entityId' | 'locationId' | 'sraId' | 'criticality'>;
const FIELDS = ['name', 'entityId', 'locationId', 'sraId', 'criticality'];

/** A programme or activity at one of the area's duty stations, its criticality (PC1–PC4) and the SRA it is assessed under. */
export function ProgrammeForm({ programme, stationIds, sras, open, onClose, onSaved }: {
  programme?: Programme; stationIds: string[]; sras: Sra[]; open: boolean; onClose(): void; onSaved(p: Programme): void;
}) {
  const { t } = useTranslation();
  const stations = byId(useDutyStations().data);
  const required = [{ required: true, message: t('validation.required') }];
  const current = sras.filter((s) => s.status !== 'superseded').sort((a, b) => b.assessedOn.localeCompare(a.assessedOn))[0];
  return (
    <FormModal<Values> open={open} onClose={onClose} width={720} testId="programme-form" fields={FIELDS}
      title={programme ? t('srmEdit.editProgramme') : t('srmEdit.addProgramme')}
      initialValues={programme ?? { locationId: stationIds.length === 1 ? stationIds[0] : undefined, sraId: current?.id ?? null }}
      onSubmit={async (v) => onSaved(programme ? await api.patch<Programme>(`/security/programmes/${programme.id}`, v) : await api.post<Programme>('/security/programmes', v))}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="name" label={t('srmEdit.programmeName')} rules={required}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="entityId" label={t('risk.entity')} rules={required}><EntitySelect /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="locationId" label={t('risk.dutyStation')} rules={required}>
            <Select options={stationIds.map((id) => ({ value: id, label: stations.get(id)?.name ?? id }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="sraId" label={t('srmEdit.assessedUnder')} extra={t('srmEdit.assessedUnderHelp')}>
            <Select allowClear options={sras.map((s) => ({ value: s.id, label: `${s.title} (${s.assessedOn}, ${t(`sraStatuses.${s.status}`)})` }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="criticality" label={t('security.criticality')} rules={required}>
            <Radio.Group>
              <Space orientation="vertical">
                {PROGRAMME_CRITICALITIES.map((pc) => (
                  <Radio key={pc} value={pc}><strong>{pc}</strong> <Typography.Text type="secondary">— {t(`srmEdit.pcHelp.${pc}`)}</Typography.Text></Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
