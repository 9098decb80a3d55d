import { lazy } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const continuityPages = {
  area: () => import('../areas/AreaPage'),
};
const AreaPage = lazy(continuityPages.area);

/** The area's routes inside the signed-in shell. */
export const continuityRoutes = (
  <>
    <Route path="continuity" element={<Guard page="continuity"><AreaPage area="continuity" /></Guard>} />
    <Route path="itdr" element={<Guard page="itdr"><AreaPage area="itdr" /></Guard>} />
  </>
);
