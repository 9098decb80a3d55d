import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PageKey } from '../../access';
import { useTitle } from '../../components/PageHeader';

/** An ORMS area whose pages arrive with a later release: says what it will hold, nothing fake. */
export default function AreaPage({ area }: { area: PageKey }) {
  const { t } = useTranslation();
  const title = t(`nav.${area}`);
  useTitle(title);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{title}</Typography.Title>
      <Card>
        <Empty data-testid="area-empty" description={
          <>
            <Typography.Paragraph strong>{t('areas.notYet')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t(`areas.${area}`)}</Typography.Paragraph>
          </>
        } />
      </Card>
    </>
  );
}
