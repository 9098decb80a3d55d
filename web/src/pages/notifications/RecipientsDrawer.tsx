import { useState } from 'react';
import { Button, Drawer, Empty, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { ErrorState } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { answerColour, DeliveryTag } from './labels';
import type { History, Recipient } from './types';

export interface DrillDown { locationId?: string; entityId?: string; answer?: string; reached?: 'false'; title: string }

/** The people behind a cell of the board, filterable by answer, with each person's answers and deliveries. */
export function RecipientsDrawer({ messageId, options, drill, onClose }: { messageId: string; options: string[]; drill: DrillDown | null; onClose(): void }) {
  const { t } = useTranslation();
  const { number, dateTime } = useFormat();
  const [answer, setAnswer] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [person, setPerson] = useState<Recipient>();
  const filter = drill ? { locationId: drill.locationId, entityId: drill.entityId, reached: drill.reached, answer: answer ?? drill.answer } : {};
  const pageSize = 50;
  const list = useQuery({
    queryKey: ['messages', messageId, 'recipients', filter, page],
    queryFn: () => api.get<Recipient[]>(`/messages/${messageId}/recipients`, { ...filter, page, pageSize }),
    enabled: !!drill, placeholderData: keepPreviousData, refetchInterval: 5000,
  });
  const history = useQuery({ queryKey: ['messages', messageId, 'history', person?.personId], queryFn: () => api.get<History>(`/messages/${messageId}/recipients/${person!.personId}/history`), enabled: !!person });
  const stations = byId(useDutyStations(!!drill).data);
  const entities = byId(useEntities().data);
  const close = () => { setAnswer(undefined); setPage(1); setPerson(undefined); onClose(); };
  return (
    <Drawer open={!!drill} onClose={close} width={720} title={drill?.title} destroyOnHidden data-testid="recipients-drawer">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!drill?.reached && (
          <Select aria-label={t('notifyBoard.filterAnswer')} allowClear placeholder={t('notifyBoard.allAnswers')} style={{ width: 260 }} value={answer ?? drill?.answer}
            onChange={(v) => { setAnswer(v); setPage(1); }}
            options={[...options.map((o) => ({ value: o, label: o })), { value: 'none', label: t('notifyBoard.noResponse') }]} />
        )}
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<Recipient> rowKey="personId" size="small" loading={{ spinning: list.isFetching && !list.data, delay: 250 }} dataSource={list.data}
            locale={{ emptyText: <Empty description={t('notifyBoard.nobody')} /> }}
            pagination={{ current: page, pageSize, total: (page - 1) * pageSize + (list.data?.length ?? 0) + (list.data?.length === pageSize ? 1 : 0), onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('notifyBoard.person'), key: 'name', render: (_, r) => <Button type="link" style={{ padding: 0 }} onClick={() => setPerson(r)}>{r.familyName}, {r.givenName}</Button> },
              { title: t('notifyBoard.station'), dataIndex: 'locationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
              { title: t('notifyBoard.entity'), dataIndex: 'entityId', render: (id: string | null) => (id ? entities.get(id)?.code ?? '…' : '—') },
              { title: t('notifyBoard.reached'), dataIndex: 'reached', render: (r: boolean) => (r ? t('notifyBoard.yes') : <Tag color="warning">{t('notifyBoard.no')}</Tag>) },
              { title: t('notifyBoard.answer'), dataIndex: 'answer', render: (a: string | null) => (a ? <Tag color={answerColour(options.indexOf(a))} data-answer={a}>{a}</Tag> : '—') },
              { title: t('notifyBoard.answeredAt'), dataIndex: 'answeredAt', render: (d: string | null) => dateTime(d) },
            ]} />
        )}
        {person && (
          <div data-testid="person-history">
            <Typography.Title level={3} style={{ fontSize: 16 }}>{t('notifyBoard.historyOf', { name: `${person.givenName} ${person.familyName}` })}</Typography.Title>
            {history.error ? <ErrorState error={history.error} /> : history.data && (
              <>
                {history.data.answers.length ? (
                  <Timeline items={history.data.answers.map((a) => ({ color: answerColour(options.indexOf(a.answer)), content: `${dateTime(a.receivedAt)} — ${a.answer} (${t(`notifyChannels.${a.channel}`, { defaultValue: a.channel })})` }))} />
                ) : <Typography.Paragraph type="secondary">{t('notifyBoard.noAnswerYet')}</Typography.Paragraph>}
                <Table size="small" pagination={false} rowKey={(d) => `${d.channel}-${d.address}-${d.round}`} dataSource={history.data.deliveries}
                  columns={[
                    { title: t('notifyMessage.channel'), dataIndex: 'channel', render: (c: string) => t(`notifyChannels.${c}`, { defaultValue: c }) },
                    { title: t('notifyBoard.address'), dataIndex: 'address' },
                    { title: t('notifyBoard.round'), dataIndex: 'round', render: (n: number) => number(n + 1) },
                    { title: t('notifyBoard.status'), dataIndex: 'status', render: (s: string) => <DeliveryTag status={s} /> },
                    { title: t('notifyBoard.error'), dataIndex: 'lastError', render: (e: string | null) => e ?? '' },
                  ]} />
              </>
            )}
          </div>
        )}
      </Space>
    </Drawer>
  );
}
