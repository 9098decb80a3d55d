import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Collapse, Form, InputNumber, List, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TEAM_KINDS } from '../../../../src/domain/org.js';
import { api } from '../../api/client';
import type { Location } from '../../api/types';
import { CountrySelect, EntitySelect, LocationSelect, PersonSelect } from '../../components/pickers';
import { ErrorState, PageLoading } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { LANGUAGES, type UnLanguage } from '../../i18n/languages';
import { TeamSelect } from './TeamSelect';
import type { Audience, AudienceRule, Preview } from './types';

const StationMap = lazy(() => import('../org/DutyStationMap'));

/** The kinds of audience rule, in the order offered; each has its fields below. */
export const RULE_TYPES = ['location', 'country', 'entity', 'team', 'teamKind', 'radius', 'person', 'everyone'] as const;
type RuleType = (typeof RULE_TYPES)[number];
type Draft = Partial<AudienceRule> & { type?: RuleType; [k: string]: unknown };

/** A rule with every field it needs (incomplete rows are left out of the live count). */
export function completeRule(r: Draft | undefined): r is AudienceRule {
  if (!r?.type) return false;
  switch (r.type) {
    case 'everyone': return true;
    case 'country': return typeof r.code === 'string' && !!r.code;
    case 'teamKind': return typeof r.kind === 'string' && !!r.kind;
    case 'radius': return typeof r.latitude === 'number' && typeof r.longitude === 'number' && typeof r.km === 'number' && r.km > 0;
    default: return typeof r.id === 'string' && !!r.id;
  }
}

/** The audience as the API takes it: complete rules only, without empty optional fields. */
export function cleanAudience(a: Partial<{ include: Draft[]; exclude: Draft[]; includeDependants: boolean }> | undefined): Audience {
  const clean = (rules: Draft[] | undefined) => (rules ?? []).filter(completeRule).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== undefined && v !== '')) as AudienceRule);
  return { include: clean(a?.include), exclude: clean(a?.exclude), includeDependants: !!a?.includeDependants };
}

function RuleRow({ list, field, onRemove, index }: { list: 'include' | 'exclude'; field: number; onRemove(): void; index: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const path = ['audience', list, field];
  const type = Form.useWatch([...path, 'type'], form) as RuleType | undefined;
  const required = [{ required: true, message: t('validation.required') }];
  const label = (what: string) => `${t(`notifyRules.${list}Row`, { n: index + 1 })}: ${what}`;
  const centreOn = async (id: string | null) => {
    if (!id) return;
    const l = await api.get<Location>(`/locations/${id}`);
    if (l.latitude !== null && l.longitude !== null) form.setFieldValue(path, { ...form.getFieldValue(path), latitude: l.latitude, longitude: l.longitude });
  };
  return (
    <Space align="start" wrap style={{ display: 'flex', marginBottom: 8 }} data-testid={`rule-${list}-${index}`}>
      <Form.Item name={[field, 'type']} rules={required} style={{ marginBottom: 0 }}>
        <Select aria-label={label(t('notifyRules.type'))} style={{ width: 220 }} placeholder={t('notifyRules.type')}
          onChange={(v: RuleType) => form.setFieldValue(path, { type: v })}
          options={RULE_TYPES.map((r) => ({ value: r, label: t(`notifyRules.types.${r}`) }))} />
      </Form.Item>
      {type === 'location' && <Form.Item name={[field, 'id']} rules={required} style={{ marginBottom: 0 }}><LocationSelect kind="duty_station" aria-label={label(t('notifyRules.types.location'))} style={{ width: 280 }} /></Form.Item>}
      {type === 'country' && <Form.Item name={[field, 'code']} rules={required} style={{ marginBottom: 0 }}><CountrySelect aria-label={label(t('notifyRules.types.country'))} style={{ width: 280 }} /></Form.Item>}
      {type === 'entity' && <Form.Item name={[field, 'id']} rules={required} style={{ marginBottom: 0 }}><EntitySelect aria-label={label(t('notifyRules.types.entity'))} style={{ width: 280 }} /></Form.Item>}
      {type === 'team' && <Form.Item name={[field, 'id']} rules={required} style={{ marginBottom: 0 }}><TeamSelect aria-label={label(t('notifyRules.types.team'))} style={{ width: 280 }} /></Form.Item>}
      {type === 'person' && <Form.Item name={[field, 'id']} rules={required} style={{ marginBottom: 0 }}><PersonSelect aria-label={label(t('notifyRules.types.person'))} style={{ width: 280 }} /></Form.Item>}
      {type === 'teamKind' && <>
        <Form.Item name={[field, 'kind']} rules={required} style={{ marginBottom: 0 }}>
          <Select aria-label={label(t('notifyRules.teamKind'))} style={{ width: 220 }} options={TEAM_KINDS.map((k) => ({ value: k, label: t(`teamKinds.${k}`, { defaultValue: k }) }))} />
        </Form.Item>
        <Form.Item name={[field, 'locationId']} style={{ marginBottom: 0 }}>
          <LocationSelect kind="duty_station" aria-label={label(t('notifyRules.atStation'))} placeholder={t('notifyRules.anyStation')} style={{ width: 240 }} />
        </Form.Item>
      </>}
      {type === 'radius' && <>
        <LocationSelect kind="duty_station" aria-label={label(t('notifyRules.centreOn'))} placeholder={t('notifyRules.centreOn')} style={{ width: 220 }} onChange={(id) => void centreOn(id)} />
        <Form.Item name={[field, 'latitude']} rules={required} style={{ marginBottom: 0 }}><InputNumber aria-label={label(t('notifyRules.latitude'))} placeholder={t('notifyRules.latitude')} min={-90} max={90} step={0.01} style={{ width: 120 }} /></Form.Item>
        <Form.Item name={[field, 'longitude']} rules={required} style={{ marginBottom: 0 }}><InputNumber aria-label={label(t('notifyRules.longitude'))} placeholder={t('notifyRules.longitude')} min={-180} max={180} step={0.01} style={{ width: 120 }} /></Form.Item>
        <Form.Item name={[field, 'km']} rules={required} style={{ marginBottom: 0 }}><InputNumber aria-label={label(t('notifyRules.km'))} placeholder={t('notifyRules.km')} min={0.1} max={20000} style={{ width: 110 }} suffix="km" /></Form.Item>
      </>}
      <Button icon={<DeleteOutlined />} aria-label={t('notifyRules.remove', { n: index + 1 })} onClick={onRemove} />
    </Space>
  );
}

function RuleList({ list }: { list: 'include' | 'exclude' }) {
  const { t } = useTranslation();
  return (
    <Form.List name={['audience', list]}>
      {(fields, { add, remove }) => (
        <div data-testid={`audience-${list}`}>
          {fields.map((f, i) => <RuleRow key={f.key} list={list} field={f.name} index={i} onRemove={() => remove(f.name)} />)}
          <Button icon={<PlusOutlined />} onClick={() => add({ type: list === 'include' ? 'location' : 'person' })}>{t(`notifyRules.add_${list}`)}</Button>
        </div>
      )}
    </Form.List>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => { const h = setTimeout(() => setV(value), ms); return () => clearTimeout(h); }, [value, ms]);
  return v;
}

/** The live audience size as the rules change (within the drafter's scope), with where they are and who cannot be reached. */
export function useAudiencePreview(audience: Audience, channels: string[]) {
  const key = useDebounced(JSON.stringify({ audience, channels }), 350);
  return useQuery({
    queryKey: ['audience-preview', key],
    queryFn: () => api.post<Preview>('/notify/audience/preview', JSON.parse(key) as object),
    enabled: audience.include.length > 0 && channels.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** The rule rows (include / exclude / dependants) and, beside them, the live count, map and unreachable people. */
export function AudienceBuilder() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const form = Form.useFormInstance();
  const raw = Form.useWatch('audience', { form, preserve: true }) as Parameters<typeof cleanAudience>[0];
  const channels = (Form.useWatch('channels', form) as string[] | undefined) ?? [];
  const audience = useMemo(() => cleanAudience(raw), [raw]);
  const preview = useAudiencePreview(audience, channels);
  const highlight = useMemo(() => new Map((preview.data?.byLocation ?? []).filter((b) => b.locationId).map((b) => [b.locationId!, b.count])), [preview.data]);
  const circles = useMemo(() => audience.include.filter((r): r is Extract<AudienceRule, { type: 'radius' }> => r.type === 'radius'), [audience]);
  const ready = audience.include.length > 0;
  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} xl={13}>
        <Typography.Paragraph type="secondary">{t('notifyRules.help')}</Typography.Paragraph>
        <Typography.Title level={3} style={{ fontSize: 16 }}>{t('notifyRules.include')}</Typography.Title>
        <RuleList list="include" />
        <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>{t('notifyRules.exclude')}</Typography.Title>
        <RuleList list="exclude" />
        <Form.Item name={['audience', 'includeDependants']} valuePropName="checked" style={{ marginTop: 16 }}>
          <Checkbox>{t('notifyRules.dependants')}</Checkbox>
        </Form.Item>
      </Col>
      <Col xs={24} xl={11}>
        <Card size="small" title={t('notifyRules.reach')} data-testid="audience-preview" data-ready={String(ready && !!preview.data && !preview.isFetching && !preview.isPlaceholderData)}>
          {!ready ? <Typography.Text type="secondary">{t('notifyRules.addRule')}</Typography.Text>
            : preview.error ? <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
            : !preview.data ? <PageLoading />
            : (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <div aria-live="polite">
                  <Space size="large" wrap>
                    <Statistic title={t('notifyRules.recipients')} value={number(preview.data.recipients)} data-testid="recipient-count" />
                    <Statistic title={t('notifyRules.unreachable')} value={number(preview.data.unreachableCount)} valueStyle={preview.data.unreachableCount ? { color: '#ad4e00' } : undefined} data-testid="unreachable-count" />
                    <Statistic title={t('notifyRules.stations')} value={number(highlight.size)} />
                  </Space>
                </div>
                {Object.keys(preview.data.languages).length > 0 && (
                  <div>{Object.entries(preview.data.languages).sort((a, b) => b[1] - a[1]).map(([l, n]) => <Tag key={l}>{LANGUAGES[l as UnLanguage]?.nativeName ?? l}: {number(n)}</Tag>)}</div>
                )}
                {preview.data.recipients === 0 && <Alert type="warning" showIcon title={t('notifyRules.empty')} />}
                <Suspense fallback={<PageLoading />}>
                  <StationMap compact counts={highlight} circles={circles} ariaLabel={t('notifyRules.mapAria', { stations: highlight.size, people: preview.data.recipients })}
                    countLabel={(n) => t('notifyRules.peopleThere', { n: number(n) })} />
                </Suspense>
                {preview.data.unreachableCount > 0 && (
                  <Collapse size="small" items={[{
                    key: 'u', label: t('notifyRules.unreachableList', { n: number(preview.data.unreachableCount) }),
                    children: <List size="small" dataSource={preview.data.unreachable} data-testid="unreachable-list"
                      renderItem={(u) => <List.Item>{u.name} — <Typography.Text type="secondary">{t('notifyRules.missing', { channels: u.missing.map((c) => t(`notifyChannels.${c}`)).join(', ') })}</Typography.Text></List.Item>} />,
                  }]} />
                )}
              </Space>
            )}
        </Card>
      </Col>
    </Row>
  );
}
