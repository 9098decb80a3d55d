import { Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHours } from './labels';
import type { BiaSettings, Ratings } from './types';

/**
 * Impact ratings over time: one select per dimension × time point, in a real table so a screen
 * reader announces the row and column. Cells at or above the intolerable level are marked, in
 * text as well as colour.
 */
export function ImpactGrid({ settings, timePointsHours, ratings, disabled }: { settings: BiaSettings; timePointsHours: number[]; ratings: Ratings | undefined; disabled: boolean }) {
  const { t } = useTranslation();
  const hours = useHours();
  const level = (v: number) => t(`bc.levels.${v}`, { defaultValue: settings.impactScale.find((l) => l.value === v)?.label ?? String(v) });
  const options = settings.impactScale.map((l) => ({ value: l.value, label: `${l.value} — ${level(l.value)}` }));
  const dimension = (d: string) => t(`bc.dimensions.${d}`, { defaultValue: d });
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="orms-impact-grid" data-testid="impact-grid" style={{ borderCollapse: 'collapse', width: '100%', minWidth: 760 }}>
        <caption style={{ textAlign: 'start', captionSide: 'top', paddingBottom: 8 }}>
          <Typography.Text type="secondary">{t('bcQuestionnaire.gridCaption', { level: `${settings.intolerableLevel} — ${level(settings.intolerableLevel)}` })}</Typography.Text>
        </caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'start', padding: 6 }}>{t('bcQuestionnaire.dimension')}</th>
            {timePointsHours.map((h) => <th key={h} scope="col" style={{ textAlign: 'start', padding: 6 }}>{t('bcQuestionnaire.after', { time: hours(h) })}</th>)}
          </tr>
        </thead>
        <tbody>
          {settings.impactDimensions.map((d) => (
            <tr key={d}>
              <th scope="row" style={{ textAlign: 'start', padding: 6, fontWeight: 500 }}>{dimension(d)}</th>
              {timePointsHours.map((h, i) => {
                const v = ratings?.[d]?.[i];
                const intolerable = typeof v === 'number' && v >= settings.intolerableLevel;
                return (
                  <td key={h} style={{ padding: 4, verticalAlign: 'top', background: intolerable ? '#fff1f0' : undefined }} data-intolerable={intolerable || undefined}>
                    <Form.Item name={['impactRatings', d, i]} style={{ margin: 0 }}>
                      <Select allowClear disabled={disabled} options={options} placeholder="—" style={{ width: '100%', minWidth: 120 }}
                        aria-label={t('bcQuestionnaire.cellLabel', { dimension: dimension(d), time: hours(h) })} />
                    </Form.Item>
                    {intolerable && <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('bcQuestionnaire.intolerable')}</Typography.Text>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
