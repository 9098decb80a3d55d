import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { DeleteOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { applyApiError, requiredMark } from '../../components/forms';
import { ErrorState, PageLoading, useErrorMessage } from '../../components/states';
import { walletPdfHref, type WalletCard } from './api';
import { PlansNav } from './PlansNav';

interface Values { title: string; numbers: { label: string; number: string }[]; firstActions: string[] }

/** The card as it will print: credit-card proportions, numbers first. */
function CardPreview({ v, station }: { v: Partial<Values>; station: string }) {
  const { t } = useTranslation();
  return (
    <div className="wallet-card-preview" aria-label={t('walletCards.preview')} role="img">
      <strong>{v.title || t('walletCards.defaultTitle')}</strong>
      <div className="wallet-card-station">{station}</div>
      <ul>{(v.numbers ?? []).filter((n) => n?.label || n?.number).map((n, i) => <li key={i}><span>{n.label}</span> <b><bdi dir="ltr">{n.number}</bdi></b></li>)}</ul>
      <ol>{(v.firstActions ?? []).filter(Boolean).map((a, i) => <li key={i}>{a}</li>)}</ol>
    </div>
  );
}

export default function WalletCardPage() {
  const { locationId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const station = useLocation(locationId);
  const card = useQuery({
    queryKey: ['wallet-cards', locationId],
    queryFn: () => api.get<WalletCard>(`/wallet-cards/${locationId}`).catch((e: unknown) => { if (e instanceof ApiError && e.status === 404) return null; throw e; }),
  });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  useEffect(() => {
    if (card.data !== undefined) form.setFieldsValue(card.data ?? { title: '', numbers: [{ label: '', number: '' }], firstActions: [''] });
  }, [card.data, form]);

  if (card.error) return <ErrorState error={card.error} onRetry={() => void card.refetch()} />;
  if (card.data === undefined || !station.data) return <PageLoading />;
  const required = [{ required: true, message: t('validation.required') }];

  const save = async (v: Values) => {
    setBusy(true); setProblem(undefined);
    try {
      await api.put<WalletCard>(`/wallet-cards/${locationId}`, { ...v, firstActions: (v.firstActions ?? []).filter((a) => a?.trim()) });
      await qc.invalidateQueries({ queryKey: ['wallet-cards'] });
      message.success(t('walletCards.saved'));
    } catch (e) {
      setProblem(applyApiError(form, e, describe, ['title', 'numbers', 'firstActions']));
    } finally { setBusy(false); }
  };

  return (
    <>
      <PageHeader title={t('walletCards.of', { station: station.data.name })} trail={[{ to: '/plans', label: t('nav.plans') }, { to: '/plans/wallet-cards', label: t('walletCards.title') }]}
        actions={card.data ? <Button icon={<FilePdfOutlined />} href={walletPdfHref(locationId)} download data-testid="wallet-pdf">{t('walletCards.downloadPdf')}</Button> : undefined} />
      <PlansNav />
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          <Card>
            {!card.data && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('walletCards.newCard')} />}
            {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="form-error" />}
            <Form requiredMark={requiredMark} form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="wallet-form">
              <Form.Item name="title" label={t('walletCards.cardTitle')}><Input maxLength={200} placeholder={t('walletCards.defaultTitle')} /></Form.Item>
              <Typography.Title level={2} style={{ fontSize: 16 }}>{t('walletCards.numbers')}</Typography.Title>
              <Form.List name="numbers">
                {(items, { add, remove }, { errors }) => (
                  <>
                    {items.map((f, i) => (
                      <Space key={f.key} align="start" wrap>
                        <Form.Item name={[f.name, 'label']} label={t('walletCards.numberLabel', { i: i + 1 })} rules={required}><Input maxLength={100} style={{ width: 240 }} /></Form.Item>
                        <Form.Item name={[f.name, 'number']} label={t('walletCards.number', { i: i + 1 })} rules={required}><Input maxLength={30} style={{ width: 200 }} inputMode="tel" /></Form.Item>
                        <Button icon={<DeleteOutlined />} aria-label={t('walletCards.removeNumber', { i: i + 1 })} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                      </Space>
                    ))}
                    <Form.ErrorList errors={errors} />
                    <Button icon={<PlusOutlined />} disabled={items.length >= 12} onClick={() => add({ label: '', number: '' })}>{t('walletCards.addNumber')}</Button>
                  </>
                )}
              </Form.List>
              <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{t('walletCards.firstActions')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('walletCards.firstActionsHelp')}</Typography.Paragraph>
              <Form.List name="firstActions">
                {(items, { add, remove }, { errors }) => (
                  <>
                    {items.map((f, i) => (
                      <Space key={f.key} align="start" style={{ display: 'flex' }}>
                        <Form.Item name={f.name} label={t('walletCards.action', { i: i + 1 })} style={{ flex: 1, minWidth: 360 }}><Input maxLength={200} /></Form.Item>
                        <Button icon={<DeleteOutlined />} aria-label={t('walletCards.removeAction', { i: i + 1 })} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                      </Space>
                    ))}
                    <Form.ErrorList errors={errors} />
                    <Button icon={<PlusOutlined />} disabled={items.length >= 8} onClick={() => add('')}>{t('walletCards.addAction')}</Button>
                  </>
                )}
              </Form.List>
              <div style={{ marginTop: 24 }}><Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button></div>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>{t('walletCards.preview')}</Typography.Title>
          <CardPreview v={values ?? {}} station={station.data.name} />
        </Col>
      </Row>
    </>
  );
}
