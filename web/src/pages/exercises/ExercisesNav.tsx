import '../plans/plans.css';
import { Link, useLocation } from 'react-router';
import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';

/** The exercises area's own pages, as a bar under the page title. */
export function ExercisesNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = [
    { key: '/exercises', label: <Link to="/exercises">{t('exercises.programme')}</Link> },
    { key: '/exercises/reviews', label: <Link to="/exercises/reviews">{t('aar.title')}</Link> },
    { key: '/exercises/actions', label: <Link to="/exercises/actions">{t('correctiveActions.title')}</Link> },
    { key: '/exercises/lessons', label: <Link to="/exercises/lessons">{t('lessons.title')}</Link> },
  ];
  const selected = items.map((i) => i.key).filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0] ?? '/exercises';
  return (
    <nav aria-label={t('exercises.areaNav')} style={{ marginBottom: 16 }}>
      <Menu mode="horizontal" selectedKeys={[selected]} items={items} disabledOverflow />
    </nav>
  );
}
