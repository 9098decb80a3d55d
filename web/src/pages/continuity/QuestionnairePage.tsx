import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Progress, Row, Select, Space, Statistic, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { mtpdOfAnswers } from '../../../../src/domain/continuity/bia.js';
import { api, type Page } from '../../api/client';
import { applyApiError } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading, useErrorMessage } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { ContinuityNav } from './ContinuityNav';
import { ImpactGrid } from './ImpactGrid';
import { StaffingFields } from './StaffingFields';
import { CONTINUITY_KEY, useBiaSettings, useContinuityRights } from './hooks';
import { StateTag, useHours } from './labels';
import type { BiaSettings, Campaign, Process, Ratings } from './types';

interface Values {
  impactRatings: Ratings; rtoHours: number | null; rpoHours: number | null; peakPeriods: string[]; staffCount: number | null; minimumStaff: number | null;
  minimumStaffOverTime: (number | null)[]; remoteWork: string | null; vitalRecords: string[]; workarounds: string;
}
const FIELDS = ['impactRatings', 'rtoHours', 'rpoHours', 'peakPeriods', 'staffCount', 'minimumStaff', 'minimumStaffOverTime', 'remoteWork', 'vitalRecords', 'workarounds'];

/** The saved answers as the form holds them: every dimension × time point present (null = not answered). */
function valuesOf(p: Process, settings: BiaSettings): Values {
  const n = p.timePointsHours.length;
  const row = (xs: (number | null)[] | undefined) => Array.from({ length: n }, (_, i) => xs?.[i] ?? null);
  return {
    impactRatings: Object.fromEntries(settings.impactDimensions.map((d) => [d, row(p.impactRatings[d])])),
    rtoHours: p.rtoHours, rpoHours: p.rpoHours, peakPeriods: p.peakPeriods, staffCount: p.staffCount, minimumStaff: p.minimumStaff,
    minimumStaffOverTime: row(p.minimumStaffOverTime), remoteWork: p.remoteWork, vitalRecords: p.vitalRecords, workarounds: p.workarounds,
  };
}

const h2 = (text: string) => <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{text}</Typography.Title>;

/** The BIA questionnaire of one process: one process per page, progress saved, then submitted for review. */
export default function QuestionnairePage() {
  const { id = '' } = useParams();
  const settings = useBiaSettings();
  const process = useQuery({ queryKey: ['continuity', 'processes', 'one', id], queryFn: () => api.get<Process>(`/continuity/processes/${id}`) });
  const campaignId = process.data?.campaignId;
  const campaign = useQuery({ queryKey: ['continuity', 'campaigns', 'one', campaignId], queryFn: () => api.get<Campaign>(`/continuity/campaigns/${campaignId}`), enabled: !!campaignId });
  const error = process.error ?? settings.error ?? campaign.error;
  if (error) return <ErrorState error={error} onRetry={() => { void process.refetch(); void settings.refetch(); void campaign.refetch(); }} />;
  if (!process.data || !settings.data || !campaign.data) return <PageLoading />;
  return <Questionnaire key={process.data.id} process={process.data} settings={settings.data} campaign={campaign.data} />;
}

function Questionnaire({ process: p, settings, campaign }: { process: Process; settings: BiaSettings; campaign: Campaign }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { dateTime } = useFormat();
  const hours = useHours();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const describe = useErrorMessage();
  const { canWrite, personId } = useContinuityRights();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'next' | 'submit'>();
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState<Process>(p);
  const siblings = useQuery({ queryKey: ['continuity', 'processes', { campaignId: campaign.id }], queryFn: () => api.get<Page<Process>>('/continuity/processes', { campaignId: campaign.id, pageSize: 500 }) });
  const initial = useMemo(() => valuesOf(p, settings), [p, settings]);
  useEffect(() => { form.setFieldsValue(initial); }, [form, initial]);

  const editable = campaign.status === 'draft' && (canWrite || (!!personId && p.ownerPersonId === personId));
  const ratings = Form.useWatch('impactRatings', form) as Ratings | undefined;
  // The same rule the server applies when it stores the answers.
  const mtpd = mtpdOfAnswers(p.timePointsHours, ratings ?? initial.impactRatings, settings.intolerableLevel);
  const list = siblings.data?.items ?? [];
  const at = list.findIndex((x) => x.id === p.id);
  const prev = at > 0 ? list[at - 1] : undefined, next = at >= 0 ? list[at + 1] : undefined;

  const save = async (then: 'save' | 'next' | 'submit') => {
    setBusy(then); setProblem(undefined);
    try {
      const v = form.getFieldsValue(true) as Values;
      const body = { ...v, workarounds: v.workarounds ?? '', peakPeriods: v.peakPeriods ?? [], vitalRecords: v.vitalRecords ?? [] };
      let out = await api.put<Process>(`/continuity/processes/${p.id}/questionnaire`, body);
      if (then === 'submit') out = await api.post<Process>(`/continuity/processes/${p.id}/submit`);
      setSaved(out);
      void qc.invalidateQueries({ queryKey: CONTINUITY_KEY });
      message.success(t(then === 'submit' ? 'bcQuestionnaire.submitted' : 'bcQuestionnaire.saved'));
      if (then === 'next' && next) navigate(`/continuity/processes/${next.id}/questionnaire`);
      if (then === 'submit') navigate(next && next.questionnaireStatus !== 'submitted' ? `/continuity/processes/${next.id}/questionnaire` : `/continuity/campaigns/${campaign.id}`);
    } catch (e) {
      setProblem(applyApiError(form, e, describe, FIELDS));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      <PageHeader title={t('bcQuestionnaire.title', { name: p.name })}
        trail={[{ to: '/continuity', label: t('bcCampaign.title') }, { to: `/continuity/campaigns/${campaign.id}`, label: campaign.name }, { to: `/continuity/processes/${p.id}`, label: p.name }]} />
      <ContinuityNav area="continuity" />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Row gutter={24} align="middle">
            <Col xs={24} md={8}>
              <Typography.Text>{at >= 0 ? t('bcQuestionnaire.position', { n: at + 1, of: list.length }) : ''}</Typography.Text>
              <Progress percent={saved.questionnaireProgress} aria-label={t('bcQuestionnaire.progress')} data-testid="questionnaire-progress" />
            </Col>
            <Col xs={12} md={5}><Statistic title={t('bcQuestionnaire.status')} valueRender={() => <StateTag group="questionnaireStatus" value={saved.questionnaireStatus} />} /></Col>
            <Col xs={12} md={5}>
              <div data-testid="live-mtpd" data-hours={mtpd ?? ''}>
                <Statistic title={t('bcQuestionnaire.mtpd')} value={mtpd === null ? t('bcQuestionnaire.noMtpd') : hours(mtpd)} />
              </div>
            </Col>
            <Col xs={24} md={6}><Typography.Text type="secondary">{t('bcQuestionnaire.lastSaved', { at: dateTime(saved.updatedAt) })}</Typography.Text></Col>
          </Row>
          {!editable && <Alert type="info" showIcon style={{ marginTop: 12 }} title={campaign.status === 'draft' ? t('bcQuestionnaire.readOnly') : t('bcQuestionnaire.locked')} />}
        </Card>
        <Form form={form} layout="vertical" initialValues={initial} disabled={!editable} onValuesChange={() => problem && setProblem(undefined)}
          onFinish={() => void save('save')} data-testid="questionnaire-form">
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Card title={h2(t('bcQuestionnaire.impacts'))}>
              <Typography.Paragraph type="secondary">{t('bcQuestionnaire.impactsHelp')}</Typography.Paragraph>
              <ImpactGrid settings={settings} timePointsHours={p.timePointsHours} ratings={ratings ?? initial.impactRatings} disabled={!editable} />
            </Card>
            <Card title={h2(t('bcQuestionnaire.objectives'))}>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item label={t('bcQuestionnaire.mtpdDerived')} extra={t('bcQuestionnaire.mtpdHelp')} htmlFor="mtpd-derived">
                    <Input id="mtpd-derived" readOnly value={mtpd === null ? t('bcQuestionnaire.noMtpd') : hours(mtpd)} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="rtoHours" label={t('bcQuestionnaire.rto')} extra={t('bcQuestionnaire.rtoHelp')}>
                    <InputNumber min={0} style={{ width: '100%' }} suffix={t('bc.units.hShort')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="rpoHours" label={t('bcQuestionnaire.rpo')} extra={t('bcQuestionnaire.rpoHelp')}>
                    <InputNumber style={{ width: '100%' }} suffix={t('bc.units.hShort')} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={h2(t('bcQuestionnaire.staffing'))}><StaffingFields timePointsHours={p.timePointsHours} disabled={!editable} /></Card>
            <Card title={h2(t('bcQuestionnaire.continuity'))}>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="peakPeriods" label={t('bcQuestionnaire.peakPeriods')} extra={t('bcQuestionnaire.tagsHelp')}>
                    <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[';']} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="vitalRecords" label={t('bcQuestionnaire.vitalRecords')} extra={t('bcQuestionnaire.tagsHelp')}>
                    <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[';']} />
                  </Form.Item>
                </Col>
                <Col span={24}><Form.Item name="workarounds" label={t('bcQuestionnaire.workarounds')}><Input.TextArea rows={3} maxLength={10000} /></Form.Item></Col>
              </Row>
            </Card>
          </Space>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
        {problem && <Alert type="error" showIcon role="alert" title={problem} data-testid="form-error" />}
        <Card>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Space wrap>
              {prev && <Link to={`/continuity/processes/${prev.id}/questionnaire`}><ArrowLeftOutlined /> {t('bcQuestionnaire.previous', { name: prev.name })}</Link>}
              {next && <Link to={`/continuity/processes/${next.id}/questionnaire`}>{t('bcQuestionnaire.next', { name: next.name })} <ArrowRightOutlined /></Link>}
            </Space>
            {editable && (
              <Space wrap>
                <Button icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void save('save')}>{t('bcQuestionnaire.save')}</Button>
                {next && <Button loading={busy === 'next'} onClick={() => void save('next')}>{t('bcQuestionnaire.saveNext')}</Button>}
                <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void save('submit')}>{t('bcQuestionnaire.submit')}</Button>
              </Space>
            )}
          </Space>
        </Card>
      </Space>
    </>
  );
}
