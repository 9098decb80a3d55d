import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { FormModal } from '../../components/forms';
import { EmptyList, ErrorState, Forbidden } from '../../components/states';
import { useAreaRights } from './rights';
import { usePlanTemplates, usePlanTypes, type PlanType } from './api';
import { PlansNav } from './PlansNav';

type Values = { key: string; name: string; reviewMonths: number; allowSelfApproval: boolean };

function PlanTypeForm({ type, onClose }: { type?: PlanType; onClose(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open onClose={onClose} testId="plan-type-form" fields={['key', 'name', 'reviewMonths', 'allowSelfApproval']}
      title={type ? t('planTypes.edit') : t('planTypes.create')} initialValues={type ?? { reviewMonths: 12, allowSelfApproval: false }}
      onSubmit={async (v) => {
        if (type) await api.patch(`/plan-types/${type.id}`, { name: v.name, reviewMonths: v.reviewMonths, allowSelfApproval: v.allowSelfApproval });
        else await api.post('/plan-types', v);
        await qc.invalidateQueries({ queryKey: ['plan-types'] });
      }}>
      {!type && <Form.Item name="key" label={t('planTypes.key')} rules={required} extra={t('planTypes.keyHelp')}><Input maxLength={50} /></Form.Item>}
      <Form.Item name="name" label={t('planTypes.name')} rules={required}><Input maxLength={200} /></Form.Item>
      <Form.Item name="reviewMonths" label={t('planTypes.reviewMonths')} rules={required} extra={t('planTypes.reviewMonthsHelp')}>
        <InputNumber min={1} max={120} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="allowSelfApproval" label={t('planTypes.allowSelfApproval')} valuePropName="checked" extra={t('planTypes.allowSelfApprovalHelp')}><Switch /></Form.Item>
    </FormModal>
  );
}

/** Plan types with their review cycle and self-approval rule, and the templates plans start from (administrators). */
export default function PlanTypesPage() {
  const { t } = useTranslation();
  const types = usePlanTypes();
  const templates = usePlanTemplates();
  const [editing, setEditing] = useState<PlanType | 'new'>();
  if (!useAreaRights().adminPlanTypes) return <Forbidden />;
  return (
    <>
      <PageHeader title={t('planTypes.title')} trail={[{ to: '/plans', label: t('nav.plans') }]}
        actions={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('planTypes.create')}</Button>} />
      <PlansNav />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          {types.error ? <ErrorState error={types.error} onRetry={() => void types.refetch()} /> : (
            <Table<PlanType> rowKey="id" data-testid="plan-types" dataSource={types.data} loading={types.isFetching} pagination={false} locale={{ emptyText: <EmptyList /> }}
              columns={[
                { title: t('planTypes.name'), dataIndex: 'name', render: (n: string, x) => t(`planTypeNames.${x.key}`, { defaultValue: n }) },
                { title: t('planTypes.key'), dataIndex: 'key', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
                { title: t('planTypes.reviewMonths'), dataIndex: 'reviewMonths', width: 180, render: (m: number) => t('planTypes.everyMonths', { n: m }) },
                { title: t('planTypes.allowSelfApproval'), dataIndex: 'allowSelfApproval', width: 200, render: (a: boolean) => (a ? <Tag color="warning">{t('planTypes.yes')}</Tag> : <Tag>{t('planTypes.no')}</Tag>) },
                { title: t('common.actions'), key: 'edit', width: 90, render: (_, x) => <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${x.name}`} onClick={() => setEditing(x)} /> },
              ]} />
          )}
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('planTypes.templates')}</Typography.Title>}>
          <Typography.Paragraph type="secondary">{t('planTypes.templatesHelp')}</Typography.Paragraph>
          {templates.error ? <ErrorState error={templates.error} /> : (
            <Table rowKey="id" size="small" dataSource={templates.data} loading={templates.isFetching} pagination={false}
              columns={[
                { title: t('planTypes.templateName'), dataIndex: 'name', render: (n: string, x) => (x.planTypeId ? n : t('plans.ormsTemplate')) },
                { title: t('plans.type'), dataIndex: 'planTypeId', render: (id: string | null) => (id ? types.data?.find((x) => x.id === id)?.name ?? '…' : t('planTypes.anyType')) },
                { title: t('planTypes.sections'), key: 's', render: (_, x) => x.content.sections.map((s) => s.heading).join(' · ') },
              ]} />
          )}
        </Card>
      </Space>
      {editing && <PlanTypeForm type={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
