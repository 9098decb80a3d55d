import './plans.css';
import { Link, useLocation } from 'react-router';
import { Menu } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { InboxItem } from './api';
import { useAreaRights } from './rights';

/** The plans area's own pages, as a bar under the page title. */
export function PlansNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const rights = useAreaRights();
  const inbox = useQuery({ queryKey: ['plan-approvals'], queryFn: () => api.get<InboxItem[]>('/plan-approvals'), enabled: rights.readPlanDrafts, staleTime: 30_000 });
  const items = [
    { key: '/plans', label: <Link to="/plans">{t('plans.library')}</Link> },
    ...(rights.readPlanDrafts ? [
      { key: '/plans/approvals', label: <Link to="/plans/approvals" data-testid="inbox-link">{t('planApproval.inbox')}{inbox.data?.length ? ` (${inbox.data.length})` : ''}</Link> },
      { key: '/plans/reviews', label: <Link to="/plans/reviews">{t('planReview.title')}</Link> },
    ] : []),
    { key: '/plans/wallet-cards', label: <Link to="/plans/wallet-cards">{t('walletCards.title')}</Link> },
    ...(rights.adminPlanTypes ? [{ key: '/plans/types', label: <Link to="/plans/types">{t('planTypes.title')}</Link> }] : []),
  ];
  const selected = items.map((i) => i.key).filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0] ?? '/plans';
  return (
    <nav aria-label={t('plans.areaNav')} style={{ marginBottom: 16 }}>
      <Menu mode="horizontal" selectedKeys={[selected]} items={items} disabledOverflow />
    </nav>
  );
}
