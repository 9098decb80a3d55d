import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Col, Descriptions, List, Row, Table, Tag, Typography } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import type { Person, Team } from '../../api/types';
import { useEntities, useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { useSession } from '../../session';
import { canDo, canOpen } from '../../access';
import { useFormat } from '../../i18n/format';
import { LANGUAGES, isUnLanguage } from '../../i18n/languages';
import { PersonForm } from './PersonForm';
import { WhereaboutsCard } from '../travel/WhereaboutsCard';

export default function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const { dateTime, timeAt } = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState(false);
  const { data: person, isLoading, error, refetch } = useQuery({ queryKey: ['people', 'one', id], queryFn: () => api.get<Person>(`/people/${id}`) });
  const mayReadTeams = !!user && canOpen(user, 'teams');
  const teams = useQuery({ queryKey: ['teams', 'of', id], enabled: mayReadTeams, queryFn: () => api.get<Page<Team>>('/teams', { personId: id, pageSize: 100 }) });
  // The list gives no roles: each of the person's teams (a handful) is read for its member list.
  const teamDetails = useQueries({ queries: (teams.data?.items ?? []).map((tm) => ({ queryKey: ['teams', 'one', tm.id], queryFn: () => api.get<Team>(`/teams/${tm.id}`) })) });
  const entity = useEntities().data?.find((e) => e.id === person?.entityId);
  const station = useLocation(person?.homeLocationId);

  if (isLoading) return <PageLoading />;
  if (error || !person) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const name = `${person.givenName} ${person.familyName}`;
  const canWrite = !!user && canDo(user, 'person.write');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['people'] });
  const roleIn = (team: Team) => teamDetails.find((d) => d.data?.id === team.id)?.data?.members?.find((m) => m.personId === person.id)?.role;

  return (
    <>
      <PageHeader title={name} trail={[{ to: '/org/people', label: t('nav.people') }]} actions={canWrite && <>
        <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
        <Button danger onClick={() => confirmDelete(name, `/people/${person.id}`, () => { refresh(); navigate('/org/people'); })}>{t('common.delete')}</Button>
      </>} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('people.details')}>
            <Descriptions column={1} size="small" bordered items={[
              { key: 'job', label: t('people.jobTitle'), children: person.jobTitle ?? '—' },
              { key: 'kind', label: t('people.kind'), children: t(`personKinds.${person.kind}`, { defaultValue: person.kind }) },
              { key: 'status', label: t('people.status'), children: <Tag color={person.status === 'active' ? 'success' : 'default'}>{t(`personStatuses.${person.status}`, { defaultValue: person.status })}</Tag> },
              { key: 'entity', label: t('people.entity'), children: entity ? `${entity.code} — ${entity.name}` : '—' },
              { key: 'station', label: t('people.dutyStation'), children: station.data
                ? <span><Link to={`/org/locations/${station.data.id}`}>{station.data.name}</Link> · {t('locations.localTime', { time: timeAt(station.data.timeZone) })}</span> : '—' },
              { key: 'lang', label: t('people.language'), children: isUnLanguage(person.language) ? LANGUAGES[person.language].nativeName : person.language },
              ...(person.sponsorId ? [{ key: 'sponsor', label: t('people.sponsor'), children: <Link to={`/org/people/${person.sponsorId}`}>{t('people.openSponsor')}</Link> }] : []),
              { key: 'ext', label: t('people.externalId'), children: person.externalId ?? '—' },
              { key: 'updated', label: t('common.updatedAt'), children: dateTime(person.updatedAt) },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('people.contacts')} data-testid="person-contacts">
            <List dataSource={person.contacts ?? []} locale={{ emptyText: <EmptyList description={t('people.noContacts')} /> }}
              renderItem={(c, i) => (
                <List.Item>
                  <List.Item.Meta title={<span>{i + 1}. {t(`contactKinds.${c.kind}`, { defaultValue: c.kind })}{c.label ? ` · ${c.label}` : ''}</span>}
                    description={<Typography.Text copyable dir="ltr">{c.value}</Typography.Text>} />
                </List.Item>
              )} />
          </Card>
          <div style={{ marginTop: 16 }}><WhereaboutsCard personId={person.id} title={t('whereabouts.current')} hideWhenHidden /></div>
          {mayReadTeams && (
            <Card title={t('nav.teams')} style={{ marginTop: 16 }} data-testid="person-teams">
              {teams.error ? <ErrorState error={teams.error} /> : (
                <Table<Team> size="small" rowKey="id" loading={teams.isLoading} dataSource={teams.data?.items} pagination={false}
                  locale={{ emptyText: <EmptyList description={t('people.noTeams')} /> }}
                  columns={[
                    { title: t('teams.name'), dataIndex: 'name', render: (v: string, tm) => <Link to={`/org/teams/${tm.id}`}>{v}</Link> },
                    { title: t('teams.role'), key: 'role', render: (_, tm) => roleIn(tm) ?? '—' },
                  ]} />
              )}
            </Card>
          )}
        </Col>
      </Row>
      {editing && <PersonForm open person={person} onClose={() => setEditing(false)} onSaved={refresh} />}
    </>
  );
}
