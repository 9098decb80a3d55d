import { Button, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { READINESS } from '../../../../src/domain/continuity/graph.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { NodeSelect } from './NodeSelect';
import type { Dependency } from './types';

interface Values { toId: string; neededWithinHours: number; note: string; alternates: { nodeId: string; readiness: string; activationHours: number }[] }
const FIELDS = ['toId', 'neededWithinHours', 'note', 'alternates', 'fromId'];

/** What each kind of dependant may depend on (the server checks the same through the domain's graph rules). */
export const TARGET_TYPES: Record<string, readonly string[]> = {
  process: ['process', 'application', 'data_centre', 'premises', 'vendor', 'person'],
  application: ['application', 'data_centre', 'premises', 'vendor'],
};

/** Add or change one typed edge: what is needed, how soon, and the stand-ins that can replace it. */
export function DependencyForm({ fromId, fromType, dependency, onClose, onSaved }: { fromId: string; fromType: string; dependency?: Dependency; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const types = TARGET_TYPES[fromType] ?? [];
  return (
    <FormModal<Values> open onClose={onClose} width={760} testId="dependency-form" fields={FIELDS}
      title={dependency ? t('bcDependency.edit') : t('bcDependency.create')}
      initialValues={dependency ? { ...dependency, alternates: dependency.alternates } : { neededWithinHours: 0, note: '', alternates: [] }}
      onSubmit={async (v) => {
        const alternates = (v.alternates ?? []).map((a) => ({ nodeId: a.nodeId, readiness: a.readiness, activationHours: a.activationHours ?? 0 }));
        if (dependency) await api.patch(`/continuity/dependencies/${dependency.id}`, { neededWithinHours: v.neededWithinHours, note: v.note ?? '', alternates });
        else await api.post('/continuity/dependencies', { fromId, toId: v.toId, neededWithinHours: v.neededWithinHours, note: v.note ?? '', alternates });
        onSaved();
      }}>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item name="toId" label={t('bcDependency.to')} rules={[{ required: true, message: t('validation.required') }]} extra={t('bcDependency.toHelp')}>
            <NodeSelect types={types} exclude={[fromId]} disabled={!!dependency} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="neededWithinHours" label={t('bcDependency.neededWithin')} extra={t('bcDependency.neededWithinHelp')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber style={{ width: '100%' }} suffix={t('bc.units.hShort')} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={t('bcDependency.what')} extra={t('bcDependency.whatHelp')}><Input maxLength={2000} /></Form.Item>
        </Col>
      </Row>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14 }}>{t('bcDependency.alternates')}</legend>
        <Form.List name="alternates">
          {(items, { add, remove }) => (
            <>
              {items.map(({ key, name }) => (
                <Row key={key} gutter={8} align="top">
                  <Col xs={24} md={11}>
                    <Form.Item name={[name, 'nodeId']} label={t('bcDependency.alternate')} rules={[{ required: true, message: t('validation.required') }]}>
                      <NodeSelect types={types} exclude={[fromId]} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[name, 'readiness']} label={t('bc.readinessLabel')} initialValue="ready">
                      <Select options={READINESS.map((r) => ({ value: r, label: t(`bc.readiness.${r}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={5}>
                    <Form.Item name={[name, 'activationHours']} label={t('bc.activation')} initialValue={0}><InputNumber style={{ width: '100%' }} suffix={t('bc.units.hShort')} /></Form.Item>
                  </Col>
                  <Col xs={2} md={2} style={{ paddingTop: 34 }}>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('bcDependency.removeAlternate')} onClick={() => remove(name)} />
                  </Col>
                </Row>
              ))}
              <Space><Button icon={<PlusOutlined />} onClick={() => add({ readiness: 'ready', activationHours: 0 })}>{t('bcDependency.addAlternate')}</Button></Space>
            </>
          )}
        </Form.List>
      </fieldset>
    </FormModal>
  );
}
