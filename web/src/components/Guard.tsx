import type { ReactNode } from 'react';
import { useSession } from '../session';
import { canOpen, type PageKey } from '../access';
import { Forbidden } from './states';

/** Shows the page only when the user's role may open it. */
export function Guard({ page, children }: { page: PageKey; children: ReactNode }) {
  const { user } = useSession();
  return user && canOpen(user, page) ? children : <Forbidden />;
}
