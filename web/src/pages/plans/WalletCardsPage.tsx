import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Space, Table, Typography } from 'antd';
import { EditOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { LocationSelect } from '../../components/pickers';
import { useFormat } from '../../i18n/format';
import { walletPdfHref, type WalletCard } from './api';
import { PlansNav } from './PlansNav';
import { useAreaRights } from './rights';

/** Wallet cards per duty station: emergency numbers and first actions, printable at credit-card size. */
export default function WalletCardsPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const navigate = useNavigate();
  const rights = useAreaRights();
  const [station, setStation] = useState<string | null>(null);
  const cards = useQuery({ queryKey: ['wallet-cards'], queryFn: () => api.get<WalletCard[]>('/wallet-cards') });
  return (
    <>
      <PageHeader title={t('walletCards.title')} trail={[{ to: '/plans', label: t('nav.plans') }]} actions={
        rights.personId ? <Button icon={<FilePdfOutlined />} href="/api/v1/wallet-cards/mine.pdf" download>{t('walletCards.mine')}</Button> : undefined} />
      <PlansNav />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {rights.writePlans && (
          <Card>
            <Typography.Paragraph type="secondary">{t('walletCards.pickHelp')}</Typography.Paragraph>
            <Space wrap>
              <LocationSelect kind="duty_station" aria-label={t('walletCards.station')} style={{ width: 280 }} value={station} onChange={setStation} />
              <Button type="primary" icon={<EditOutlined />} disabled={!station} onClick={() => station && navigate(`/plans/wallet-cards/${station}`)}>{t('walletCards.open')}</Button>
            </Space>
          </Card>
        )}
        <Card>
          {cards.error ? <ErrorState error={cards.error} onRetry={() => void cards.refetch()} /> : (
            <div data-testid="wallet-cards" data-ready={String(!!cards.data && !cards.isFetching)}>
              <Table<WalletCard> rowKey="locationId" dataSource={cards.data} loading={cards.isFetching} pagination={{ pageSize: 50, hideOnSinglePage: true }}
                locale={{ emptyText: <EmptyList description={t('walletCards.none')} /> }}
                columns={[
                  { title: t('walletCards.station'), dataIndex: 'locationName', render: (n: string, c) => (c.canEdit ? <Link to={`/plans/wallet-cards/${c.locationId}`}>{n}</Link> : n) },
                  { title: t('walletCards.cardTitle'), dataIndex: 'title' },
                  { title: t('walletCards.numbers'), key: 'numbers', render: (_, c) => c.numbers.map((x, i) => <span key={i}>{i > 0 && ' · '}{x.label}: <bdi dir="ltr">{x.number}</bdi></span>) },
                  { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 200, render: (d: string) => dateTime(d) },
                  { title: t('walletCards.pdf'), key: 'pdf', width: 100, render: (_, c) => <Button size="small" icon={<FilePdfOutlined />} href={walletPdfHref(c.locationId)} download aria-label={t('walletCards.pdfOf', { station: c.locationName })}>PDF</Button> },
                ]} />
            </div>
          )}
        </Card>
      </Space>
    </>
  );
}
