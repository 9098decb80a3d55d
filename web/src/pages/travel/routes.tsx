import { lazy } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const travelPages = {
  area: () => import('../areas/AreaPage'),
};
const AreaPage = lazy(travelPages.area);

/** The area's routes inside the signed-in shell. */
export const travelRoutes = (
  <>
    <Route path="travel" element={<Guard page="travel"><AreaPage area="travel" /></Guard>} />
  </>
);
