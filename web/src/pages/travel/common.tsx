import { Link, useLocation } from 'react-router';
import { Menu, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Clearance, TripStatus } from '../../../../src/domain/travel/itinerary.js';
import { TRAVEL_RIGHTS } from '../../../../src/modules/travel/policy.js';
import { allowsSomewhere } from '../../../../src/domain/access.js';
import { principalOf } from '../../access';
import { useSession } from '../../session';
import type { Trip } from './types';

/** Today as the API's day (UTC). */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/** An ISO day ("2026-03-01") in the user's language; a day has no time zone, so it is shown as it is. */
export function useDay() {
  const { i18n } = useTranslation();
  return (day: string | null | undefined) => (day ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)) : '');
}

const STATUS_COLOURS: Record<TripStatus, string> = { draft: 'default', submitted: 'processing', cleared: 'success', rejected: 'error', cancelled: 'default' };
export function TripStatusTag({ status }: { status: TripStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]} data-status={status}>{t(`travelStatuses.${status}`)}</Tag>;
}

const CLEARANCE_COLOURS: Record<Clearance, string> = { not_required: 'default', pending: 'warning', approved: 'success', rejected: 'error' };
export function ClearanceTag({ clearance }: { clearance: Clearance | null }) {
  const { t } = useTranslation();
  if (!clearance) return <Tag>{t('travelClearances.none')}</Tag>;
  return <Tag color={CLEARANCE_COLOURS[clearance]} data-clearance={clearance}>{t(`travelClearances.${clearance}`)}</Tag>;
}

/** "Nairobi → Beirut → Nairobi". */
export const routeOf = (trip: Pick<Trip, 'legs'>) => (trip.legs.length ? [trip.legs[0]!.from.name, ...trip.legs.map((l) => l.to.name)].join(' → ') : '');

/** What the signed-in user may do in the area, from the server's rights table (the server checks again). */
export function useTravelRights() {
  const { user } = useSession();
  const p = user ? principalOf(user) : null;
  return {
    linked: !!user?.personId,
    personId: user?.personId ?? null,
    clears: !!p && allowsSomewhere(p, TRAVEL_RIGHTS, 'clearance.decide'),
    seesWhereabouts: !!p && allowsSomewhere(p, TRAVEL_RIGHTS, 'whereabouts.read'),
    filesForOthers: !!p && allowsSomewhere(p, TRAVEL_RIGHTS, 'trip.manage'),
  };
}

/** The area's own pages, as a second-level navigation. */
export function TravelNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const rights = useTravelRights();
  const items = [
    { key: '/travel', label: <Link to="/travel">{t('travel.myTrips')}</Link> },
    ...(rights.clears ? [{ key: '/travel/clearances', label: <Link to="/travel/clearances">{t('travel.clearances')}</Link> }] : []),
    ...(rights.seesWhereabouts ? [{ key: '/travel/travellers', label: <Link to="/travel/travellers">{t('travel.travellers')}</Link> }] : []),
  ];
  if (items.length < 2) return null;
  const selected = pathname.startsWith('/travel/clearances') ? '/travel/clearances' : pathname.startsWith('/travel/travellers') ? '/travel/travellers' : '/travel';
  return (
    <nav aria-label={t('travel.navigation')} style={{ marginBottom: 16 }}>
      <Menu mode="horizontal" selectedKeys={[selected]} items={items} data-testid="travel-nav" />
    </nav>
  );
}
