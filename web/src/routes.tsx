import { lazy, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession, loginPath } from './session';
import { canOpen, type PageKey } from './access';
import { AppShell } from './components/AppShell';
import { Forbidden, NotFoundPage, PageLoading } from './components/states';
import LoginPage from './pages/login/LoginPage';

// Pages load on first visit so the first load stays small (the map brings ECharts with it).
const EntitiesPage = lazy(() => import('./pages/org/EntitiesPage'));
const CountriesPage = lazy(() => import('./pages/org/CountriesPage'));
const LocationsPage = lazy(() => import('./pages/org/LocationsPage'));
const LocationPage = lazy(() => import('./pages/org/LocationPage'));
const PeoplePage = lazy(() => import('./pages/org/PeoplePage'));
const PersonPage = lazy(() => import('./pages/org/PersonPage'));
const TeamsPage = lazy(() => import('./pages/org/TeamsPage'));
const TeamPage = lazy(() => import('./pages/org/TeamPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const AreaPage = lazy(() => import('./pages/areas/AreaPage'));

const LATER_AREAS: PageKey[] = ['risk', 'security', 'continuity', 'itdr', 'plans', 'exercises', 'incidents', 'notifications', 'dashboard'];

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <PageLoading />;
  if (user === null) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  return children;
}

/** Shows the page only when the user's role may open it. */
function Guard({ page, children }: { page: PageKey; children: ReactNode }) {
  const { user } = useSession();
  return user && canOpen(user, page) ? children : <Forbidden />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
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
        {LATER_AREAS.map((a) => <Route key={a} path={a} element={<Guard page={a}><AreaPage area={a} /></Guard>} />)}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
