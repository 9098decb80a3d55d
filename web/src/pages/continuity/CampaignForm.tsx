import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { EntitySelect, LocationSelect, PersonSelect } from '../../components/pickers';
import { DayPicker } from '../../components/DayPicker';
import type { Campaign } from './types';

interface Values { name: string; entityId: string | null; locationId: string | null; ownerPersonId: string | null; periodStart: string | null; periodEnd: string | null }
const FIELDS = ['name', 'entityId', 'locationId', 'ownerPersonId', 'periodStart', 'periodEnd', 'timePointsHours'];

/** Create or edit a BIA campaign: the entity and/or duty station it covers, its owner and period. */
export function CampaignForm({ campaign, onClose, onSaved }: { campaign?: Campaign; onClose(): void; onSaved(c: Campaign): void }) {
  const { t } = useTranslation();
  return (
    <FormModal<Values> open onClose={onClose} width={680} testId="campaign-form" fields={FIELDS}
      title={campaign ? t('bcCampaign.edit') : t('bcCampaign.create')}
      initialValues={campaign ?? { entityId: null, locationId: null, ownerPersonId: null, periodStart: null, periodEnd: null }}
      onSubmit={async (v) => {
        const body = campaign ? { name: v.name, ownerPersonId: v.ownerPersonId, periodStart: v.periodStart, periodEnd: v.periodEnd } : v;
        onSaved(campaign ? await api.patch<Campaign>(`/continuity/campaigns/${campaign.id}`, body) : await api.post<Campaign>('/continuity/campaigns', body));
      }}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="name" label={t('bcCampaign.name')} rules={[{ required: true, message: t('validation.required') }]}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="entityId" label={t('bcCampaign.entity')} extra={t('bcCampaign.placeHelp')}><EntitySelect disabled={!!campaign} /></Form.Item>
        </Col>
        <Col xs={24} md={12}><Form.Item name="locationId" label={t('bcCampaign.dutyStation')}><LocationSelect kind="duty_station" disabled={!!campaign} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="ownerPersonId" label={t('bcCampaign.owner')}><PersonSelect /></Form.Item></Col>
        <Col xs={12} md={6}><Form.Item name="periodStart" label={t('bcCampaign.periodStart')}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={12} md={6}><Form.Item name="periodEnd" label={t('bcCampaign.periodEnd')}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
