import { lazy } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const travelPages = {
  myTrips: () => import('./MyTripsPage'),
  trip: () => import('./TripPage'),
  clearances: () => import('./ClearancesPage'),
  travellers: () => import('./TravellersPage'),
};
const MyTripsPage = lazy(travelPages.myTrips);
const TripPage = lazy(travelPages.trip);
const ClearancesPage = lazy(travelPages.clearances);
const TravellersPage = lazy(travelPages.travellers);

/** The area's routes inside the signed-in shell. Every signed-in user has their own trips and whereabouts; the server checks the rest. */
export const travelRoutes = (
  <>
    <Route path="travel" element={<Guard page="travel"><MyTripsPage /></Guard>} />
    <Route path="travel/trips/:id" element={<Guard page="travel"><TripPage /></Guard>} />
    <Route path="travel/clearances" element={<Guard page="travel"><ClearancesPage /></Guard>} />
    <Route path="travel/travellers" element={<Guard page="travel"><TravellersPage /></Guard>} />
  </>
);
