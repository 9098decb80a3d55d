import { lazy } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const notificationsPages = {
  area: () => import('../areas/AreaPage'),
};
const AreaPage = lazy(notificationsPages.area);

/** The area's routes inside the signed-in shell. */
export const notificationsRoutes = (
  <>
    <Route path="notifications" element={<Guard page="notifications"><AreaPage area="notifications" /></Guard>} />
  </>
);

/** Routes open without signing in (a recipient's response link). */
export const notificationsPublicRoutes = <></>;
