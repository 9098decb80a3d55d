import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AcceptableRiskReport, Verdict } from '../../api/riskTypes';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { BandTag } from '../risk/matrix';

/** Programmes of a country with their criticality (PC1–PC4) and whether their residual risk is acceptable; the ones not acceptable first and highlighted. */
export function AcceptableRisk({ countryCode }: { countryCode: string }) {
  const { t } = useTranslation();
  const report = useQuery({ queryKey: ['security', 'acceptable-risk', countryCode], queryFn: () => api.get<AcceptableRiskReport>('/security/acceptable-risk', { countryCode }) });
  const entities = byId(useEntities().data);
  const stations = byId(useDutyStations().data);
  if (report.error) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <PageLoading />;
  const rank = (v: Verdict) => (v.acceptable === false ? 0 : v.acceptable === null ? 1 : 2);
  const rows = [...report.data.verdicts].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return (
    <div data-testid="acceptable-risk">
      <Typography.Paragraph>
        {t('security.unacceptableCount', { n: report.data.unacceptable.length, total: report.data.verdicts.length })}
      </Typography.Paragraph>
      <Table<Verdict> rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyList /> }} rowClassName={(v) => (v.acceptable === false ? 'orms-row-alert' : '')}
        columns={[
          { title: t('security.programme'), dataIndex: 'name' },
          { title: t('risk.entity'), dataIndex: 'entityId', render: (id: string) => entities.get(id)?.code ?? '…' },
          { title: t('risk.dutyStation'), dataIndex: 'locationId', render: (id: string) => stations.get(id)?.name ?? '…' },
          { title: t('security.criticality'), dataIndex: 'criticality', width: 110, render: (pc: string) => <Tag color="blue">{pc}</Tag> },
          { title: t('risk.residual'), dataIndex: 'residual', width: 140, render: (b: string | null) => <BandTag band={b} /> },
          { title: t('security.verdict'), key: 'verdict', width: 170, render: (_, v) => (v.acceptable === null
            ? <Tag>{t('security.notAssessed')}</Tag>
            : v.acceptable ? <Tag color="success">{t('security.acceptable')}</Tag>
              : <Tag color="error" data-testid="verdict-unacceptable">{t('security.notAcceptable')}</Tag>) },
          { title: t('security.approver'), dataIndex: 'approver', render: (a: string | null) => (a ? t(`approverLevels.${a}`, { defaultValue: a }) : '—') },
        ]} />
    </div>
  );
}
