import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { App, Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEventStream } from './useEventStream';

interface InboxEvent { unread: number; latest: { id: string; subject: string; severity: string; createdAt: string } | null }

/** The top bar's bell: the unread count of the user's in-app notifications, live; a new one pops up. */
export function InboxBadge() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const qc = useQueryClient();
  const { data } = useEventStream<InboxEvent>('/notify/inbox/stream', 'inbox');
  const seen = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (!data) return;
    const latest = data.latest?.id ?? null;
    // The first event is the state on opening; later ones are news.
    if (seen.current !== undefined && latest && latest !== seen.current) {
      notification.open({ title: t('notifyInbox.new'), description: data.latest!.subject, placement: 'topRight', duration: data.latest!.severity === 'emergency' ? 0 : 8 });
    }
    seen.current = latest;
    void qc.invalidateQueries({ queryKey: ['inbox'] });
  }, [data, notification, qc, t]);
  const unread = data?.unread ?? 0;
  const label = t('notifyInbox.badge', { n: unread });
  return (
    <Tooltip title={label}>
      <Link to="/inbox" aria-label={label} data-testid="inbox-badge" data-unread={unread}>
        <Badge count={unread} size="small" overflowCount={99}>
          <Button type="text" tabIndex={-1} aria-hidden icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
