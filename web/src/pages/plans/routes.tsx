import { lazy } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const plansPages = {
  library: () => import('./PlansLibraryPage'),
  plan: () => import('./PlanPage'),
  inbox: () => import('./ApprovalInboxPage'),
  reviews: () => import('./ReviewsDuePage'),
  walletCards: () => import('./WalletCardsPage'),
  walletCard: () => import('./WalletCardPage'),
  types: () => import('./PlanTypesPage'),
};
const PlansLibraryPage = lazy(plansPages.library);
const PlanPage = lazy(plansPages.plan);
const ApprovalInboxPage = lazy(plansPages.inbox);
const ReviewsDuePage = lazy(plansPages.reviews);
const WalletCardsPage = lazy(plansPages.walletCards);
const WalletCardPage = lazy(plansPages.walletCard);
const PlanTypesPage = lazy(plansPages.types);

/** The area's routes inside the signed-in shell. */
export const plansRoutes = (
  <>
    <Route path="plans" element={<Guard page="plans"><PlansLibraryPage /></Guard>} />
    <Route path="plans/approvals" element={<Guard page="plans"><ApprovalInboxPage /></Guard>} />
    <Route path="plans/reviews" element={<Guard page="plans"><ReviewsDuePage /></Guard>} />
    <Route path="plans/wallet-cards" element={<Guard page="plans"><WalletCardsPage /></Guard>} />
    <Route path="plans/wallet-cards/:locationId" element={<Guard page="plans"><WalletCardPage /></Guard>} />
    <Route path="plans/types" element={<Guard page="plans"><PlanTypesPage /></Guard>} />
    <Route path="plans/:id" element={<Guard page="plans"><PlanPage /></Guard>} />
  </>
);
