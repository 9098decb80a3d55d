import { lazy } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const exercisesPages = {
  area: () => import('../areas/AreaPage'),
};
const AreaPage = lazy(exercisesPages.area);

/** The area's routes inside the signed-in shell. */
export const exercisesRoutes = (
  <>
    <Route path="exercises" element={<Guard page="exercises"><AreaPage area="exercises" /></Guard>} />
  </>
);
