import { useMemo, useState } from 'react';
import { Button, Card, Input, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Entity } from '../../api/types';
import { useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { useSession } from '../../session';
import { canDo } from '../../access';
import { EntityForm } from './EntityForm';

type Node = Entity & { children?: Node[] };

/** Entities as a tree (parent → children), filtered by a text that keeps the matches' ancestors. */
function buildTree(items: Entity[], filter: string): Node[] {
  const f = filter.trim().toLowerCase();
  const kids = new Map<string | null, Entity[]>();
  const ids = new Set(items.map((e) => e.id));
  for (const e of items) {
    const p = e.parentId && ids.has(e.parentId) ? e.parentId : null;
    kids.set(p, [...(kids.get(p) ?? []), e]);
  }
  const make = (parent: string | null): Node[] => (kids.get(parent) ?? [])
    .map((e): Node | undefined => {
      const children = make(e.id);
      const hit = !f || e.name.toLowerCase().includes(f) || e.code.toLowerCase().includes(f);
      if (!hit && !children.length) return undefined;
      return children.length ? { ...e, children } : { ...e };
    })
    .filter((n): n is Node => !!n);
  return make(null);
}

export default function EntitiesPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { data, isLoading, error, refetch } = useEntities();
  const qc = useQueryClient();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Entity | 'new'>();
  const confirmDelete = useConfirmDelete();
  const canWrite = !!user && canDo(user, 'entity.write');
  const tree = useMemo(() => buildTree(data ?? [], filter), [data, filter]);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['entities'] });

  return (
    <>
      <PageHeader title={t('nav.entities')} actions={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('entities.create')}</Button>} />
      <Card>
        <div className="orms-toolbar">
          <Input.Search aria-label={t('common.filter')} placeholder={t('common.filter')} allowClear style={{ maxWidth: 320 }} onChange={(e) => setFilter(e.target.value)} />
        </div>
        {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : (
          <Table<Node> data-testid="entities-table" rowKey="id" loading={isLoading} dataSource={tree} pagination={false}
            expandable={{ defaultExpandAllRows: true }} key={`${tree.length}-${filter}`}
            locale={{ emptyText: <EmptyList /> }}
            columns={[
              { title: t('entities.name'), dataIndex: 'name' },
              { title: t('entities.code'), dataIndex: 'code', width: 140 },
              { title: t('entities.kind'), dataIndex: 'kind', width: 220, render: (k: string) => <Tag>{t(`entityKinds.${k}`, { defaultValue: k })}</Tag> },
              ...(canWrite ? [{
                title: t('common.actions'), key: 'actions', width: 180,
                render: (_: unknown, e: Node) => (
                  <Space>
                    <Button size="small" onClick={() => setEditing(e)} aria-label={`${t('common.edit')} ${e.name}`}>{t('common.edit')}</Button>
                    <Button size="small" danger onClick={() => confirmDelete(e.name, `/entities/${e.id}`, refresh)} aria-label={`${t('common.delete')} ${e.name}`}>{t('common.delete')}</Button>
                  </Space>
                ),
              }] : []),
            ]} />
        )}
      </Card>
      {editing && <EntityForm open entity={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={refresh} />}
    </>
  );
}
