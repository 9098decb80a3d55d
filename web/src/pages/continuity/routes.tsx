import { lazy, type JSX, type LazyExoticComponent } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const continuityPages = {
  campaigns: () => import('./CampaignsPage'),
  campaign: () => import('./CampaignPage'),
  processes: () => import('./ProcessRegisterPage'),
  process: () => import('./ProcessPage'),
  questionnaire: () => import('./QuestionnairePage'),
  map: () => import('./DependencyMapPage'),
  gaps: () => import('./GapsPage'),
  spof: () => import('./SpofPage'),
  simulation: () => import('./SimulationPage'),
  applications: () => import('./ApplicationsPage'),
  application: () => import('./ApplicationPage'),
  dataCentres: () => import('./DataCentresPage'),
  vendors: () => import('./VendorsPage'),
};
const P = Object.fromEntries(Object.entries(continuityPages).map(([k, load]) => [k, lazy(load)])) as unknown as Record<keyof typeof continuityPages, LazyExoticComponent<() => JSX.Element>>;

/**
 * The area's routes inside the signed-in shell: business continuity under /continuity, ICT recovery
 * under /itdr. A process's questionnaire is open to its owner, who may hold no continuity role.
 */
export const continuityRoutes = (
  <>
    <Route path="continuity" element={<Guard page="continuity"><P.campaigns /></Guard>} />
    <Route path="continuity/campaigns/:id" element={<Guard page="continuity"><P.campaign /></Guard>} />
    <Route path="continuity/processes" element={<Guard page="continuity"><P.processes /></Guard>} />
    <Route path="continuity/processes/:id" element={<P.process />} />
    <Route path="continuity/processes/:id/questionnaire" element={<P.questionnaire />} />
    <Route path="continuity/map" element={<Guard page="continuity"><P.map /></Guard>} />
    <Route path="continuity/gaps" element={<Guard page="continuity"><P.gaps /></Guard>} />
    <Route path="continuity/spof" element={<Guard page="continuity"><P.spof /></Guard>} />
    <Route path="continuity/simulation" element={<Guard page="continuity"><P.simulation /></Guard>} />
    <Route path="itdr" element={<Guard page="itdr"><P.applications /></Guard>} />
    <Route path="itdr/applications/:id" element={<Guard page="itdr"><P.application /></Guard>} />
    <Route path="itdr/data-centres" element={<Guard page="itdr"><P.dataCentres /></Guard>} />
    <Route path="itdr/vendors" element={<Guard page="itdr"><P.vendors /></Guard>} />
  </>
);
