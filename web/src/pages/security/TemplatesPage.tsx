import { useState } from 'react';
import { Button, Card, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ComplianceTemplate } from '../../api/riskTypes';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { useRights } from '../risk/rights';
import { TemplateForm } from './TemplateForm';
import { useTemplates } from './compliance';

/** The MOSS / MORSS checklist templates; organization-wide security advisers edit them. */
export default function TemplatesPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const qc = useQueryClient();
  const rights = useRights();
  const list = useTemplates();
  const [editing, setEditing] = useState<ComplianceTemplate | 'new'>();
  return (
    <>
      <PageHeader title={t('moss.templates')} trail={[{ to: '/security', label: t('security.areas') }, { to: '/security/compliance', label: t('moss.title') }]}
        actions={rights.templates && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('moss.newTemplate')}</Button>} />
      <Card>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<ComplianceTemplate> rowKey="id" dataSource={list.data} loading={list.isFetching} pagination={false} data-testid="templates"
            locale={{ emptyText: <EmptyList description={t('moss.noTemplates')} /> }}
            expandable={{ expandedRowRender: (tp) => (
              <ol style={{ margin: 0 }}>{tp.items.map((i) => <li key={i.id}><strong>{i.code}</strong> — {i.text}</li>)}</ol>) }}
            columns={[
              { title: t('moss.templateName'), dataIndex: 'name' },
              { title: t('moss.kind'), dataIndex: 'kind', width: 100, render: (k: string) => <Tag>{k.toUpperCase()}</Tag> },
              { title: t('moss.items'), key: 'n', width: 100, render: (_, tp) => tp.items.length },
              { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 200, render: (d: string) => dateTime(d) },
              ...(rights.templates ? [{ title: t('common.actions'), key: 'a', width: 100, render: (_: unknown, tp: ComplianceTemplate) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(tp)} aria-label={`${t('common.edit')} ${tp.name}`} />) }] : []),
            ]} />
        )}
      </Card>
      {editing && <TemplateForm open template={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)}
        onSaved={() => void qc.invalidateQueries({ queryKey: ['security'] })} />}
    </>
  );
}
