import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

const CONTINUITY = [
  ['/continuity', 'campaigns'], ['/continuity/processes', 'processes'], ['/continuity/map', 'map'],
  ['/continuity/gaps', 'gaps'], ['/continuity/spof', 'spof'], ['/continuity/simulation', 'simulation'],
] as const;
const ITDR = [['/itdr', 'applications'], ['/itdr/data-centres', 'dataCentres'], ['/itdr/vendors', 'vendors']] as const;

/** The pages of the continuity or ICT recovery area, as tabs that are links (keyboard: arrows, Enter). */
export function ContinuityNav({ area }: { area: 'continuity' | 'itdr' }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const pages = area === 'continuity' ? CONTINUITY : ITDR;
  const active = [...pages].reverse().find(([path]) => location.pathname === path || location.pathname.startsWith(`${path}/`))?.[0] ?? pages[0][0];
  return (
    <nav aria-label={t(`bc.nav.${area}`)}>
      <Tabs activeKey={active} onChange={(key) => navigate(key)} style={{ marginBottom: 8 }}
        items={pages.map(([path, key]) => ({ key: path, label: t(`bc.nav.${key}`) }))} />
    </nav>
  );
}
