import { useState } from 'react';
import { Button, Card, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { useFormat } from '../../i18n/format';
import { LANGUAGES, type UnLanguage } from '../../i18n/languages';
import { useSession } from '../../session';
import { NotifyTabs } from './NotifyTabs';
import { SeverityTag } from './labels';
import { can } from './rights';
import { TemplateForm } from './TemplateForm';
import type { Template } from './types';

/** The template library: texts agreed in calm times, ready for a crisis. */
export default function TemplatesPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const { user } = useSession();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<Template | 'new'>();
  const list = useQuery({ queryKey: ['notify-templates'], queryFn: () => api.get<Template[]>('/notify/templates') });
  const manage = !!user && can(user, 'template.manage');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['notify-templates'] });
  return (
    <>
      <PageHeader title={t('notify.templates')} trail={[{ to: '/notifications', label: t('nav.notifications') }]}
        actions={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('notifyTemplates.create')}</Button>} />
      <NotifyTabs />
      <Card>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<Template> rowKey="id" loading={{ spinning: list.isLoading, delay: 250 }} dataSource={list.data} data-testid="templates-table" scroll={{ x: 900 }}
            locale={{ emptyText: <EmptyList description={t('notifyTemplates.none')} /> }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: t('notifyTemplates.name'), dataIndex: 'name' },
              { title: t('notifyCompose.severity'), dataIndex: 'severity', width: 120, render: (s: string) => <SeverityTag severity={s} /> },
              { title: t('notifyTemplates.languages'), key: 'languages', render: (_, x) => Object.keys(x.content).map((l) => <Tag key={l} lang={l}>{LANGUAGES[l as UnLanguage]?.nativeName ?? l}</Tag>) },
              { title: t('notifyTemplates.variables'), key: 'variables', render: (_, x) => Object.keys(x.variables).map((v) => <Tag key={v}>{`{{${v}}}`}</Tag>) },
              { title: t('notifyCompose.answers'), key: 'answers', render: (_, x) => x.responseOptions?.join(' / ') ?? t('notifyMessage.informationOnly') },
              { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (d: string) => dateTime(d) },
              ...(manage ? [{ title: t('common.actions'), key: 'actions', width: 110, render: (_: unknown, x: Template) => (
                <Space>
                  <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${x.name}`} onClick={() => setEditing(x)} />
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${x.name}`} onClick={() => confirmDelete(x.name, `/notify/templates/${x.id}`, refresh)} />
                </Space>) }] : []),
            ]} />
        )}
      </Card>
      {editing && <TemplateForm template={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={refresh} />}
    </>
  );
}
