import { useState } from 'react';
import { Button, Collapse, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACCEPTABLE_RISK_TABLE, PROGRAMME_CRITICALITIES } from '../../../../src/domain/risk/acceptable-risk.js';
import { RISK_BANDS } from '../../../../src/domain/risk/bands.js';
import { api } from '../../api/client';
import type { AcceptableRiskReport, Programme, Sra, Verdict } from '../../api/riskTypes';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { BandTag } from '../risk/matrix';
import { useRights } from '../risk/rights';
import { ProgrammeForm } from './ProgrammeForm';

type Scope = { countryCode?: string; areaId?: string; locationId?: string };

/** The rule itself (DOMAIN §4), shown from the same table the server applies. */
function RuleTable() {
  const { t } = useTranslation();
  const rows = [...RISK_BANDS].reverse().map((band) => ({ band, ...ACCEPTABLE_RISK_TABLE[band] }));
  return (
    <Table rowKey="band" size="small" pagination={false} dataSource={rows} data-testid="acceptable-risk-rule"
      columns={[
        { title: t('risk.residual'), dataIndex: 'band', render: (b: string) => <BandTag band={b} /> },
        ...PROGRAMME_CRITICALITIES.map((pc) => ({ title: pc, key: pc, render: (_: unknown, r: (typeof rows)[number]) => (r.acceptableFor.includes(pc) ? t('srmEdit.yes') : t('srmEdit.no')) })),
        { title: t('security.approver'), dataIndex: 'approver', render: (a: string | null) => (a ? t(`approverLevels.${a}`) : t('srmEdit.activitiesStop')) },
      ]} />
  );
}

/**
 * Programmes with their criticality (PC1–PC4) and whether their residual risk is acceptable; the ones
 * not acceptable first and highlighted. With `manage`, programmes of the area are added, changed and removed here.
 */
export function AcceptableRisk({ query, manage }: { query: Scope; manage?: { stationIds: string[]; sras: Sra[] } }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const rights = useRights();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<Programme | 'new'>();
  const report = useQuery({ queryKey: ['security', 'acceptable-risk', query], queryFn: () => api.get<AcceptableRiskReport>('/security/acceptable-risk', query) });
  const programmes = byId(useQuery({ queryKey: ['security', 'programmes', query], queryFn: () => api.get<Programme[]>('/security/programmes', query), enabled: !!manage }).data);
  const entities = byId(useEntities().data);
  const stations = byId(useDutyStations().data);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['security'] });
  if (report.error) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <PageLoading />;
  const rank = (v: Verdict) => (v.acceptable === false ? 0 : v.acceptable === null ? 1 : 2);
  const rows = [...report.data.verdicts].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  const mayAdd = !!manage && rights.programmeAt(manage.stationIds);
  return (
    <div data-testid="acceptable-risk">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Paragraph style={{ margin: 0 }} data-testid="unacceptable-count">
          {t('srmEdit.unacceptableCount', { n: report.data.unacceptable.length, total: report.data.verdicts.length })}
          {report.data.unassessed.length > 0 && ` ${t('srmEdit.unassessedCount', { n: report.data.unassessed.length })}`}
        </Typography.Paragraph>
        {mayAdd && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('srmEdit.addProgramme')}</Button>}
      </Space>
      <Collapse ghost size="small" items={[{ key: 'rule', label: t('srmEdit.ruleTitle'), children: <RuleTable /> }]} />
      <Table<Verdict> rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyList description={t('srmEdit.noProgrammes')} /> }} rowClassName={(v) => (v.acceptable === false ? 'orms-row-alert' : '')}
        columns={[
          { title: t('security.programme'), dataIndex: 'name' },
          { title: t('risk.entity'), dataIndex: 'entityId', render: (id: string) => entities.get(id)?.code ?? '…' },
          { title: t('risk.dutyStation'), dataIndex: 'locationId', render: (id: string) => stations.get(id)?.name ?? '…' },
          { title: t('security.criticality'), dataIndex: 'criticality', width: 110, render: (pc: string) => <Tag color="blue">{pc}</Tag> },
          { title: t('risk.residual'), dataIndex: 'residual', width: 140, render: (b: string | null) => <BandTag band={b} /> },
          { title: t('security.verdict'), key: 'verdict', width: 170, render: (_, v) => (v.acceptable === null
            ? <Tag>{t('security.notAssessed')}</Tag>
            : v.acceptable ? <Tag color="success" data-testid="verdict-acceptable">{t('security.acceptable')}</Tag>
              : <Tag color="error" data-testid="verdict-unacceptable">{t('security.notAcceptable')}</Tag>) },
          { title: t('security.approver'), dataIndex: 'approver', render: (a: string | null, v) => (a ? t(`approverLevels.${a}`, { defaultValue: a }) : v.acceptable === false ? t('srmEdit.stopOrReduce') : '—') },
          ...(manage ? [{ title: t('common.actions'), key: 'actions', width: 100, render: (_: unknown, v: Verdict) => {
            const p = programmes.get(v.id);
            if (!p || !rights.programme(p)) return null;
            return (
              <Space>
                <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${v.name}`} onClick={() => setEditing(p)} />
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${v.name}`} onClick={() => confirmDelete(v.name, `/security/programmes/${v.id}`, refresh)} />
              </Space>
            );
          } }] : []),
        ]} />
      {editing && manage && <ProgrammeForm open programme={editing === 'new' ? undefined : editing} stationIds={manage.stationIds} sras={manage.sras}
        onClose={() => setEditing(undefined)} onSaved={refresh} />}
    </div>
  );
}
