/** Routes of the console. Pages load lazily so the first screen (login) stays small. */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import type { Role } from '../api/types';
import { ALL_ROLES, REGULATORS } from './access';
import { FullPageSpin, NotFoundPage, RequireAuth, RoleGate } from './guards';
import { AppLayout } from './AppLayout';

function page<M>(load: () => Promise<M>, name: keyof M): ComponentType {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LoginPage = page(() => import('../features/auth/LoginPage'), 'LoginPage');
const RegisterPage = page(() => import('../features/enterprises/RegisterPage'), 'RegisterPage');
const HomePage = page(() => import('../features/home/HomePage'), 'HomePage');
const ReviewQueuePage = page(() => import('../features/review/ReviewQueuePage'), 'ReviewQueuePage');
const EnterpriseListPage = page(() => import('../features/enterprises/EnterpriseListPage'), 'EnterpriseListPage');
const EnterpriseDetailPage = page(() => import('../features/enterprises/EnterpriseDetailPage'), 'EnterpriseDetailPage');
const EnterpriseFormPage = page(() => import('../features/enterprises/EnterpriseFormPage'), 'EnterpriseFormPage');
const MyFilingPage = page(() => import('../features/enterprises/MyFilingPage'), 'MyFilingPage');
const ProductListPage = page(() => import('../features/products/ProductListPage'), 'ProductListPage');
const ProductDetailPage = page(() => import('../features/products/ProductDetailPage'), 'ProductDetailPage');
const ProductFormPage = page(() => import('../features/products/ProductFormPage'), 'ProductFormPage');
const TariffPage = page(() => import('../features/reference/TariffPage'), 'TariffPage');
const CodeTablesPage = page(() => import('../features/reference/CodeTablesPage'), 'CodeTablesPage');
const HsPage = page(() => import('../features/reference/HsPage'), 'HsPage');
const RegulationPage = page(() => import('../features/reference/RegulationPage'), 'RegulationPage');
const UsersPage = page(() => import('../features/users/UsersPage'), 'UsersPage');
const ApiKeysPage = page(() => import('../features/apikeys/ApiKeysPage'), 'ApiKeysPage');
const AuditPage = page(() => import('../features/audit/AuditPage'), 'AuditPage');
const DeclarationListPage = page(() => import('../features/clearance/DeclarationListPage'), 'DeclarationListPage');
const DeclarationPage = page(() => import('../features/clearance/DeclarationPage'), 'DeclarationPage');
const ClearanceQueuePage = page(() => import('../features/clearance/ClearanceQueuePage'), 'ClearanceQueuePage');
const ReceiptsPage = page(() => import('../features/clearance/ReceiptsPage'), 'ReceiptsPage');
const QuotaPage = page(() => import('../features/clearance/QuotaPage'), 'QuotaPage');
const BookListPage = page(() => import('../features/bonded/BookListPage'), 'BookListPage');
const BookDetailPage = page(() => import('../features/bonded/BookDetailPage'), 'BookDetailPage');
const UndertakingListPage = page(() => import('../features/undertakings/UndertakingListPage'), 'UndertakingListPage');
const UndertakingDetailPage = page(() => import('../features/undertakings/UndertakingDetailPage'), 'UndertakingDetailPage');
const WarehouseListPage = page(() => import('../features/overseas/WarehouseListPage'), 'WarehouseListPage');
const WarehouseDetailPage = page(() => import('../features/overseas/WarehouseDetailPage'), 'WarehouseDetailPage');
const WarehouseFormPage = page(() => import('../features/overseas/WarehouseFormPage'), 'WarehouseFormPage');
const BookingListPage = page(() => import('../features/overseas/BookingListPage'), 'BookingListPage');
const BookingDetailPage = page(() => import('../features/overseas/BookingDetailPage'), 'BookingDetailPage');
const BookingFormPage = page(() => import('../features/overseas/BookingFormPage'), 'BookingFormPage');
const ExportListPage = page(() => import('../features/export/ExportListPage'), 'ExportListPage');
const ExportListDetailPage = page(() => import('../features/export/ExportListDetailPage'), 'ExportListDetailPage');
const SummariesPage = page(() => import('../features/export/SummariesPage'), 'SummariesPage');
const EntryListPage = page(() => import('../features/export/EntryListPage'), 'EntryListPage');
const EntryDetailPage = page(() => import('../features/export/EntryDetailPage'), 'EntryDetailPage');
const EntryFormPage = page(() => import('../features/export/EntryFormPage'), 'EntryFormPage');

const ExportTaxPage = page(() => import('../features/exporttax/ExportTaxPage'), 'ExportTaxPage');

export type { Crumb } from './crumbs';

function el(Page: ComponentType, roles: readonly Role[] = ALL_ROLES): ReactNode {
  return (
    <RoleGate roles={roles}>
      <Suspense fallback={<FullPageSpin />}>
        <Page />
      </Suspense>
    </RoleGate>
  );
}

const FILING_READERS: readonly Role[] = ['admin', ...REGULATORS, 'enterprise'];
const FILING_DECIDERS: readonly Role[] = ['customs', 'commerce'];
/** Regulators and admin see every list; an enterprise sees those it is a party to. */
const LIST_READERS: readonly Role[] = ['admin', ...REGULATORS, 'enterprise'];
/** Customs and admin see every book; a warehouse enterprise its own. */
const BOOK_READERS: readonly Role[] = ['admin', 'customs', 'enterprise'];

const appRoutes: RouteObject[] = [
  { index: true, element: el(HomePage) },
  { path: 'review', handle: { crumb: 'nav.reviewQueue' }, element: el(ReviewQueuePage, FILING_DECIDERS) },
  { path: 'my-filing', handle: { crumb: 'nav.myEnterprise' }, element: el(MyFilingPage, ['enterprise']) },
  {
    path: 'enterprises',
    handle: { crumb: 'nav.enterprises' },
    children: [
      { index: true, element: el(EnterpriseListPage, FILING_READERS) },
      { path: 'new', handle: { crumb: 'crumb.newFiling' }, element: el(EnterpriseFormPage, ['admin', 'customs', 'commerce']) },
      { path: ':id', handle: { crumb: 'crumb.detail' }, element: el(EnterpriseDetailPage, FILING_READERS) },
      { path: ':id/edit', handle: { crumb: 'crumb.changeFiling' }, element: el(EnterpriseFormPage, ['enterprise', 'admin']) },
    ],
  },
  {
    path: 'products',
    handle: { crumb: 'nav.products' },
    children: [
      { index: true, element: el(ProductListPage, FILING_READERS) },
      { path: 'new', handle: { crumb: 'crumb.newProduct' }, element: el(ProductFormPage, ['enterprise']) },
      { path: ':id', handle: { crumb: 'crumb.detail' }, element: el(ProductDetailPage, FILING_READERS) },
      { path: ':id/edit', handle: { crumb: 'crumb.changeFiling' }, element: el(ProductFormPage, ['enterprise']) },
    ],
  },
  {
    path: 'declarations',
    handle: { crumb: 'nav.declarations' },
    children: [
      { index: true, element: el(DeclarationListPage, LIST_READERS) },
      { path: ':copNo', handle: { crumb: 'crumb.declaration' }, element: el(DeclarationPage, LIST_READERS) },
    ],
  },
  {
    path: 'export/lists',
    handle: { crumb: 'nav.exportLists' },
    children: [
      { index: true, element: el(ExportListPage, LIST_READERS) },
      { path: ':copNo', handle: { crumb: 'crumb.exportList' }, element: el(ExportListDetailPage, LIST_READERS) },
    ],
  },
  { path: 'export/summaries', handle: { crumb: 'nav.exportSummaries' }, element: el(SummariesPage, LIST_READERS) },
  {
    path: 'export/entries',
    handle: { crumb: 'nav.exportEntries' },
    children: [
      { index: true, element: el(EntryListPage, LIST_READERS) },
      { path: 'new', handle: { crumb: 'crumb.newExportEntry' }, element: el(EntryFormPage, ['enterprise']) },
      { path: ':entryId', handle: { crumb: 'crumb.detail' }, element: el(EntryDetailPage, LIST_READERS) },
    ],
  },
  {
    path: 'bonded/books',
    handle: { crumb: 'nav.bondedBooks' },
    children: [
      { index: true, element: el(BookListPage, BOOK_READERS) },
      { path: ':emsNo', handle: { crumb: 'crumb.detail' }, element: el(BookDetailPage, BOOK_READERS) },
    ],
  },
  {
    path: 'overseas/warehouses',
    handle: { crumb: 'nav.overseasWarehouses' },
    children: [
      { index: true, element: el(WarehouseListPage, FILING_READERS) },
      { path: 'new', handle: { crumb: 'crumb.newWarehouse' }, element: el(WarehouseFormPage, ['enterprise']) },
      { path: ':id', handle: { crumb: 'crumb.detail' }, element: el(WarehouseDetailPage, FILING_READERS) },
      { path: ':id/edit', handle: { crumb: 'crumb.resubmit' }, element: el(WarehouseFormPage, ['enterprise']) },
    ],
  },
  {
    path: 'overseas/bookings',
    handle: { crumb: 'nav.overseasBookings' },
    children: [
      { index: true, element: el(BookingListPage, FILING_READERS) },
      { path: 'new', handle: { crumb: 'crumb.newBooking' }, element: el(BookingFormPage, ['enterprise']) },
      { path: ':id', handle: { crumb: 'crumb.detail' }, element: el(BookingDetailPage, FILING_READERS) },
    ],
  },
  {
    path: 'undertakings',
    handle: { crumb: 'nav.undertakings' },
    children: [
      { index: true, element: el(UndertakingListPage) },
      { path: ':id', handle: { crumb: 'crumb.detail' }, element: el(UndertakingDetailPage) },
    ],
  },
  // Export tax records: the tax bureau, the departments that share them, admin; an enterprise its own.
  { path: 'export/tax-records', handle: { crumb: 'nav.exportTax' }, element: el(ExportTaxPage, ['admin', 'tax', 'customs', 'commerce', 'forex', 'enterprise']) },
  { path: 'clearance/review', handle: { crumb: 'nav.clearanceReview' }, element: el(ClearanceQueuePage, ['customs']) },
  { path: 'receipts', handle: { crumb: 'nav.receipts' }, element: el(ReceiptsPage, ['enterprise', 'customs', 'admin']) },
  { path: 'reference/tariffs', handle: { crumb: 'nav.tariffs' }, element: el(TariffPage) },
  { path: 'reference/codes', handle: { crumb: 'nav.codes' }, element: el(CodeTablesPage) },
  { path: 'reference/hs', handle: { crumb: 'nav.hs' }, element: el(HsPage) },
  { path: 'reference/regulation', handle: { crumb: 'nav.regulation' }, element: el(RegulationPage) },
  { path: 'users', handle: { crumb: 'nav.users' }, element: el(UsersPage, ['admin']) },
  { path: 'api-keys', handle: { crumb: 'nav.apiKeys' }, element: el(ApiKeysPage, ['admin', 'enterprise']) },
  { path: 'audit', handle: { crumb: 'nav.audit' }, element: el(AuditPage, ['admin']) },
  { path: '*', element: <NotFoundPage /> },
];

const publicPage = (Page: ComponentType) => (
  <Suspense fallback={<FullPageSpin />}>
    <Page />
  </Suspense>
);

export const router = createBrowserRouter([
  { path: '/login', element: publicPage(LoginPage) },
  { path: '/register', element: publicPage(RegisterPage) },
  { path: '/quota', element: publicPage(QuotaPage) },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: appRoutes,
  },
]);
