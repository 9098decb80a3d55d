import { lazy, Suspense } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const notificationsPages = {
  messages: () => import('./MessagesPage'),
  compose: () => import('./ComposePage'),
  message: () => import('./MessagePage'),
  approvals: () => import('./ApprovalsPage'),
  templates: () => import('./TemplatesPage'),
  policies: () => import('./PoliciesPage'),
  inbox: () => import('./InboxPage'),
};
const MessagesPage = lazy(notificationsPages.messages);
const ComposePage = lazy(notificationsPages.compose);
const MessagePage = lazy(notificationsPages.message);
const ApprovalsPage = lazy(notificationsPages.approvals);
const TemplatesPage = lazy(notificationsPages.templates);
const PoliciesPage = lazy(notificationsPages.policies);
const InboxPage = lazy(notificationsPages.inbox);
// Not prefetched with the rest: a recipient's phone loads only this page's code.
const RespondPage = lazy(() => import('./RespondPage'));

const guarded = (el: React.ReactNode) => <Guard page="notifications">{el}</Guard>;

/** The area's routes inside the signed-in shell. */
export const notificationsRoutes = (
  <>
    <Route path="notifications" element={guarded(<MessagesPage />)} />
    <Route path="notifications/new" element={guarded(<ComposePage />)} />
    <Route path="notifications/approvals" element={guarded(<ApprovalsPage />)} />
    <Route path="notifications/templates" element={guarded(<TemplatesPage />)} />
    <Route path="notifications/policies" element={guarded(<PoliciesPage />)} />
    <Route path="notifications/:id" element={guarded(<MessagePage />)} />
    <Route path="notifications/:id/edit" element={guarded(<ComposePage />)} />
    {/* Every signed-in user has an in-app inbox, whatever their role. */}
    <Route path="inbox" element={<InboxPage />} />
  </>
);

/** Routes open without signing in (a recipient's response link). */
export const notificationsPublicRoutes = (
  <Route path="respond/:token" element={<Suspense fallback={null}><RespondPage /></Suspense>} />
);
