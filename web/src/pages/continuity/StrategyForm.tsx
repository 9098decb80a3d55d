import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { READINESS } from '../../../../src/domain/continuity/graph.js';
import { STRATEGY_KINDS } from '../../../../src/domain/continuity/recovery.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { NodeSelect } from './NodeSelect';
import type { Strategy } from './types';

interface Values { kind: string; readiness: string; activationHours: number; resourceId: string | null; description: string }
const FIELDS = ['kind', 'readiness', 'activationHours', 'resourceId', 'description', 'processId'];

/** What a strategy may rely on (the server holds the same rule). */
const RESOURCES: Record<string, readonly string[]> = {
  alternate_site: ['premises', 'data_centre'], transfer_duty_station: ['duty_station'], mutual_support: ['process'],
  telecommute: ['premises', 'data_centre', 'application', 'vendor', 'process'], manual_workaround: ['premises', 'data_centre', 'application', 'vendor', 'process'],
};

/** A BC strategy of a process with its readiness: a recovery option the simulation counts on. */
export function StrategyForm({ processId, strategy, onClose, onSaved }: { processId: string; strategy?: Strategy; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open onClose={onClose} width={680} testId="strategy-form" fields={FIELDS}
      title={strategy ? t('bcStrategy.edit') : t('bcStrategy.create')}
      initialValues={strategy ?? { readiness: 'ready', activationHours: 0, resourceId: null, description: '' }}
      onSubmit={async (v) => {
        const body = { ...v, resourceId: v.resourceId ?? null, description: v.description ?? '' };
        if (strategy) await api.patch(`/continuity/strategies/${strategy.id}`, body);
        else await api.post('/continuity/strategies', { ...body, processId });
        onSaved();
      }}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('bcStrategy.kind')} rules={required}>
            <Select options={STRATEGY_KINDS.map((k) => ({ value: k, label: t(`bc.strategyKinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="readiness" label={t('bc.readinessLabel')} rules={required} extra={t('bcStrategy.readinessHelp')}>
            <Select options={READINESS.map((r) => ({ value: r, label: t(`bc.readiness.${r}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="activationHours" label={t('bc.activation')} rules={required}><InputNumber style={{ width: '100%' }} suffix={t('bc.units.hShort')} /></Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item noStyle dependencies={['kind']}>
            {({ getFieldValue }) => (
              <Form.Item name="resourceId" label={t('bcStrategy.resource')} extra={t('bcStrategy.resourceHelp')}>
                <NodeSelect types={RESOURCES[getFieldValue('kind') as string] ?? RESOURCES.telecommute} exclude={[processId]} />
              </Form.Item>
            )}
          </Form.Item>
        </Col>
        <Col span={24}><Form.Item name="description" label={t('bcStrategy.description')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
