import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENTITY_KINDS } from '../../../../src/domain/org.js';
import { api } from '../../api/client';
import type { Entity } from '../../api/types';
import { FormModal } from '../../components/forms';
import { EntitySelect } from '../../components/pickers';

type Values = { code: string; name: string; kind: string; parentId: string | null };

export function EntityForm({ entity, open, onClose, onSaved }: { entity?: Entity; open: boolean; onClose(): void; onSaved(e: Entity): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open={open} onClose={onClose} title={entity ? t('entities.edit') : t('entities.create')} testId="entity-form"
      fields={['code', 'name', 'kind', 'parentId']}
      initialValues={entity ?? { kind: 'office', parentId: null }}
      onSubmit={async (v) => onSaved(entity ? await api.patch<Entity>(`/entities/${entity.id}`, v) : await api.post<Entity>('/entities', v))}>
      <Form.Item name="code" label={t('entities.code')} rules={required}><Input maxLength={32} /></Form.Item>
      <Form.Item name="name" label={t('entities.name')} rules={required}><Input maxLength={200} /></Form.Item>
      <Form.Item name="kind" label={t('entities.kind')} rules={required}>
        <Select options={ENTITY_KINDS.map((k) => ({ value: k, label: t(`entityKinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="parentId" label={t('entities.parent')}><EntitySelect /></Form.Item>
    </FormModal>
  );
}
