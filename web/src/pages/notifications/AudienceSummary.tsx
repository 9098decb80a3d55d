import { Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { byId, useCountries, useEntities, useLocation } from '../../api/lookups';
import type { Person, Team } from '../../api/types';
import type { Audience, AudienceRule } from './types';

function RuleText({ rule }: { rule: AudienceRule }) {
  const { t, i18n } = useTranslation();
  const entities = byId(useEntities().data);
  const countries = useCountries().data;
  const location = useLocation(rule.type === 'location' ? rule.id : rule.type === 'teamKind' ? rule.locationId : undefined);
  const team = useQuery({ queryKey: ['teams', 'one', rule.type === 'team' ? rule.id : null], queryFn: () => api.get<Team>(`/teams/${(rule as { id: string }).id}`), enabled: rule.type === 'team', staleTime: 300_000 });
  const person = useQuery({ queryKey: ['people', 'one', rule.type === 'person' ? rule.id : null], queryFn: () => api.get<Person>(`/people/${(rule as { id: string }).id}`), enabled: rule.type === 'person', staleTime: 300_000 });
  const type = t(`notifyRules.types.${rule.type}`);
  switch (rule.type) {
    case 'everyone': return <>{type}</>;
    case 'location': return <>{type}: {location.data?.name ?? '…'}</>;
    case 'country': return <>{type}: {countries?.find((c) => c.code === rule.code)?.names[i18n.language as 'en'] ?? rule.code}</>;
    case 'entity': return <>{type}: {entities.get(rule.id)?.code ?? '…'}</>;
    case 'team': return <>{type}: {team.data?.name ?? '…'}</>;
    case 'person': return <>{type}: {person.data ? `${person.data.givenName} ${person.data.familyName}` : '…'}</>;
    case 'teamKind': return <>{t(`teamKinds.${rule.kind}`, { defaultValue: rule.kind })}{rule.locationId ? ` — ${location.data?.name ?? '…'}` : ''}</>;
    case 'radius': return <>{t('notifyRules.radiusText', { km: rule.km, lat: rule.latitude, lon: rule.longitude })}</>;
    default: return <>{type}</>;
  }
}

/** The audience rules in words: who is included, who excluded, whether dependants come too. */
export function AudienceSummary({ audience }: { audience: Audience }) {
  const { t } = useTranslation();
  return (
    <div data-testid="audience-summary">
      {audience.include.map((r, i) => <Tag key={`i${i}`} color="blue"><RuleText rule={r} /></Tag>)}
      {audience.exclude.map((r, i) => <Tag key={`e${i}`} color="default">{t('notifyRules.except')} <RuleText rule={r} /></Tag>)}
      {audience.includeDependants && <Tag>{t('notifyRules.withDependants')}</Tag>}
    </div>
  );
}
