import { useState } from 'react';
import { Button, Card, Col, Form, InputNumber, Row, Select, Space, Switch, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DEFAULT_POLICY, MAX_APPROVALS, SENDER_ROLES } from '../../../../src/domain/notify/approval.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { useConfirmDelete } from '../../components/useDelete';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../session';
import { NotifyTabs } from './NotifyTabs';
import { can } from './rights';
import type { PolicyRow } from './types';

interface Values { scope: { type: 'org' | 'entity' | 'location'; id?: string | null }; approvalsRequired: number; senderRoles: string[]; senderMayBeDrafter: boolean; bypassAllowed: boolean }

/** The entity or location a policy is for. */
function ScopeId({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const type = Form.useWatch(['scope', 'type'], Form.useFormInstance()) as Values['scope']['type'] | undefined;
  if (type === 'entity') return <Form.Item name={['scope', 'id']} label={t('notifyScopes.entity')} rules={[{ required: true, message: t('validation.required') }]}><EntitySelect disabled={locked} /></Form.Item>;
  if (type === 'location') return <Form.Item name={['scope', 'id']} label={t('notifyScopes.location')} rules={[{ required: true, message: t('validation.required') }]}><LocationSelect disabled={locked} /></Form.Item>;
  return null;
}

function PolicyForm({ policy, onClose, onSaved }: { policy?: PolicyRow; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  return (
    <FormModal<Values> open title={policy ? t('notifyPolicies.edit') : t('notifyPolicies.create')} testId="policy-form" onClose={onClose}
      fields={['scope', 'approvalsRequired', 'senderRoles', 'senderMayBeDrafter', 'bypassAllowed']}
      initialValues={policy ?? { scope: { type: 'location' }, ...DEFAULT_POLICY }}
      onSubmit={async (v) => {
        const rules = { approvalsRequired: v.approvalsRequired, senderRoles: v.senderRoles, senderMayBeDrafter: v.senderMayBeDrafter, bypassAllowed: v.bypassAllowed };
        if (policy) await api.patch(`/notify/policies/${policy.id}`, rules);
        else await api.post('/notify/policies', { scope: v.scope.type === 'org' ? { type: 'org' } : { type: v.scope.type, id: v.scope.id }, ...rules });
        onSaved();
      }}>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item name={['scope', 'type']} label={t('notifyPolicies.scope')}>
            <Select disabled={!!policy} options={(['org', 'entity', 'location'] as const).map((s) => ({ value: s, label: t(`notifyScopes.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}><ScopeId locked={!!policy} /></Col>
      </Row>
      <Form.Item name="approvalsRequired" label={t('notifyPolicies.approvals')} extra={t('notifyPolicies.approvalsHelp')} rules={[{ required: true, message: t('validation.required') }]}>
        <InputNumber min={0} max={MAX_APPROVALS} />
      </Form.Item>
      <Form.Item name="senderRoles" label={t('notifyPolicies.senders')} rules={[{ required: true, message: t('notifyPolicies.oneSender') }]}>
        <Select mode="multiple" options={SENDER_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </Form.Item>
      <Form.Item name="senderMayBeDrafter" label={t('notifyPolicies.drafterSends')} valuePropName="checked" extra={t('notifyPolicies.drafterSendsHelp')}><Switch /></Form.Item>
      <Form.Item name="bypassAllowed" label={t('notifyPolicies.bypass')} valuePropName="checked" extra={t('notifyPolicies.bypassHelp')}><Switch /></Form.Item>
    </FormModal>
  );
}

/** Approval policies per scope: the most specific applies (duty station, then entity chain, then the organization, then the default). */
export default function PoliciesPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const { user } = useSession();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<PolicyRow | 'new'>();
  const list = useQuery({ queryKey: ['notify-policies'], queryFn: () => api.get<PolicyRow[]>('/notify/policies') });
  const manage = !!user && can(user, 'policy.manage');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['notify-policies'] });
  const yes = (b: boolean) => (b ? t('notifyBoard.yes') : t('notifyBoard.no'));
  return (
    <>
      <PageHeader title={t('notify.policies')} trail={[{ to: '/notifications', label: t('nav.notifications') }]}
        actions={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('notifyPolicies.create')}</Button>} />
      <NotifyTabs />
      <Card>
        <Typography.Paragraph type="secondary">
          {t('notifyPolicies.help', { n: DEFAULT_POLICY.approvalsRequired })}
        </Typography.Paragraph>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<PolicyRow> rowKey="id" loading={{ spinning: list.isLoading, delay: 250 }} dataSource={list.data} data-testid="policies-table" pagination={false} scroll={{ x: 900 }}
            locale={{ emptyText: <EmptyList description={t('notifyPolicies.none')} /> }}
            columns={[
              { title: t('notifyPolicies.scope'), key: 'scope', render: (_, p) => (p.scope.type === 'org' ? t('notifyScopes.org') : `${t(`notifyScopes.${p.scope.type}`)}: ${p.scopeName ?? '…'}`) },
              { title: t('notifyPolicies.approvals'), dataIndex: 'approvalsRequired' },
              { title: t('notifyPolicies.senders'), dataIndex: 'senderRoles', render: (rs: string[]) => rs.map((r) => t(`roles.${r}`)).join(', ') },
              { title: t('notifyPolicies.drafterSends'), dataIndex: 'senderMayBeDrafter', render: yes },
              { title: t('notifyPolicies.bypass'), dataIndex: 'bypassAllowed', render: yes },
              { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (d: string) => dateTime(d) },
              ...(manage ? [{ title: t('common.actions'), key: 'actions', width: 110, render: (_: unknown, p: PolicyRow) => (
                <Space>
                  <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${p.scopeName ?? t('notifyScopes.org')}`} onClick={() => setEditing(p)} />
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${p.scopeName ?? t('notifyScopes.org')}`}
                    onClick={() => confirmDelete(t('notifyPolicies.what'), `/notify/policies/${p.id}`, refresh)} />
                </Space>) }] : []),
            ]} />
        )}
      </Card>
      {editing && <PolicyForm policy={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={refresh} />}
    </>
  );
}
