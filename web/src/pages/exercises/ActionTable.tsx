import { Link } from 'react-router';
import { App, Select, Table, Tag, type TablePaginationConfig } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES } from '../../../../src/domain/plans/catalog.js';
import { api } from '../../api/client';
import { EmptyList, useErrorMessage } from '../../components/states';
import { useSession } from '../../session';
import { PersonLabel, PlanLabel } from '../plans/pickers';
import { useAreaRights } from '../plans/rights';
import { useDay } from '../plans/format';
import type { CorrectiveAction } from './api';
import { ActionStatusTag } from './tags';

/** The action's status, changed in place by its owner or the review's coordinators (the server decides). */
function StatusSelect({ action }: { action: CorrectiveAction }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const change = async (status: string) => {
    try {
      await api.patch(`/corrective-actions/${action.id}`, { status });
      await Promise.all([qc.invalidateQueries({ queryKey: ['corrective-actions'] }), qc.invalidateQueries({ queryKey: ['after-action-reviews'] })]);
    } catch (e) { message.error(describe(e), 6); }
  };
  return <Select size="small" style={{ width: 140 }} aria-label={`${t('correctiveActions.status')}: ${action.action}`} value={action.status}
    onChange={(v: string) => void change(v)} options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`correctiveActionStatuses.${s}`) }))} />;
}

/** Corrective actions: owner, due date (overdue marked), status, the plan to update and, in the tracker, the review. */
export function ActionTable({ items, loading, showReview, pagination, testId }: {
  items: CorrectiveAction[] | undefined; loading: boolean; showReview?: boolean; pagination?: TablePaginationConfig | false; testId: string;
}) {
  const { t } = useTranslation();
  const day = useDay();
  const rights = useAreaRights();
  const { user } = useSession();
  const editable = (a: CorrectiveAction) => rights.writeExercises || (!!user?.personId && user.personId === a.ownerPersonId);
  return (
    <div data-testid={testId} data-ready={String(!loading && !!items)}>
      <Table<CorrectiveAction> rowKey="id" size="small" loading={{ spinning: loading, delay: 250 }} dataSource={items} scroll={{ x: 1000 }}
        locale={{ emptyText: <EmptyList description={t('correctiveActions.none')} /> }} pagination={pagination ?? false}
        columns={[
          { title: t('correctiveActions.finding'), dataIndex: 'finding' },
          { title: t('correctiveActions.action'), dataIndex: 'action' },
          { title: t('correctiveActions.owner'), dataIndex: 'ownerPersonId', width: 180, render: (id: string) => <PersonLabel id={id} /> },
          { title: t('correctiveActions.due'), dataIndex: 'dueDate', width: 190, render: (d: string, a) => <>{day(d)} {a.overdue && <Tag color="error" data-testid="action-overdue">{t('correctiveActions.overdue')}</Tag>}</> },
          { title: t('correctiveActions.status'), dataIndex: 'status', width: 160, render: (s: string, a) => (editable(a) ? <StatusSelect action={a} /> : <ActionStatusTag status={s} />) },
          { title: t('correctiveActions.plan'), dataIndex: 'planId', width: 200, render: (id: string | null, a) => (id ? (a.planTitle ? <Link to={`/plans/${id}`}>{a.planTitle}</Link> : <PlanLabel id={id} />) : '—') },
          ...(showReview ? [{ title: t('correctiveActions.review'), key: 'review', width: 220, render: (_: unknown, a: CorrectiveAction) => <Link to={`/exercises/reviews/${a.reviewId}`}>{a.reviewTitle ?? '…'}</Link> }] : []),
        ]} />
    </div>
  );
}
