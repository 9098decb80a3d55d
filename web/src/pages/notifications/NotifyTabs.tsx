import { Badge, Menu } from 'antd';
import { Link, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../session';
import { can } from './rights';
import type { Message } from './types';

/** The area's own navigation: messages, the approval inbox, templates, approval policies. */
export function NotifyTabs() {
  const { t } = useTranslation();
  const { user } = useSession();
  const here = useLocation().pathname;
  const approver = !!user && can(user, 'message.approve');
  const awaiting = useQuery({ queryKey: ['messages', 'awaiting'], queryFn: () => api.get<Message[]>('/messages', { awaitingMe: 'true' }), enabled: approver, refetchInterval: 30_000 });
  const items = [
    { key: '/notifications', label: <Link to="/notifications">{t('notify.history')}</Link> },
    ...(approver ? [{ key: '/notifications/approvals', label: <Link to="/notifications/approvals">{t('notify.approvals')} <Badge count={awaiting.data?.length ?? 0} size="small" offset={[4, -2]} /></Link> }] : []),
    { key: '/notifications/templates', label: <Link to="/notifications/templates">{t('notify.templates')}</Link> },
    { key: '/notifications/policies', label: <Link to="/notifications/policies">{t('notify.policies')}</Link> },
  ];
  const selected = items.map((i) => i.key).filter((k) => here === k || (k !== '/notifications' && here.startsWith(k)));
  return (
    <nav aria-label={t('notify.areaNav')} style={{ marginBottom: 16 }}>
      <Menu mode="horizontal" items={items} selectedKeys={selected.length ? selected : ['/notifications']} style={{ background: 'transparent' }} />
    </nav>
  );
}
