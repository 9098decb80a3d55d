import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CONTACT_KINDS, PERSON_KINDS, PERSON_STATUSES, UN_LANGUAGES } from '../../../../src/domain/org.js';
import { api } from '../../api/client';
import type { Person } from '../../api/types';
import { FormModal } from '../../components/forms';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { LANGUAGES } from '../../i18n/languages';

type Values = Pick<Person, 'externalId' | 'kind' | 'givenName' | 'familyName' | 'entityId' | 'homeLocationId' | 'jobTitle' | 'language' | 'status'> & { contacts: { kind: string; value: string; label?: string | null }[] };
const FIELDS = ['externalId', 'kind', 'givenName', 'familyName', 'entityId', 'homeLocationId', 'jobTitle', 'language', 'status', 'contacts'];

export function PersonForm({ person, open, onClose, onSaved }: { person?: Person; open: boolean; onClose(): void; onSaved(p: Person): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open={open} onClose={onClose} width={760} testId="person-form" fields={FIELDS}
      title={person ? t('people.edit') : t('people.create')}
      initialValues={person ? { ...person, contacts: person.contacts ?? [] } : { kind: 'staff', status: 'active', language: 'en', contacts: [{ kind: 'email', value: '' }] }}
      onSubmit={async (v) => {
        const body = { ...v, externalId: v.externalId || null, contacts: (v.contacts ?? []).filter((c) => c.value?.trim()) };
        onSaved(person ? await api.patch<Person>(`/people/${person.id}`, body) : await api.post<Person>('/people', body));
      }}>
      <Row gutter={16}>
        <Col xs={24} md={12}><Form.Item name="givenName" label={t('people.givenName')} rules={required}><Input maxLength={200} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="familyName" label={t('people.familyName')} rules={required}><Input maxLength={200} /></Form.Item></Col>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('people.kind')} rules={required}>
            <Select options={PERSON_KINDS.map((k) => ({ value: k, label: t(`personKinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="status" label={t('people.status')} rules={required}>
            <Select options={PERSON_STATUSES.map((k) => ({ value: k, label: t(`personStatuses.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="language" label={t('people.language')}>
            <Select options={UN_LANGUAGES.map((l) => ({ value: l, label: LANGUAGES[l].nativeName }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}><Form.Item name="entityId" label={t('people.entity')}><EntitySelect /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="homeLocationId" label={t('people.dutyStation')}><LocationSelect kind="duty_station" /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="jobTitle" label={t('people.jobTitle')}><Input maxLength={200} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="externalId" label={t('people.externalId')}><Input maxLength={100} /></Form.Item></Col>
      </Row>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 500, fontSize: 14 }}>{t('people.contacts')}</legend>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'kind']} label={t('people.contactKind')} rules={required}>
                    <Select style={{ width: 140 }} options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`contactKinds.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'value']} label={t('people.contactValue')} rules={required}><Input style={{ width: 240 }} /></Form.Item>
                  <Form.Item name={[f.name, 'label']} label={t('people.contactLabel')}><Input style={{ width: 140 }} /></Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('people.removeContact', { n: i + 1 })} style={{ marginTop: 30 }} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'mobile', value: '' })}>{t('people.addContact')}</Button>
            </>
          )}
        </Form.List>
      </fieldset>
    </FormModal>
  );
}
