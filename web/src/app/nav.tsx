/** The left menu per role (UI.md "Menus per role"), only for modules that exist. */
import {
  ApiOutlined,
  AuditOutlined,
  ContainerOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  HomeOutlined,
  SolutionOutlined,
  TeamOutlined,
  TruckOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role, SessionUser } from '../api/types';

export interface NavLeaf {
  path: string;
  label: string;
}
export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  path?: string;
  children?: NavLeaf[];
}

const referenceLeaves: NavLeaf[] = [
  { path: '/reference/tariffs', label: 'nav.tariffs' },
  { path: '/reference/codes', label: 'nav.codes' },
  { path: '/reference/hs', label: 'nav.hs' },
  { path: '/reference/regulation', label: 'nav.regulation' },
];
const filingLeaves: NavLeaf[] = [
  { path: '/review', label: 'nav.reviewQueue' },
  { path: '/enterprises', label: 'nav.enterprises' },
  { path: '/products', label: 'nav.products' },
];

const home: NavItem = { key: '/', path: '/', label: 'nav.home', icon: <HomeOutlined /> };
const bondedBooks: NavItem = { key: '/bonded/books', path: '/bonded/books', label: 'nav.bondedBooks', icon: <ContainerOutlined /> };
const undertakings: NavLeaf = { path: '/undertakings', label: 'nav.undertakings' };
const declarations: NavItem = { key: '/declarations', path: '/declarations', label: 'nav.declarations', icon: <FileSearchOutlined /> };

/**
 * `enterpriseRoles`: the roles of an enterprise user's filing, once known. A warehouse gets its bonded
 * account books, a postal or express operator its push-on-behalf undertakings.
 */
export function navFor(user: SessionUser, enterpriseRoles: readonly string[] = []): NavItem[] {
  const role: Role = user.role;
  switch (role) {
    case 'admin':
      return [
        home,
        declarations,
        { key: '/users', path: '/users', label: 'nav.users', icon: <TeamOutlined /> },
        { key: '/api-keys', path: '/api-keys', label: 'nav.apiKeys', icon: <ApiOutlined /> },
        { key: 'reference', label: 'nav.referenceData', icon: <DatabaseOutlined />, children: referenceLeaves },
        { key: '/audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined /> },
      ];
    case 'customs':
      return [
        home,
        declarations,
        { key: '/clearance/review', path: '/clearance/review', label: 'nav.clearanceReview', icon: <SafetyCertificateOutlined /> },
        bondedBooks,
        { key: 'filings', label: 'nav.filingReviews', icon: <FileProtectOutlined />, children: [...filingLeaves, undertakings] },
        { key: 'reference', label: 'nav.parameters', icon: <DatabaseOutlined />, children: referenceLeaves },
      ];
    case 'commerce':
      return [home, { key: 'filings', label: 'nav.filings', icon: <FileProtectOutlined />, children: filingLeaves }];
    case 'enterprise':
      return [
        home,
        {
          key: 'my',
          label: 'nav.myFilings',
          icon: <SolutionOutlined />,
          children: [
            { path: '/my-filing', label: 'nav.myEnterprise' },
            { path: '/products', label: 'nav.myProducts' },
            ...(enterpriseRoles.includes('logistics') ? [{ path: '/undertakings', label: 'nav.myUndertakings' }] : []),
          ],
        },
        ...(enterpriseRoles.includes('warehouse') ? [bondedBooks] : []),
        {
          key: 'documents',
          label: 'nav.myDocuments',
          icon: <InboxOutlined />,
          children: [
            { path: '/declarations', label: 'nav.myDeclarations' },
            { path: '/receipts', label: 'nav.receipts' },
          ],
        },
        { key: 'integration', label: 'nav.integration', icon: <ApiOutlined />, children: [{ path: '/api-keys', label: 'nav.apiKeys' }] },
      ];
    case 'postal':
      // The postal administration follows which operators push data on others' behalf.
      return [home, { key: '/undertakings', path: '/undertakings', label: 'nav.undertakings', icon: <TruckOutlined /> }];
    default:
      // tax, forex, market, bank: their modules are not built yet; the home page shows the shared filings.
      return [home];
  }
}

/** The menu entry a path belongs to (longest matching prefix), and its parent group. */
export function activeNav(items: NavItem[], pathname: string): { selected: string | null; open: string | null } {
  let best: { selected: string; open: string | null; len: number } | null = null;
  const consider = (path: string, open: string | null) => {
    const hit = path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
    if (hit && (!best || path.length > best.len)) best = { selected: path, open, len: path.length };
  };
  for (const item of items) {
    if (item.path) consider(item.path, null);
    for (const leaf of item.children ?? []) consider(leaf.path, item.key);
  }
  const b = best as { selected: string; open: string | null } | null;
  return { selected: b?.selected ?? null, open: b?.open ?? null };
}
