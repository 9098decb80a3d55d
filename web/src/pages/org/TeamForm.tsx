import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TEAM_KINDS } from '../../../../src/domain/org.js';
import { api } from '../../api/client';
import type { Team } from '../../api/types';
import { FormModal } from '../../components/forms';
import { EntitySelect, LocationSelect } from '../../components/pickers';

type Values = Pick<Team, 'name' | 'kind' | 'entityId' | 'locationId' | 'termsOfReference'>;

export function TeamForm({ team, open, onClose, onSaved }: { team?: Team; open: boolean; onClose(): void; onSaved(t: Team): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open={open} onClose={onClose} width={720} testId="team-form" title={team ? t('teams.edit') : t('teams.create')}
      fields={['name', 'kind', 'entityId', 'locationId', 'termsOfReference']}
      initialValues={team ?? { kind: 'crisis_management_team', termsOfReference: '' }}
      onSubmit={async (v) => {
        const body = { ...v, termsOfReference: v.termsOfReference ?? '' };
        onSaved(team ? await api.patch<Team>(`/teams/${team.id}`, body) : await api.post<Team>('/teams', body));
      }}>
      <Row gutter={16}>
        <Col xs={24} md={14}><Form.Item name="name" label={t('teams.name')} rules={required}><Input maxLength={200} /></Form.Item></Col>
        <Col xs={24} md={10}>
          <Form.Item name="kind" label={t('teams.kind')} rules={required}>
            <Select options={TEAM_KINDS.map((k) => ({ value: k, label: t(`teamKinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}><Form.Item name="entityId" label={t('teams.entity')}><EntitySelect /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="locationId" label={t('teams.location')}><LocationSelect kind="duty_station" /></Form.Item></Col>
      </Row>
      <Form.Item name="termsOfReference" label={t('teams.tor')} extra={t('teams.torHelp')}><Input.TextArea rows={8} maxLength={20000} showCount /></Form.Item>
    </FormModal>
  );
}
