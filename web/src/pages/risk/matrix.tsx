import { Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DEFAULT_MATRIX, type RiskMatrix } from '../../../../src/domain/risk/matrix.js';
import { api } from '../../api/client';
import type { Matrix } from '../../api/riskTypes';

export const matricesQuery = { queryKey: ['risk', 'matrices'], queryFn: () => api.get<Matrix[]>('/risk/matrices'), staleTime: 300_000 };
export const useMatrices = () => useQuery(matricesQuery);

/** The matrix in force (latest version of "default"); the built-in one until it has loaded. */
export function useMatrix(): RiskMatrix {
  const { data } = useMatrices();
  const latest = (data ?? []).filter((m) => m.key === 'default').sort((a, b) => b.version - a.version)[0];
  return latest?.definition ?? DEFAULT_MATRIX;
}

/** The version an assessment was rated on (its labels and colours), else the one in force. */
export function useMatrixOf(matrixId: string | null | undefined): RiskMatrix {
  const { data } = useMatrices();
  const current = useMatrix();
  return (matrixId && data?.find((m) => m.id === matrixId)?.definition) || current;
}

/** Black or white text, whichever contrasts more with the colour (WCAG relative luminance). */
export function textOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const lin = (c: number) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

/** A band (very_low … unacceptable) as a tag in its matrix colour. */
export function BandTag({ band }: { band: string | null | undefined }) {
  const { t } = useTranslation();
  const matrix = useMatrix();
  if (!band) return <>—</>;
  const level = matrix.levels.find((l) => l.band === band);
  const color = level?.color ?? '#d9d9d9';
  return <Tag data-band={band} style={{ background: color, color: textOn(color), borderColor: color }}>{t(`riskBands.${band}`, { defaultValue: level?.label ?? band })}</Tag>;
}
