import { Button, Card, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DELIVERY_STATUSES } from '../../../../src/domain/notify/channels.js';
import { useFormat } from '../../i18n/format';
import { DeliveryTag } from './labels';
import { useEventStream } from './useEventStream';
import type { DeliveryStats } from './types';

/** Live delivery counts of a sent message per channel and status (server-sent events). */
export function DeliveryDashboard({ messageId, onShowUnreached }: { messageId: string; onShowUnreached(): void }) {
  const { t } = useTranslation();
  const { number, dateTime } = useFormat();
  const { data, live } = useEventStream<DeliveryStats>(`/messages/${messageId}/deliveries/stream`, 'deliveries');
  if (!data) return <Card loading />;
  const done = (data.byStatus.sent ?? 0) + (data.byStatus.delivered ?? 0);
  const failed = (data.byStatus.failed ?? 0) + (data.byStatus.bounced ?? 0);
  const pending = (data.byStatus.queued ?? 0) + (data.byStatus.sending ?? 0);
  const rows = Object.entries(data.byChannel).map(([channel, counts]) => ({ channel, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="delivery-dashboard" data-pending={pending}>
      <Space wrap size="large">
        <Statistic title={t('notifyMessage.deliveries')} value={number(data.total)} />
        <Statistic title={t('notifyMessage.handedOver')} value={number(done)} valueStyle={{ color: '#237804' }} data-testid="deliveries-done" />
        <Statistic title={t('notifyMessage.pending')} value={number(pending)} />
        <Statistic title={t('notifyMessage.failedBounced')} value={number(failed)} valueStyle={failed ? { color: '#cf1322' } : undefined} />
        <Statistic title={t('notifyMessage.noContact')} value={number(data.unreachable)} valueStyle={data.unreachable ? { color: '#ad4e00' } : undefined} />
        <Tag color={live ? 'success' : 'default'} data-testid="deliveries-live">{live ? t('notifyBoard.live') : t('notifyBoard.reconnecting')}</Tag>
      </Space>
      <Progress percent={data.total ? Math.round(((done + failed) / data.total) * 100) : 0} success={{ percent: data.total ? Math.round((done / data.total) * 100) : 0 }}
        aria-label={t('notifyMessage.progress')} />
      <Table rowKey="channel" size="small" pagination={false} dataSource={rows}
        columns={[
          { title: t('notifyMessage.channel'), dataIndex: 'channel', render: (c: string) => t(`notifyChannels.${c}`, { defaultValue: c }) },
          { title: t('notifyMessage.total'), dataIndex: 'total', render: (n: number) => number(n) },
          ...DELIVERY_STATUSES.map((s) => ({ title: <DeliveryTag status={s} />, key: s, render: (_: unknown, r: (typeof rows)[number]) => number(r.counts[s] ?? 0) })),
        ]} />
      <Typography.Text type="secondary">
        {t('notifyBoard.updated', { at: dateTime(data.at) })}
        {data.unreachable > 0 && <> · <Button type="link" size="small" style={{ padding: 0 }} onClick={onShowUnreached}>{t('notifyMessage.showUnreached')}</Button></>}
      </Typography.Text>
    </Space>
  );
}
