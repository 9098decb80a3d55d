import { useEffect, type ReactNode } from 'react';
import { Breadcrumb, Typography } from 'antd';
import { Link } from 'react-router';

export function useTitle(title: string) {
  useEffect(() => { document.title = `${title} · ORMS`; }, [title]);
}

/** The page's one h1, an optional trail back, and its actions. */
export function PageHeader({ title, actions, trail }: { title: ReactNode; actions?: ReactNode; trail?: { to: string; label: string }[] }) {
  useTitle(typeof title === 'string' ? title : 'ORMS');
  return (
    <>
      {trail && <Breadcrumb style={{ marginBottom: 8 }} items={trail.map((c) => ({ title: <Link to={c.to}>{c.label}</Link> }))} />}
      <div className="orms-page-head">
        <Typography.Title level={1} style={{ fontSize: 24 }}>{title}</Typography.Title>
        {actions && <div className="orms-toolbar" style={{ marginBottom: 0 }}>{actions}</div>}
      </div>
    </>
  );
}
