import { lazy } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const plansPages = {
  area: () => import('../areas/AreaPage'),
};
const AreaPage = lazy(plansPages.area);

/** The area's routes inside the signed-in shell. */
export const plansRoutes = (
  <>
    <Route path="plans" element={<Guard page="plans"><AreaPage area="plans" /></Guard>} />
  </>
);
