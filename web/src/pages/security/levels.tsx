import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { SECURITY_LEVELS } from '../../../../src/domain/risk/security-level.js';
import { textOn } from '../risk/matrix';

/** 1 Minimal … 6 Extreme, from green to dark red. */
export const LEVEL_COLOURS: Record<number, string> = { 1: '#237804', 2: '#7cb305', 3: '#fadb14', 4: '#fa8c16', 5: '#cf1322', 6: '#5c0011' };

export function LevelTag({ level }: { level: number | null | undefined }) {
  const { t } = useTranslation();
  if (!level) return <Tag>{t('security.noLevel')}</Tag>;
  const name = SECURITY_LEVELS.find((l) => l.level === level)?.name ?? String(level);
  const color = LEVEL_COLOURS[level] ?? '#d9d9d9';
  return <Tag data-level={level} style={{ background: color, color: textOn(color), borderColor: color }}>{level} — {t(`securityLevels.${level}`, { defaultValue: name })}</Tag>;
}
