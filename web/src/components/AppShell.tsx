import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Button, Dropdown, Layout, Menu, Select, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, BellOutlined, CloudServerOutlined, CompassOutlined, DashboardOutlined, ExperimentOutlined,
  FileProtectOutlined, LogoutOutlined, SafetyOutlined, SyncOutlined, UserOutlined, WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import { canOpen, type PageKey } from '../access';
import { LANGUAGES, UN_LANGUAGES, type UnLanguage } from '../i18n/languages';
import { PageLoading } from './states';
import { InboxBadge } from '../pages/notifications/InboxBadge';

const ORG_PAGES: PageKey[] = ['entities', 'countries', 'locations', 'people', 'teams'];
export const AREAS: { key: PageKey; icon: React.ReactNode }[] = [
  { key: 'risk', icon: <WarningOutlined /> },
  { key: 'security', icon: <SafetyOutlined /> },
  { key: 'continuity', icon: <SyncOutlined /> },
  { key: 'itdr', icon: <CloudServerOutlined /> },
  { key: 'plans', icon: <FileProtectOutlined /> },
  { key: 'exercises', icon: <ExperimentOutlined /> },
  { key: 'incidents', icon: <AlertOutlined /> },
  { key: 'notifications', icon: <BellOutlined /> },
  { key: 'travel', icon: <CompassOutlined /> },
  { key: 'dashboard', icon: <DashboardOutlined /> },
  { key: 'audit', icon: <AuditOutlined /> },
];
export const pathOf = (key: PageKey) => (ORG_PAGES.includes(key) ? `/org/${key}` : `/${key}`);

export function AppShell() {
  const { t } = useTranslation();
  const { user, signOut, setLanguage } = useSession();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [openKeys, setOpenKeys] = useState<string[]>(['org']);

  const items = useMemo<MenuProps['items']>(() => {
    if (!user) return [];
    const link = (key: PageKey) => <Link to={pathOf(key)}>{t(`nav.${key}`)}</Link>;
    return [
      { key: 'org', icon: <ApartmentOutlined />, label: t('nav.organization'),
        children: ORG_PAGES.filter((k) => canOpen(user, k)).map((k) => ({ key: pathOf(k), label: link(k) })) },
      ...AREAS.filter((a) => canOpen(user, a.key)).map((a) => ({ key: pathOf(a.key), icon: a.icon, label: link(a.key) })),
    ];
  }, [user, t]);

  if (!user) return null;
  const selected = '/' + location.pathname.split('/').filter(Boolean).slice(0, location.pathname.startsWith('/org/') ? 2 : 1).join('/');
  const roleLabel = (role: string) => t(`roles.${role}`, { defaultValue: role });
  const scopes = user.grants.map((g) => `${roleLabel(g.role)} · ${g.scopeType === 'org' ? t('scope.org') : g.scopeName ?? g.scopeId}`);

  const userMenu: MenuProps['items'] = [
    { key: 'who', label: <span>{user.displayName}<br /><Typography.Text type="secondary">{user.email}</Typography.Text></span>, disabled: true },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('shell.signOut'), onClick: () => void signOut() },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">{t('shell.skipToContent')}</a>
      <Layout.Header className="orms-header" role="banner">
        <Link to="/" className="orms-brand" aria-label={t('shell.home')}>ORMS</Link>
        <span className="orms-tagline">{t('shell.tagline')}</span>
        <Space size="middle" className="orms-header-tools" wrap>
          <Tooltip title={scopes.join('; ')}>
            <span data-testid="user-scope" aria-label={t('shell.scope')}>
              {user.grants.slice(0, 2).map((g, i) => (
                <Tag key={i} color="processing">{scopes[i]}</Tag>
              ))}
              {user.grants.length > 2 && <Tag>+{user.grants.length - 2}</Tag>}
              {user.grants.length === 0 && <Tag>{t('scope.none')}</Tag>}
            </span>
          </Tooltip>
          <InboxBadge />
          <Select
            aria-label={t('shell.language')}
            data-testid="language-switcher"
            value={user.language as UnLanguage}
            onChange={(v) => void setLanguage(v)}
            style={{ width: 130 }}
            options={UN_LANGUAGES.map((l) => ({ value: l, label: <span lang={l}>{LANGUAGES[l].nativeName}</span> }))}
          />
          <Dropdown menu={{ items: userMenu }} trigger={['click']}>
            <Button icon={<UserOutlined />} aria-label={t('shell.userMenu')} data-testid="user-menu">{user.displayName}</Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="light" width={230} breakpoint="lg"
          trigger={<span aria-label={t(collapsed ? 'shell.expandMenu' : 'shell.collapseMenu')}>{collapsed ? '»' : '«'}</span>}>
          <nav aria-label={t('shell.navigation')}>
            <Menu mode="inline" items={items} selectedKeys={[selected]} openKeys={collapsed ? undefined : openKeys}
              onOpenChange={setOpenKeys} data-testid="side-nav" />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main" role="main" tabIndex={-1} className="orms-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
