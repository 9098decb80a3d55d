import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { LocationSelect, PersonSelect } from '../../components/pickers';
import type { Campaign, Process } from './types';

interface Values { name: string; description: string; ownerPersonId: string | null; locationId?: string | null }
const FIELDS = ['name', 'description', 'ownerPersonId', 'locationId', 'campaignId'];

/** Add a critical process to a campaign, or rename it and change its owner. The answers are the questionnaire's. */
export function ProcessForm({ campaign, process, onClose, onSaved }: { campaign: Campaign; process?: Process; onClose(): void; onSaved(p: Process): void }) {
  const { t } = useTranslation();
  return (
    <FormModal<Values> open onClose={onClose} width={620} testId="process-form" fields={FIELDS}
      title={process ? t('bcProcess.edit') : t('bcProcess.create')}
      initialValues={process ?? { description: '', ownerPersonId: null, locationId: null }}
      onSubmit={async (v) => {
        onSaved(process
          ? await api.patch<Process>(`/continuity/processes/${process.id}`, { name: v.name, description: v.description, ownerPersonId: v.ownerPersonId })
          : await api.post<Process>('/continuity/processes', { ...v, campaignId: campaign.id, locationId: campaign.locationId ? undefined : v.locationId }));
      }}>
      <Form.Item name="name" label={t('bcProcess.name')} rules={[{ required: true, message: t('validation.required') }]}><Input maxLength={300} /></Form.Item>
      <Form.Item name="description" label={t('bcProcess.description')}><Input.TextArea rows={3} maxLength={10000} /></Form.Item>
      <Form.Item name="ownerPersonId" label={t('bcProcess.owner')} extra={t('bcProcess.ownerHelp')}><PersonSelect /></Form.Item>
      {!process && !campaign.locationId && (
        <Form.Item name="locationId" label={t('bcProcess.dutyStation')}><LocationSelect kind="duty_station" /></Form.Item>
      )}
    </FormModal>
  );
}
