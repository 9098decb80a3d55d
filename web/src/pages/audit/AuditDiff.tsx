import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';
import { useLocation } from '../../api/lookups';
import { useFormat } from '../../i18n/format';

const show = (v: unknown): string => (v === undefined ? '' : v === null ? '∅' : typeof v === 'string' ? v : JSON.stringify(v, null, 1));
const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : v === null || v === undefined ? {} : { value: v });

/** Before and after of an audit event, field by field, changed fields marked (in words, not only colour). */
export function AuditDiff({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const station = useLocation(event.locationId);
  const before = asRecord(event.before), after = asRecord(event.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = (k: string) => JSON.stringify(before[k]) !== JSON.stringify(after[k]);
  keys.sort((a, b) => Number(changed(b)) - Number(changed(a)));
  return (
    <div data-testid="audit-diff">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('audit.utc')}: <span dir="ltr">{event.at}</span>
        {station.data && <> · {t('audit.atStation', { station: station.data.name })}: {dateTime(event.at, station.data.timeZone)} ({station.data.timeZone})</>}
        {' · '}{t('audit.subjectId')}: <Typography.Text code copyable>{event.subjectId}</Typography.Text>
      </Typography.Paragraph>
      {keys.length === 0 ? <Typography.Text type="secondary">{t('audit.noDetail')}</Typography.Text> : (
        <table className="orms-diff" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <caption style={{ textAlign: 'start', fontWeight: 500, paddingBottom: 4 }}>{t('audit.diffCaption')}</caption>
          <thead>
            <tr><th scope="col" style={{ textAlign: 'start', width: '20%' }}>{t('audit.field')}</th><th scope="col" style={{ textAlign: 'start' }}>{t('audit.before')}</th><th scope="col" style={{ textAlign: 'start' }}>{t('audit.after')}</th></tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k} className={changed(k) ? 'changed' : undefined}>
                <th scope="row" style={{ textAlign: 'start', fontWeight: 400, padding: 4 }}>
                  <Typography.Text code>{k}</Typography.Text> {changed(k) && <Tag color="warning">{t('audit.changed')}</Tag>}
                </th>
                <td style={{ padding: 4 }}><pre className="orms-pre" dir="ltr">{show(before[k])}</pre></td>
                <td style={{ padding: 4 }}><pre className="orms-pre" dir="ltr">{show(after[k])}</pre></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
