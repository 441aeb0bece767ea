/** The left menu per role (UI.md "Menus per role"), only for modules that exist. */
import {
  AccountBookOutlined,
  ApiOutlined,
  AuditOutlined,
  ContainerOutlined,
  DatabaseOutlined,
  ExportOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  GlobalOutlined,
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
/** 9810: overseas warehouse filings and booking orders; an e-commerce or overseas-warehouse enterprise files them. */
const overseas: NavItem = {
  key: 'overseas',
  label: 'nav.overseas',
  icon: <GlobalOutlined />,
  children: [
    { path: '/overseas/warehouses', label: 'nav.overseasWarehouses' },
    { path: '/overseas/bookings', label: 'nav.overseasBookings' },
  ],
};
const OVERSEAS_FILERS = ['ebc', 'overseas_warehouse'];
/** Cross-border e-commerce export: lists, summary declarations, B2B customs declarations (9710/9810). */
const exportLeaves: NavLeaf[] = [
  { path: '/export/lists', label: 'nav.exportLists' },
  { path: '/export/summaries', label: 'nav.exportSummaries' },
  { path: '/export/entries', label: 'nav.exportEntries' },
];
const exportNav: NavItem = { key: 'export', label: 'nav.export', icon: <ExportOutlined />, children: exportLeaves };

/** Export tax records: 无票免税 records, 核定征收 deemed income, rebate declarations. */
const exportTax: NavItem = { key: '/export/tax-records', path: '/export/tax-records', label: 'nav.exportTax', icon: <AccountBookOutlined /> };

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
        exportNav,
        overseas,
        exportTax,
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
        exportNav,
        exportTax,
        bondedBooks,
        overseas,
        { key: 'filings', label: 'nav.filingReviews', icon: <FileProtectOutlined />, children: [...filingLeaves, undertakings] },
        { key: 'reference', label: 'nav.parameters', icon: <DatabaseOutlined />, children: referenceLeaves },
      ];
    case 'commerce':
      return [home, { key: 'filings', label: 'nav.filings', icon: <FileProtectOutlined />, children: filingLeaves }, overseas];
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
        ...(enterpriseRoles.some((r) => OVERSEAS_FILERS.includes(r)) ? [overseas] : []),
        {
          key: 'documents',
          label: 'nav.myDocuments',
          icon: <InboxOutlined />,
          children: [
            { path: '/declarations', label: 'nav.myDeclarations' },
            { path: '/export/lists', label: 'nav.myExportLists' },
            { path: '/export/summaries', label: 'nav.exportSummaries' },
            { path: '/export/entries', label: 'nav.exportEntries' },
            { path: '/receipts', label: 'nav.receipts' },
          ],
        },
        exportTax,
        { key: 'integration', label: 'nav.integration', icon: <ApiOutlined />, children: [{ path: '/api-keys', label: 'nav.apiKeys' }] },
      ];
    case 'postal':
      // The postal administration follows which operators push data on others' behalf.
      return [home, { key: '/undertakings', path: '/undertakings', label: 'nav.undertakings', icon: <TruckOutlined /> }, overseas];
    case 'tax':
      return [home, exportTax, overseas];
    default:
      // forex, market, bank: the home page shows the shared filings; overseas warehouses are shared too.
      return [home, overseas];
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
