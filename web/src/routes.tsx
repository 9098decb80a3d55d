import { lazy, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession, loginPath } from './session';
import type { PageKey } from './access';
import { AppShell } from './components/AppShell';
import { Guard } from './components/Guard';
import { NotFoundPage, PageLoading } from './components/states';
import LoginPage from './pages/login/LoginPage';
import { continuityPages, continuityRoutes } from './pages/continuity/routes';
import { plansPages, plansRoutes } from './pages/plans/routes';
import { exercisesPages, exercisesRoutes } from './pages/exercises/routes';
import { notificationsPages, notificationsRoutes, notificationsPublicRoutes } from './pages/notifications/routes';
import { travelPages, travelRoutes } from './pages/travel/routes';
import { riskPages, riskRoutes } from './pages/risk/routes';
import { securityPages, securityRoutes } from './pages/security/routes';

// Pages load on first visit so the first load stays small (the map brings ECharts with it); once
// the app is idle their code is fetched ahead, so moving between pages does not wait for it.
const pages = {
  entities: () => import('./pages/org/EntitiesPage'),
  countries: () => import('./pages/org/CountriesPage'),
  locations: () => import('./pages/org/LocationsPage'),
  location: () => import('./pages/org/LocationPage'),
  people: () => import('./pages/org/PeoplePage'),
  person: () => import('./pages/org/PersonPage'),
  teams: () => import('./pages/org/TeamsPage'),
  team: () => import('./pages/org/TeamPage'),
  audit: () => import('./pages/audit/AuditPage'),
  area: () => import('./pages/areas/AreaPage'),
};
const areaPages = [riskPages, securityPages, continuityPages, plansPages, exercisesPages, notificationsPages, travelPages];
const EntitiesPage = lazy(pages.entities);
const CountriesPage = lazy(pages.countries);
const LocationsPage = lazy(pages.locations);
const LocationPage = lazy(pages.location);
const PeoplePage = lazy(pages.people);
const PersonPage = lazy(pages.person);
const TeamsPage = lazy(pages.teams);
const TeamPage = lazy(pages.team);
const AuditPage = lazy(pages.audit);
const AreaPage = lazy(pages.area);

/** Fetches the pages' code in the background when the browser is idle. */
export function prefetchPages() {
  const idle = (fn: () => void) => ('requestIdleCallback' in window ? window.requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 1500));
  idle(() => {
    for (const load of [...Object.values(pages), ...areaPages.flatMap((p) => Object.values(p))]) void load().catch(() => undefined);
  });
}

const LATER_AREAS: PageKey[] = ['incidents', 'dashboard'];

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  useEffect(() => { if (user) prefetchPages(); }, [user]);
  if (user === undefined) return <PageLoading />;
  if (user === null) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  return children;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {notificationsPublicRoutes}
      <Route element={<RequireAuth><AppShell /></RequireAuth>}>
        <Route index element={<Navigate to="/org/locations" replace />} />
        <Route path="org" element={<Navigate to="/org/locations" replace />} />
        <Route path="org/entities" element={<EntitiesPage />} />
        <Route path="org/countries" element={<CountriesPage />} />
        <Route path="org/locations" element={<LocationsPage />} />
        <Route path="org/locations/:id" element={<LocationPage />} />
        <Route path="org/people" element={<Guard page="people"><PeoplePage /></Guard>} />
        <Route path="org/people/:id" element={<PersonPage />} />
        <Route path="org/teams" element={<Guard page="teams"><TeamsPage /></Guard>} />
        <Route path="org/teams/:id" element={<Guard page="teams"><TeamPage /></Guard>} />
        <Route path="audit" element={<Guard page="audit"><AuditPage /></Guard>} />
        {riskRoutes}
        {securityRoutes}
        {continuityRoutes}
        {plansRoutes}
        {exercisesRoutes}
        {notificationsRoutes}
        {travelRoutes}
        {LATER_AREAS.map((a) => <Route key={a} path={a} element={<Guard page={a}><AreaPage area={a} /></Guard>} />)}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
