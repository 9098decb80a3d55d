import { Link } from 'react-router';
import { useCallback } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Hours as people read them: 4 h, 3 d, 1 wk, 1 mo; 1.5 h stays in hours. Stable across renders (charts depend on it). */
export function useHours() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return useCallback((h: number | null | undefined, none = '—'): string => {
    if (h === null || h === undefined) return none;
    const n = (x: number) => new Intl.NumberFormat(lng, { maximumFractionDigits: 2 }).format(x);
    if (h >= 720 && h % 720 === 0) return t('bc.units.mo', { n: n(h / 720) });
    if (h >= 168 && h % 168 === 0) return t('bc.units.wk', { n: n(h / 168) });
    if (h >= 24 && h % 24 === 0) return t('bc.units.d', { n: n(h / 24) });
    return t('bc.units.h', { n: n(h) });
  }, [t, lng]);
}

// Solid colours dark enough for white text (WCAG AA contrast); the tag's text always says the state too.
const STATUS_COLOURS: Record<string, string> = {
  draft: 'default', not_started: 'default', low: 'default',
  in_review: '#0958d9', in_progress: '#0958d9',
  approved: '#237804', submitted: '#237804', ready: '#237804', pass: '#237804',
  partial: '#874d00', medium: '#614700', high: '#ad4e00',
  not_ready: '#a8071a', fail: '#a8071a', critical: '#a8071a',
};

/** A coloured tag for a status, readiness, criticality or test result; the text says it too (colour is never alone). */
export function StateTag({ group, value }: { group: 'campaignStatus' | 'questionnaireStatus' | 'readiness' | 'criticality' | 'drResult'; value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return <>—</>;
  return <Tag color={STATUS_COLOURS[value] ?? 'default'} data-state={value}>{t(`bc.${group}.${value}`, { defaultValue: value })}</Tag>;
}

/** The type of a node of the dependency map. */
export function NodeTypeTag({ type }: { type: string }) {
  const { t } = useTranslation();
  return <Tag>{t(`bc.nodeTypes.${type}`, { defaultValue: type })}</Tag>;
}

/** Where a node of the map is shown in the app. */
export function nodeHref(type: string, id: string): string {
  switch (type) {
    case 'process': return `/continuity/processes/${id}`;
    case 'application': return `/itdr/applications/${id}`;
    case 'data_centre': return '/itdr/data-centres';
    case 'vendor': return '/itdr/vendors';
    case 'person': return `/org/people/${id}`;
    default: return `/org/locations/${id}`;
  }
}

/** A link to a node's page; `inline` underlines it, for links inside a sentence (not told apart by colour alone). */
export function NodeLink({ node, inline }: { node?: { id: string; type: string; name: string }; id: string; inline?: boolean }) {
  return node ? <Link to={nodeHref(node.type, node.id)} style={inline ? { textDecoration: 'underline' } : undefined}>{node.name}</Link> : <>…</>;
}
