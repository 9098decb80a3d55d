import { useTranslation } from 'react-i18next';
import { levelOf, type RiskMatrix } from '../../../../src/domain/risk/matrix.js';
import { textOn } from './matrix';
import './risk.css';

/** A matrix as a table: likelihood rows (likeliest on top) × impact columns, each cell in its level's colour. */
export function MatrixGrid({ matrix, caption, testId }: { matrix: RiskMatrix; caption: string; testId?: string }) {
  const { t } = useTranslation();
  const rows = [...matrix.likelihoods].reverse();
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="orms-matrix" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('heatmap.likelihood')} / {t('heatmap.impact')}</th>
            {matrix.impacts.map((i) => <th key={i.value} scope="col">{i.value} — {i.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.value}>
              <th scope="row">{l.value} — {l.label}</th>
              {matrix.impacts.map((i) => {
                const level = safeLevel(matrix, l.value, i.value);
                return (
                  <td key={i.value} data-level={level?.key} style={level ? { background: level.color, color: textOn(level.color) } : undefined}>
                    {level?.label ?? '?'}
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

const safeLevel = (m: RiskMatrix, likelihood: number, impact: number) => {
  try { return levelOf(m, { likelihood, impact }); } catch { return undefined; }
};
