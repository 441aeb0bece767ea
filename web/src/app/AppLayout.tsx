/** The console frame: left menu per role, header with the user, department and language switch, breadcrumb. */
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useMatches } from 'react-router-dom';
import { enterprisesApi } from '../api/endpoints';
import { useApi } from '../ui/hooks';
import { LangSwitch } from '../ui/LangSwitch';
import { useUser, useAuth } from './auth';
import { activeNav, navFor } from './nav';
import type { Crumb } from './crumbs';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const loc = useLocation();
  const matches = useMatches();
  const [collapsed, setCollapsed] = useState(false);

  // An enterprise's menu depends on the roles it is filed in (warehouse, logistics).
  const filing = useApi(user.role === 'enterprise' && user.enterpriseId ? () => enterprisesApi.get(user.enterpriseId!) : null, `nav:${user.enterpriseId ?? ''}`);
  const roles = filing.data?.roles;
  const nav = useMemo(() => navFor(user, roles ?? []), [user, roles]);
  const { selected, open } = activeNav(nav, loc.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => (open ? [open] : nav.filter((n) => n.children).map((n) => n.key)));

  const items: MenuProps['items'] = nav.map((n) =>
    n.children
      ? { key: n.key, icon: n.icon, label: t(n.label), children: n.children.map((c) => ({ key: c.path, label: <Link to={c.path}>{t(c.label)}</Link> })) }
      : { key: n.path!, icon: n.icon, label: <Link to={n.path!}>{t(n.label)}</Link> },
  );

  const group = nav.find((n) => n.key === open);
  const crumbs = matches.filter((m) => (m.handle as Crumb | undefined)?.crumb);
  const breadcrumb = [
    { key: 'home', title: <Link to="/">{t('nav.home')}</Link> },
    ...(group ? [{ key: group.key, title: t(group.label) }] : []),
    ...crumbs.map((m, i) => ({
      key: m.id,
      title: i < crumbs.length - 1 ? <Link to={m.pathname}>{t((m.handle as Crumb).crumb)}</Link> : t((m.handle as Crumb).crumb),
    })),
  ];

  const userMenu: MenuProps = {
    items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('action.logout'), danger: true }],
    onClick: async ({ key }) => {
      if (key === 'logout') await logout();
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={216} theme="dark">
        <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#fff', fontWeight: 600, fontSize: collapsed ? 14 : 16 }}>
          {collapsed ? 'cbec' : t('app.shortName')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={setOpenKeys}
          data-testid="side-menu"
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 20px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
          <Space size="middle">
            <Tag color="blue" data-testid="header-role">
              {t(`role.${user.role}`)}
            </Tag>
            <Dropdown menu={userMenu} placement="bottomRight">
              <Button type="text" icon={<UserOutlined />} data-testid="header-user">
                {user.username}
              </Button>
            </Dropdown>
            <LangSwitch />
          </Space>
        </Header>
        <div style={{ padding: '12px 24px 0' }}>
          <Breadcrumb items={breadcrumb} data-testid="breadcrumb" />
        </div>
        <Content style={{ margin: '12px 24px 24px' }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
