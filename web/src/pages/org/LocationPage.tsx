import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Col, Descriptions, Row, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import type { Location, Team } from '../../api/types';
import { useCountries, useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { useSession } from '../../session';
import { canDo, canOpen } from '../../access';
import { offsetOf, useFormat, userTimeZone } from '../../i18n/format';
import { LocationForm } from './LocationForm';

export default function LocationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const { number, dateTime, timeAt } = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<'edit' | 'premises'>();
  const { data: loc, isLoading, error, refetch } = useLocation(id);
  const countries = useCountries();
  const isStation = loc?.kind === 'duty_station';
  const premises = useQuery({
    queryKey: ['locations', 'premises', id], enabled: isStation,
    queryFn: () => api.get<Page<Location>>('/locations', { parentId: id, pageSize: 500 }),
  });
  const parent = useLocation(loc?.parentId);
  const mayReadTeams = !!user && canOpen(user, 'teams');
  const teams = useQuery({
    queryKey: ['teams', 'at', id], enabled: mayReadTeams,
    queryFn: () => api.get<Page<Team>>('/teams', { locationId: id, pageSize: 100 }),
  });

  if (isLoading) return <PageLoading />;
  if (error || !loc) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const canWrite = !!user && canDo(user, 'location.write');
  const country = countries.data?.find((c) => c.code === loc.countryCode);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['locations'] });
  const myZone = userTimeZone();

  return (
    <>
      <PageHeader title={loc.name} trail={[{ to: '/org/locations', label: t('nav.locations') }]}
        actions={canWrite && <>
          <Button onClick={() => setEditing('edit')}>{t('common.edit')}</Button>
          {isStation && <Button onClick={() => setEditing('premises')}>{t('locations.addPremises')}</Button>}
          <Button danger onClick={() => confirmDelete(loc.name, `/locations/${loc.id}`, () => { refresh(); navigate('/org/locations'); })}>{t('common.delete')}</Button>
        </>} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('locations.details')}>
            <Descriptions column={1} size="small" bordered items={[
              { key: 'kind', label: t('locations.kind'), children: <Tag color={isStation ? 'processing' : 'default'}>{t(`locationKinds.${loc.kind}`)}</Tag> },
              ...(parent.data ? [{ key: 'parent', label: t('locations.parent'), children: <Link to={`/org/locations/${parent.data.id}`}>{parent.data.name}</Link> }] : []),
              { key: 'country', label: t('locations.country'), children: `${country ? country.names[i18n.language as 'en'] ?? country.names.en : ''} (${loc.countryCode})` },
              { key: 'city', label: t('locations.city'), children: loc.city ?? '—' },
              { key: 'address', label: t('locations.address'), children: loc.address ?? '—' },
              { key: 'coords', label: t('locations.coordinates'), children: loc.latitude === null || loc.longitude === null ? '—' : `${number(loc.latitude, 4)}, ${number(loc.longitude, 4)}` },
              { key: 'tz', label: t('locations.timeZone'), children: `${loc.timeZone} (${offsetOf(loc.timeZone)})` },
              { key: 'local', label: t('locations.localTimeLabel'), children: <span data-testid="station-time">{timeAt(loc.timeZone)}</span> },
              { key: 'yours', label: t('locations.yourTime'), children: `${timeAt(myZone)} — ${myZone}` },
              { key: 'ext', label: t('locations.externalId'), children: loc.externalId ?? '—' },
              { key: 'updated', label: t('common.updatedAt'), children: `${dateTime(loc.updatedAt)} · ${t('locations.atStation')}: ${dateTime(loc.updatedAt, loc.timeZone)}` },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('locations.related')}>
            <p><Link to={`/org/people?locationId=${loc.id}`}>{t('locations.peopleHere')}</Link></p>
            {isStation && user && canOpen(user, 'risk') && <p><Link to={`/risk/locations/${loc.id}`}>{t('riskProfile.link')}</Link></p>}
            {user && canOpen(user, 'audit') && <p><Link to={`/audit?subjectId=${loc.id}`}>{t('audit.history')}</Link></p>}
          </Card>
          {isStation && (
            <Card title={t('locations.premises')} style={{ marginTop: 16 }}>
              <Table<Location> size="small" rowKey="id" loading={premises.isLoading} dataSource={premises.data?.items} pagination={false}
                locale={{ emptyText: <EmptyList description={t('locations.noPremises')} /> }}
                columns={[
                  { title: t('locations.name'), dataIndex: 'name', render: (v: string, l) => <Link to={`/org/locations/${l.id}`}>{v}</Link> },
                  { title: t('locations.address'), dataIndex: 'address' },
                ]} />
            </Card>
          )}
          {mayReadTeams && (
            <Card title={t('nav.teams')} style={{ marginTop: 16 }}>
              <Table<Team> size="small" rowKey="id" loading={teams.isLoading} dataSource={teams.data?.items} pagination={false}
                locale={{ emptyText: <EmptyList /> }}
                columns={[
                  { title: t('teams.name'), dataIndex: 'name', render: (v: string, tm) => <Link to={`/org/teams/${tm.id}`}>{v}</Link> },
                  { title: t('teams.kind'), dataIndex: 'kind', render: (k: string) => t(`teamKinds.${k}`, { defaultValue: k }) },
                ]} />
            </Card>
          )}
        </Col>
      </Row>
      {editing === 'edit' && <LocationForm open location={loc} onClose={() => setEditing(undefined)} onSaved={refresh} />}
      {editing === 'premises' && <LocationForm open parent={loc} onClose={() => setEditing(undefined)} onSaved={refresh} />}
    </>
  );
}
