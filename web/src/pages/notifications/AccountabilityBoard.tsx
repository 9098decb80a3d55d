import { Button, Card, Col, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { answerColour } from './labels';
import type { DrillDown } from './RecipientsDrawer';
import { useEventStream } from './useEventStream';
import type { Board, BoardRow } from './types';

/**
 * The accountability board, live: for the whole audience and per duty station and entity, how
 * many were reached, what they answered (the latest answer counts) and who has not answered.
 * A row or a figure opens the people behind it.
 */
export function AccountabilityBoard({ messageId, onDrill }: { messageId: string; onDrill(d: DrillDown): void }) {
  const { t } = useTranslation();
  const { number, dateTime } = useFormat();
  const { data, live } = useEventStream<Board>(`/messages/${messageId}/board/stream`, 'board');
  const setDrill = onDrill;
  if (!data) return <Card loading data-testid="board" />;
  const { total, options } = data;
  const answered = total.recipients - total.noResponse;
  const table = (rows: BoardRow[], kind: 'location' | 'entity', testId: string) => (
    <Table<BoardRow> rowKey={(r) => r.key ?? 'none'} size="small" dataSource={rows} pagination={rows.length > 20 ? { pageSize: 20 } : false} data-testid={testId}
      onRow={(r) => ({ onClick: () => setDrill({ [kind === 'location' ? 'locationId' : 'entityId']: r.key ?? undefined, title: r.name ?? t('notifyBoard.unknown') }), style: { cursor: 'pointer' } })}
      columns={[
        { title: t(kind === 'location' ? 'notifyBoard.station' : 'notifyBoard.entity'), key: 'name', render: (_, r) => (
          <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
            onClick={(e) => { e.stopPropagation(); setDrill({ [kind === 'location' ? 'locationId' : 'entityId']: r.key ?? undefined, title: r.name ?? t('notifyBoard.unknown') }); }}>{r.name ?? t('notifyBoard.unknown')}</Button>) },
        { title: t('notifyBoard.recipients'), dataIndex: 'recipients', align: 'end', render: (n: number) => number(n) },
        { title: t('notifyBoard.reached'), dataIndex: 'reached', align: 'end', render: (n: number) => number(n) },
        ...options.map((o, i) => ({ title: o, key: `a${i}`, align: 'end' as const, render: (_: unknown, r: BoardRow) => <span style={{ color: (r.answers[o] ?? 0) ? answerColour(i) : undefined, fontWeight: i === 1 && r.answers[o] ? 600 : undefined }} data-cell={`answer-${i}`}>{number(r.answers[o] ?? 0)}</span> })),
        { title: t('notifyBoard.noResponse'), dataIndex: 'noResponse', align: 'end', render: (n: number) => <span data-cell="no-response">{number(n)}</span> },
      ]} />
  );
  const figure = (title: string, value: number, colour: string | undefined, d: Omit<DrillDown, 'title'>, testId: string) => (
    <Card size="small" hoverable onClick={() => setDrill({ ...d, title })} data-testid={testId} role="button" tabIndex={0} aria-label={`${title}: ${number(value)}`}
      onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); setDrill({ ...d, title }); } }}>
      <Statistic title={title} value={number(value)} valueStyle={colour ? { color: colour } : undefined} />
    </Card>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="board" data-answered={answered}>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={4}>{figure(t('notifyBoard.recipients'), total.recipients, undefined, {}, 'board-recipients')}</Col>
        <Col xs={12} md={4}>{figure(t('notifyBoard.reached'), total.reached, undefined, {}, 'board-reached')}</Col>
        {options.map((o, i) => <Col key={o} xs={12} md={4}>{figure(o, total.answers[o] ?? 0, answerColour(i), { answer: o }, `board-answer-${i}`)}</Col>)}
        <Col xs={12} md={4}>{figure(t('notifyBoard.noResponse'), total.noResponse, total.noResponse ? '#ad4e00' : undefined, { answer: 'none' }, 'board-no-response')}</Col>
      </Row>
      <Space wrap>
        <Progress type="line" style={{ width: 360 }} percent={total.recipients ? Math.round((answered / total.recipients) * 100) : 0} aria-label={t('notifyBoard.answeredShare')} />
        <Tag color={live ? 'success' : 'default'} data-testid="board-live">{live ? t('notifyBoard.live') : t('notifyBoard.reconnecting')}</Tag>
        <Typography.Text type="secondary">{t('notifyBoard.updated', { at: dateTime(data.at) })}</Typography.Text>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}><Card size="small" title={t('notifyBoard.byStation')}>{table(data.byLocation, 'location', 'board-stations')}</Card></Col>
        <Col xs={24} xl={12}><Card size="small" title={t('notifyBoard.byEntity')}>{table(data.byEntity, 'entity', 'board-entities')}</Card></Col>
      </Row>
    </Space>
  );
}
