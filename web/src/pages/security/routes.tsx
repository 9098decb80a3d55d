import { lazy } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const securityPages = {
  areas: () => import('./SecurityAreasPage'),
  area: () => import('./SecurityAreaPage'),
  compliance: () => import('./CompliancePage'),
  checklist: () => import('./ChecklistPage'),
  templates: () => import('./TemplatesPage'),
};
const SecurityAreasPage = lazy(securityPages.areas);
const SecurityAreaPage = lazy(securityPages.area);
const CompliancePage = lazy(securityPages.compliance);
const ChecklistPage = lazy(securityPages.checklist);
const TemplatesPage = lazy(securityPages.templates);

/** The area's routes inside the signed-in shell. */
export const securityRoutes = (
  <>
    <Route path="security" element={<Guard page="security"><SecurityAreasPage /></Guard>} />
    <Route path="security/areas/:id" element={<Guard page="security"><SecurityAreaPage /></Guard>} />
    <Route path="security/compliance" element={<Guard page="security"><CompliancePage /></Guard>} />
    <Route path="security/compliance/templates" element={<Guard page="security"><TemplatesPage /></Guard>} />
    <Route path="security/compliance/:templateId/locations/:locationId" element={<Guard page="security"><ChecklistPage /></Guard>} />
  </>
);
