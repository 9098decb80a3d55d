import { Link } from 'react-router';
import { App, Button, Select, Space, Table, Tag, type TablePaginationConfig } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { Person } from '../../api/types';
import type { Treatment } from '../../api/riskTypes';
import { TREATMENT_STATUSES } from '../../../../src/domain/risk/components.js';
import { EmptyList, useErrorMessage } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { useFormat } from '../../i18n/format';

/** A person's name, looked up once and cached. */
export function PersonName({ id }: { id: string }) {
  const { data } = useQuery({ queryKey: ['people', 'one', id], queryFn: () => api.get<Person>(`/people/${id}`), staleTime: 300_000 });
  return <Link to={`/org/people/${id}`}>{data ? `${data.familyName}, ${data.givenName}` : '…'}</Link>;
}

/** The treatment's status, changed in place. */
function StatusSelect({ treatment }: { treatment: Treatment }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const change = async (status: string) => {
    try {
      // A done treatment is completed today; any other status has no completion date.
      await api.patch(`/treatments/${treatment.id}`, { status, completedOn: status === 'done' ? dayjs().format('YYYY-MM-DD') : null });
      await qc.invalidateQueries({ queryKey: ['treatments'] });
    } catch (e) {
      message.error(describe(e), 6);
    }
  };
  return <Select size="small" style={{ width: 130 }} aria-label={`${t('treatments.status')}: ${treatment.action}`} value={treatment.status}
    onChange={(v: string) => void change(v)} options={TREATMENT_STATUSES.map((s) => ({ value: s, label: t(`treatmentStatuses.${s}`) }))} />;
}

const STATUS_COLOURS: Record<string, string> = { planned: 'default', in_progress: 'processing', done: 'success', cancelled: 'default' };

/**
 * Treatments with their owner, dates, cost and an overdue tag; with the risk's title when `showRisk`;
 * status changeable when `editable`; with `onEdit`, each row can be changed or removed.
 */
export function TreatmentTable({ items, loading, showRisk, editable, onEdit, pagination, testId }: {
  items: Treatment[] | undefined; loading: boolean; showRisk?: boolean; editable?: boolean; onEdit?(t: Treatment): void; pagination?: TablePaginationConfig | false; testId: string;
}) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  return (
    <div data-testid={testId} data-ready={String(!loading && !!items)}>
      <Table<Treatment> rowKey="id" size="small" loading={{ spinning: loading, delay: 250 }} dataSource={items}
        locale={{ emptyText: <EmptyList /> }} pagination={pagination ?? false}
        columns={[
          { title: t('treatments.action'), dataIndex: 'action' },
          ...(showRisk ? [{ title: t('treatments.risk'), key: 'risk', render: (_: unknown, r: Treatment) => <Link to={`/risk/risks/${r.riskId}`}>{r.riskTitle ?? '…'}</Link> }] : []),
          { title: t('treatments.owner'), dataIndex: 'ownerPersonId', render: (id: string, r) => (r.ownerName ? <Link to={`/org/people/${id}`}>{r.ownerName}</Link> : <PersonName id={id} />) },
          { title: t('treatments.startDate'), dataIndex: 'startDate', width: 120, render: (d: string | null) => d ?? '—' },
          { title: t('treatments.dueDate'), dataIndex: 'dueDate', width: 190, render: (d: string | null, r) => (
            <>{d ?? '—'} {r.overdue && <Tag color="error" data-testid="treatment-overdue">{t('treatments.overdue')}</Tag>}</>) },
          { title: t('riskUi.cost'), key: 'cost', width: 130, render: (_, r) => (r.cost === null ? '—' : `${number(r.cost)} ${r.currency ?? ''}`) },
          { title: t('treatments.status'), dataIndex: 'status', width: 150, render: (s: string, r) => editable ? <StatusSelect treatment={r} /> : <Tag color={STATUS_COLOURS[s]}>{t(`treatmentStatuses.${s}`, { defaultValue: s })}</Tag> },
          ...(onEdit ? [{ title: t('common.actions'), key: 'actions', width: 100, render: (_: unknown, r: Treatment) => (
            <Space>
              <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${r.action}`} onClick={() => onEdit(r)} />
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${r.action}`}
                onClick={() => confirmDelete(r.action, `/treatments/${r.id}`, () => void qc.invalidateQueries({ queryKey: ['treatments'] }))} />
            </Space>) }] : []),
        ]} />
    </div>
  );
}
