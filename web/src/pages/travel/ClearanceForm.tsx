import { Alert, Descriptions, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { LevelTag } from '../security/levels';
import { useDay } from './common';
import type { Leg, Trip } from './types';

/**
 * A security adviser's decision on one leg, with the destination's security level in view. A
 * refusal must say why: the traveller reads it on their request.
 */
export function ClearanceForm({ trip, leg, decision, onClose, onSaved }: { trip: Trip; leg: Leg; decision: 'approve' | 'reject'; onClose(): void; onSaved(t: Trip): void }) {
  const { t } = useTranslation();
  const day = useDay();
  return (
    <FormModal<{ comment?: string }> open onClose={onClose} testId="clearance-form" fields={['comment']} width={600}
      title={t(decision === 'approve' ? 'travel.approveTitle' : 'travel.rejectTitle', { place: leg.to.name })}
      okText={t(decision === 'approve' ? 'travel.approve' : 'travel.reject')}
      onSubmit={async (v) => onSaved(await api.post<Trip>(`/travel/trips/${trip.id}/legs/${leg.id}/clearance`, { decision, comment: v.comment ?? null }))}>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} items={[
        { key: 'who', label: t('travel.traveller'), children: `${trip.traveller.givenName} ${trip.traveller.familyName}` },
        { key: 'purpose', label: t('travel.purpose'), children: trip.purpose },
        { key: 'leg', label: t('travel.leg'), children: `${leg.from.name} → ${leg.to.name} · ${day(leg.departOn)} – ${day(leg.leaveOn)}` },
        { key: 'level', label: t('travel.securityLevel'), children: <span data-testid="clearance-level"><LevelTag level={leg.securityLevel?.level} />{leg.securityLevel && ` ${leg.securityLevel.areaName}`}</span> },
      ]} />
      {decision === 'approve' && (leg.securityLevel?.level ?? 0) >= 5 && <Alert type="warning" showIcon title={t('travel.highLevelWarning')} style={{ marginBottom: 16 }} />}
      <Form.Item name="comment" label={t(decision === 'approve' ? 'travel.conditions' : 'travel.reason')}
        rules={decision === 'reject' ? [{ required: true, whitespace: true, message: t('travel.reasonRequired') }] : []}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
