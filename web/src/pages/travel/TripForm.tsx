import { Button, Col, Form, Input, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_LEGS } from '../../../../src/domain/travel/itinerary.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { DayPicker } from '../../components/DayPicker';
import { LocationSelect, PersonSelect } from '../../components/pickers';
import { useTravelRights } from './common';
import type { Trip } from './types';

interface LegValues { fromId?: string | null; toId?: string | null; departOn?: string | null; leaveOn?: string | null }
interface Values { personId?: string | null; purpose: string; legs: LegValues[] }
const FIELDS = ['personId', 'purpose', 'legs'];

/**
 * Files a travel request or changes a draft. Each leg is a fieldset (from, to, departure, last day
 * there); a new leg starts where and when the previous one ends, so a round trip is two Tabs away.
 */
export function TripForm({ trip, homeLocationId, open, onClose, onSaved }: { trip?: Trip; homeLocationId?: string | null; open: boolean; onClose(): void; onSaved(t: Trip): void }) {
  const { t } = useTranslation();
  const rights = useTravelRights();
  const required = [{ required: true, message: t('validation.required') }];
  const initial: Values = trip
    ? { purpose: trip.purpose, legs: trip.legs.map((l) => ({ fromId: l.fromId, toId: l.toId, departOn: l.departOn, leaveOn: l.leaveOn })) }
    : { purpose: '', legs: [{ fromId: homeLocationId ?? null, toId: null, departOn: null, leaveOn: null }] };
  return (
    <FormModal<Values> open={open} onClose={onClose} testId="trip-form" fields={FIELDS} width={860} initialValues={initial}
      title={trip ? t('travel.editTrip') : t('travel.newTrip')} okText={t('travel.saveDraft')}
      onSubmit={async (v) => {
        const body = { purpose: v.purpose, legs: v.legs };
        onSaved(trip ? await api.patch<Trip>(`/travel/trips/${trip.id}`, body) : await api.post<Trip>('/travel/trips', { ...body, ...(v.personId ? { personId: v.personId } : {}) }));
      }}>
      {!trip && rights.filesForOthers && (
        <Form.Item name="personId" label={t('travel.traveller')} extra={t('travel.travellerHelp')}><PersonSelect /></Form.Item>
      )}
      <Form.Item name="purpose" label={t('travel.purpose')} rules={required}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      <Typography.Paragraph type="secondary">{t('travel.legsHelp')}</Typography.Paragraph>
      <Form.List name="legs">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <fieldset key={field.key} data-testid={`leg-${i}`} className="orms-fieldset" style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: '8px 12px 0', marginBottom: 12 }}>
                <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', border: 0, marginBottom: 0 }}>{t('travel.legN', { n: i + 1 })}</legend>
                <Row gutter={12} align="bottom">
                  <Col xs={24} md={7}><Form.Item name={[field.name, 'fromId']} label={t('travel.from')} rules={required}><LocationSelect kind="duty_station" /></Form.Item></Col>
                  <Col xs={24} md={7}><Form.Item name={[field.name, 'toId']} label={t('travel.to')} rules={required}><LocationSelect kind="duty_station" /></Form.Item></Col>
                  <Col xs={12} md={4}><Form.Item name={[field.name, 'departOn']} label={t('travel.departOn')} rules={required}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={12} md={4}><Form.Item name={[field.name, 'leaveOn']} label={t('travel.leaveOn')} rules={required}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={24} md={2}>
                    <Form.Item>
                      <Button icon={<DeleteOutlined />} aria-label={t('travel.removeLeg', { n: i + 1 })} disabled={fields.length === 1} onClick={() => remove(field.name)} />
                    </Form.Item>
                  </Col>
                </Row>
              </fieldset>
            ))}
            <Form.ErrorList errors={errors} />
            <AddLegButton add={add} disabled={fields.length >= MAX_LEGS} />
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

/** Adds a leg that starts where and when the previous one ends. */
function AddLegButton({ add, disabled }: { add(v: LegValues): void; disabled: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  return (
    <Button icon={<PlusOutlined />} disabled={disabled} data-testid="add-leg"
      onClick={() => {
        const legs = (form.getFieldValue('legs') ?? []) as LegValues[];
        const last = legs[legs.length - 1];
        add({ fromId: last?.toId ?? null, toId: null, departOn: last?.leaveOn ?? null, leaveOn: last?.leaveOn ?? null });
      }}>
      {t('travel.addLeg')}
    </Button>
  );
}
