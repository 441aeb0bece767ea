/**
 * 出口税务台账 export tax records, for the tax bureau (and customs, admin) and for each exporting enterprise:
 * 无票免税 records (财税〔2018〕103号), 核定征收 deemed income (STA 2019 No.36) and the declarations for rebate.
 * Tab and filters live in the URL; each tab downloads its rows as the workbook the API builds.
 */
import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../app/auth';
import { useUrlTable } from '../../ui/hooks';
import { XLSX_PATHS } from './api';
import { DeemedIncomeTable } from './DeemedIncomeTable';
import { queryOf, TAX_FILTERS, tabOf, TABS, thisYear } from './filters';
import { RebateTable } from './RebateTable';
import { RecordsTable } from './RecordsTable';
import { TaxFiltersBar } from './TaxFiltersBar';
import { XlsxButton } from './XlsxButton';

const FALLBACK_NAMES = { records: 'export-tax-records.xlsx', deemed: 'deemed-income.xlsx', rebate: 'export-rebate.xlsx' } as const;

export function ExportTaxPage() {
  const { t } = useTranslation();
  const user = useUser();
  const mine = user.role === 'enterprise';
  const table = useUrlTable(TAX_FILTERS, { year: thisYear() });
  const f = table.filters;
  const tab = tabOf(f);

  return (
    <Card
      title={t('exportTax.title')}
      extra={<XlsxButton path={XLSX_PATHS[tab]} query={queryOf(tab, f)} fallbackName={FALLBACK_NAMES[tab]} />}
      data-testid="export-tax-page"
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => table.setFilters({ tab: k === 'records' ? null : k })}
        items={TABS.map((k) => ({ key: k, label: t(`exportTax.tab.${k}`) }))}
        data-testid="export-tax-tabs"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t(`exportTax.intro.${tab}`)}
      </Typography.Paragraph>
      <TaxFiltersBar tab={tab} filters={f} set={table.setFilters} showEnterprise={!mine} />
      {tab === 'records' ? <RecordsTable filters={f} paging={table} mine={mine} /> : null}
      {tab === 'deemed' ? <DeemedIncomeTable filters={f} mine={mine} /> : null}
      {tab === 'rebate' ? <RebateTable filters={f} paging={table} mine={mine} /> : null}
    </Card>
  );
}
