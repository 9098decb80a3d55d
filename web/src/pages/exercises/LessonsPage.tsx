import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Col, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LESSON_CATEGORIES } from '../../../../src/domain/plans/catalog.js';
import { api, type Page } from '../../api/client';
import { byId, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { useAreaRights } from '../plans/rights';
import type { Lesson } from './api';
import { ExercisesNav } from './ExercisesNav';
import { LessonForm } from './LessonForm';

/** The lessons-learned library shared across entities: full-text search, categories and tags. */
export default function LessonsPage() {
  const { t } = useTranslation();
  const { number, date } = useFormat();
  const rights = useAreaRights();
  const { get, num, set } = useUrlParams();
  const [editing, setEditing] = useState<Lesson | 'new'>();
  const page = num('page', 1), pageSize = num('pageSize', 20);
  const filters = { q: get('q'), category: get('category'), tag: get('tag') };
  const query = { page, pageSize, ...filters };
  const [search, setSearch] = useState(filters.q ?? '');
  const list = useQuery({ queryKey: ['lessons', 'list', query], queryFn: ({ signal }) => api.get<Page<Lesson>>('/lessons', query, signal), placeholderData: keepPreviousData });
  const tags = useQuery({ queryKey: ['lessons', 'tags'], queryFn: () => api.get<{ tag: string; count: number }[]>('/lessons/tags'), staleTime: 60_000 });
  const entities = byId(useEntities().data);

  return (
    <>
      <PageHeader title={t('lessons.title')} trail={[{ to: '/exercises', label: t('nav.exercises') }]}
        actions={rights.writeLessons ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('lessons.create')}</Button> : undefined} />
      <ExercisesNav />
      <Row gutter={16}>
        <Col xs={24} lg={18}>
          <Card>
            <Typography.Paragraph type="secondary">{t('lessons.help')}</Typography.Paragraph>
            <div className="orms-toolbar" role="search">
              <Input.Search aria-label={t('lessons.search')} placeholder={t('lessons.searchPlaceholder')} allowClear style={{ width: 320 }} value={search}
                onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v, page: null })} data-testid="lessons-search" />
              <Select aria-label={t('lessons.category')} placeholder={t('lessons.category')} allowClear style={{ width: 280 }} value={filters.category}
                onChange={(v) => set({ category: v, page: null })} options={LESSON_CATEGORIES.map((c) => ({ value: c, label: t(`lessonCategories.${c}`) }))} />
              {filters.tag && <Tag closable onClose={() => set({ tag: null, page: null })} closeIcon={<span aria-label={t('lessons.clearTag', { tag: filters.tag })}>×</span>}>#{filters.tag}</Tag>}
            </div>
            {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
              <div data-testid="lessons-list" data-ready={String(!!list.data && !list.isFetching && !list.isPlaceholderData)}>
                <List<Lesson> dataSource={list.data?.items} loading={list.isFetching} locale={{ emptyText: <EmptyList description={filters.q ? t('lessons.noMatch') : t('lessons.none')} /> }}
                  pagination={{ current: page, pageSize, total: list.data?.total ?? 0, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
                  renderItem={(l) => (
                    <List.Item actions={rights.writeLessons ? [<Button key="e" size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${l.title}`} onClick={() => setEditing(l)} />] : []}>
                      <List.Item.Meta
                        title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{l.title}</Typography.Title>}
                        description={<Space wrap size={4}>
                          <Tag color="blue">{t(`lessonCategories.${l.category}`, { defaultValue: l.category })}</Tag>
                          {l.tags.map((tag) => <Button key={tag} size="small" type="link" onClick={() => set({ tag, page: null })} aria-label={t('lessons.filterTag', { tag })}>#{tag}</Button>)}
                          {l.entityId && <Typography.Text type="secondary">{entities.get(l.entityId)?.code}</Typography.Text>}
                          <Typography.Text type="secondary">{date(l.createdAt)}</Typography.Text>
                          {l.reviewId && <Link to={`/exercises/reviews/${l.reviewId}`}>{t('lessons.review')}</Link>}
                        </Space>} />
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{l.body}</Typography.Paragraph>
                    </List.Item>
                  )} />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={6}>
          <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('lessons.tags')}</Typography.Title>}>
            {tags.error ? <ErrorState error={tags.error} /> : (
              <Space wrap data-testid="tag-cloud">
                {(tags.data ?? []).map((x) => (
                  <Button key={x.tag} size="small" type={filters.tag === x.tag ? 'primary' : 'default'} onClick={() => set({ tag: filters.tag === x.tag ? null : x.tag, page: null })}
                    aria-pressed={filters.tag === x.tag}>#{x.tag} ({number(x.count)})</Button>
                ))}
                {tags.data?.length === 0 && <Typography.Text type="secondary">{t('lessons.noTags')}</Typography.Text>}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      {editing && <LessonForm lesson={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
