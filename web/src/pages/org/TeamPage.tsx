import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { App, Button, Card, Col, Descriptions, Form, Input, Row, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Member, Team } from '../../api/types';
import { useEntities, useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { FormModal } from '../../components/forms';
import { PersonSelect } from '../../components/pickers';
import { useConfirmDelete } from '../../components/useDelete';
import { useSession } from '../../session';
import { canDo } from '../../access';
import { useFormat } from '../../i18n/format';
import { TeamForm } from './TeamForm';

export default function TeamPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const { dateTime } = useFormat();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [roleOf, setRoleOf] = useState<Member>();
  const { data: team, isLoading, error, refetch } = useQuery({ queryKey: ['teams', 'one', id], queryFn: () => api.get<Team>(`/teams/${id}`) });
  const entity = useEntities().data?.find((e) => e.id === team?.entityId);
  const station = useLocation(team?.locationId);

  if (isLoading) return <PageLoading />;
  if (error || !team) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const canWrite = !!user && canDo(user, 'team.write');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['teams'] });
  const remove = (m: Member) => confirmDelete(`${m.givenName} ${m.familyName}`, `/teams/${team.id}/members/${m.personId}`, refresh);

  return (
    <>
      <PageHeader title={team.name} trail={[{ to: '/org/teams', label: t('nav.teams') }]} actions={canWrite && <>
        <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
        <Button danger onClick={() => confirmDelete(team.name, `/teams/${team.id}`, () => { refresh(); navigate('/org/teams'); })}>{t('common.delete')}</Button>
      </>} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('teams.details')}>
            <Descriptions column={1} size="small" bordered items={[
              { key: 'kind', label: t('teams.kind'), children: t(`teamKinds.${team.kind}`, { defaultValue: team.kind }) },
              { key: 'entity', label: t('teams.entity'), children: entity ? `${entity.code} — ${entity.name}` : '—' },
              { key: 'loc', label: t('teams.location'), children: station.data ? <Link to={`/org/locations/${station.data.id}`}>{station.data.name}</Link> : '—' },
              { key: 'updated', label: t('common.updatedAt'), children: dateTime(team.updatedAt) },
            ]} />
          </Card>
          <Card title={t('teams.tor')} style={{ marginTop: 16 }}>
            {team.termsOfReference ? <pre className="orms-pre" data-testid="team-tor">{team.termsOfReference}</pre>
              : <Typography.Text type="secondary">{t('teams.noTor')}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('teams.members')} extra={canWrite && <Button type="primary" onClick={() => setAdding(true)}>{t('teams.addMember')}</Button>}>
            <Table<Member> rowKey="personId" dataSource={team.members ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="team-members"
              locale={{ emptyText: <EmptyList description={t('teams.noMembers')} /> }}
              columns={[
                { title: t('people.name'), key: 'name', render: (_, m) => <Link to={`/org/people/${m.personId}`}>{m.familyName}, {m.givenName}</Link> },
                { title: t('teams.role'), dataIndex: 'role' },
                ...(canWrite ? [{ title: t('common.actions'), key: 'actions', width: 200, render: (_: unknown, m: Member) => (
                  <Space>
                    <Button size="small" onClick={() => setRoleOf(m)} aria-label={`${t('teams.changeRole')} ${m.givenName} ${m.familyName}`}>{t('teams.changeRole')}</Button>
                    <Button size="small" danger onClick={() => remove(m)} aria-label={`${t('teams.removeMember')} ${m.givenName} ${m.familyName}`}>{t('teams.removeMember')}</Button>
                  </Space>
                ) }] : []),
              ]} />
          </Card>
        </Col>
      </Row>
      {editing && <TeamForm open team={team} onClose={() => setEditing(false)} onSaved={refresh} />}
      {adding && (
        <FormModal<{ personId: string; role: string }> open title={t('teams.addMember')} fields={['personId', 'role']} onClose={() => setAdding(false)}
          onSubmit={async (v) => { await api.post(`/teams/${team.id}/members`, v); refresh(); message.success(t('teams.memberAdded')); }}>
          <Form.Item name="personId" label={t('teams.person')} rules={[{ required: true, message: t('validation.required') }]}><PersonSelect /></Form.Item>
          <Form.Item name="role" label={t('teams.role')} rules={[{ required: true, message: t('validation.required') }]}><Input maxLength={100} placeholder={t('teams.rolePlaceholder')} /></Form.Item>
        </FormModal>
      )}
      {roleOf && (
        <FormModal<{ role: string }> open title={`${t('teams.changeRole')} — ${roleOf.givenName} ${roleOf.familyName}`} fields={['role']}
          initialValues={{ role: roleOf.role }} onClose={() => setRoleOf(undefined)}
          onSubmit={async (v) => { await api.patch(`/teams/${team.id}/members/${roleOf.personId}`, v); refresh(); }}>
          <Form.Item name="role" label={t('teams.role')} rules={[{ required: true, message: t('validation.required') }]}><Input maxLength={100} /></Form.Item>
        </FormModal>
      )}
    </>
  );
}
