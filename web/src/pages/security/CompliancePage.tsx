import { Link, useNavigate } from 'react-router';
import { Button, Card, Col, Empty, Row, Select, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ComplianceSummary } from '../../api/riskTypes';
import { useCountries } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { CountrySelect, LocationSelect } from '../../components/pickers';
import { useUrlParams } from '../../components/useUrlParams';
import { Percent, useTemplates } from './compliance';

type Row = ComplianceSummary['locations'][number];
type CountryRow = ComplianceSummary['countries'][number];

/** MOSS / MORSS compliance per country and per duty station for one template, worst first. */
export default function CompliancePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { get, set } = useUrlParams();
  const templates = useTemplates();
  const templateId = get('templateId') ?? templates.data?.find((x) => x.kind === 'moss')?.id ?? templates.data?.[0]?.id;
  const countryCode = get('countryCode');
  const summary = useQuery({
    queryKey: ['security', 'compliance', templateId, countryCode], enabled: !!templateId,
    queryFn: () => api.get<ComplianceSummary>('/security/compliance/summary', { templateId, countryCode }),
  });
  const countries = new Map((useCountries().data ?? []).map((c) => [c.code, c.names[i18n.language as 'en'] ?? c.names.en]));
  const heading = (text: string) => <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{text}</Typography.Title>;

  if (templates.error) return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  if (!templates.data) return <PageLoading />;
  return (
    <>
      <PageHeader title={t('moss.title')} trail={[{ to: '/security', label: t('security.areas') }]}
        actions={<Button onClick={() => navigate('/security/compliance/templates')}>{t('moss.templates')}</Button>} />
      {!templateId ? <Card><Empty description={t('moss.noTemplates')} /></Card> : (
        <>
          <Card>
            <div className="orms-toolbar" role="search">
              <Select aria-label={t('moss.template')} style={{ width: 380 }} value={templateId} onChange={(v: string) => set({ templateId: v })}
                options={templates.data.map((x) => ({ value: x.id, label: x.name }))} />
              <CountrySelect aria-label={t('security.country')} style={{ width: 240 }} value={countryCode} onChange={(v) => set({ countryCode: v })} />
              <LocationSelect aria-label={t('moss.openChecklist')} placeholder={t('moss.openChecklist')} kind="duty_station" style={{ width: 260 }}
                onChange={(v) => v && navigate(`/security/compliance/${templateId}/locations/${v}`)} />
            </div>
            <Typography.Paragraph type="secondary">{t('moss.summaryHelp')}</Typography.Paragraph>
            {summary.error ? <ErrorState error={summary.error} onRetry={() => void summary.refetch()} /> : !summary.data ? <PageLoading /> : (
              <Statistic title={countryCode ? t('moss.overallCountry', { country: countries.get(countryCode) ?? countryCode }) : t('moss.overall')}
                value={summary.data.percent ?? '—'} suffix={summary.data.percent === null ? undefined : '%'} data-testid="compliance-overall" />
            )}
          </Card>
          {summary.data && (
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col xs={24} xl={10}>
                <Card title={heading(t('moss.byCountry'))}>
                  <Table<CountryRow> rowKey="countryCode" size="small" dataSource={[...summary.data.countries].sort((a, b) => (a.percent ?? 0) - (b.percent ?? 0))}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="compliance-countries" locale={{ emptyText: <EmptyList /> }}
                    columns={[
                      { title: t('security.country'), dataIndex: 'countryCode', render: (c: string) => <a href={`?templateId=${templateId}&countryCode=${c}`} onClick={(e) => { e.preventDefault(); set({ countryCode: c }); }}>{countries.get(c) ?? c} ({c})</a> },
                      { title: t('moss.compliance'), dataIndex: 'percent', width: 190, render: (p: number | null, r) => <Percent value={p} label={`${t('moss.compliance')} ${r.countryCode}`} /> },
                      { title: t('moss.stations'), dataIndex: 'locations', width: 90 },
                    ]} />
                </Card>
              </Col>
              <Col xs={24} xl={14}>
                <Card title={heading(t('moss.byStation'))}>
                  <Table<Row> rowKey="locationId" size="small" dataSource={summary.data.locations} pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    data-testid="compliance-stations" locale={{ emptyText: <EmptyList description={t('moss.noneAssessed')} /> }}
                    columns={[
                      { title: t('risk.dutyStation'), dataIndex: 'name', render: (n: string, r) => <Link to={`/security/compliance/${templateId}/locations/${r.locationId}`}>{n}</Link> },
                      { title: t('security.country'), dataIndex: 'countryCode', width: 90 },
                      { title: t('moss.compliance'), dataIndex: 'percent', width: 180, render: (p: number | null, r) => <Percent value={p} label={`${t('moss.compliance')} ${r.name}`} /> },
                      { title: t('moss.assessed'), key: 'assessed', width: 120, render: (_, r) => `${r.assessed} / ${r.items}` },
                    ]} />
                </Card>
              </Col>
            </Row>
          )}
        </>
      )}
    </>
  );
}
