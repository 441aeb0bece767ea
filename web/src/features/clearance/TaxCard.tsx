/** The list's tax: duty, VAT and consumption tax per line and in total, the factor applied, and any returns. */
import { Card, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Inventory, InventoryReturn, TaxLine } from '../../api/types';
import { fmtDateTime, fmtFen, fmtRate, fmtYuan } from '../../ui/format';

/** "70 %" for the retail factor 0.7, "100 %" for general trade. */
export function factorText(factor: string): string {
  return fmtRate(factor).replace('%', ' %');
}

const money = (v: string) => fmtYuan(v);

export function TaxCard({ inv }: { inv: Inventory }) {
  const { t } = useTranslation();
  const tax = inv.tax;
  if (!tax) {
    return (
      <Card title={t('decl.tax.title')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(inv.status === '120' ? 'decl.tax.notYetWaiting' : 'decl.tax.none')} />
      </Card>
    );
  }
  const general = tax.mode === 'general';
  return (
    <Card
      title={t('decl.tax.title')}
      extra={
        <Tag color={general ? 'gold' : 'blue'} data-testid="tax-factor" data-mode={tax.mode}>
          {t(general ? 'decl.tax.factorGeneral' : 'decl.tax.factorRetail', { pct: factorText(tax.factor) })}
        </Tag>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3, xl: 5 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('decl.field.dutiablePrice')}>{fmtYuan(inv.dutiablePrice)} {t('common.yuan')}</Descriptions.Item>
        <Descriptions.Item label={t('decl.tax.customsTax')}>{money(tax.customsTax)}</Descriptions.Item>
        <Descriptions.Item label={t('decl.tax.valueAddedTax')}>{money(tax.valueAddedTax)}</Descriptions.Item>
        <Descriptions.Item label={t('decl.tax.consumptionTax')}>{money(tax.consumptionTax)}</Descriptions.Item>
        <Descriptions.Item label={t('decl.field.taxTotal')}>
          <Typography.Text strong data-testid="tax-total">{money(tax.taxTotal)}</Typography.Text>&nbsp;{t('common.yuan')}
        </Descriptions.Item>
      </Descriptions>
      <Table<TaxLine>
        rowKey="gnum"
        size="small"
        pagination={false}
        dataSource={tax.lines}
        columns={[
          { title: t('decl.tax.gnum'), dataIndex: 'gnum', width: 70 },
          { title: t('decl.tax.gcode'), dataIndex: 'gcode', render: (v: string) => <code>{v}</code> },
          { title: t('decl.field.dutiablePrice'), dataIndex: 'dutiablePrice', align: 'right', render: money },
          { title: t('decl.tax.customsTax'), dataIndex: 'customsTax', align: 'right', render: money },
          { title: t('decl.tax.valueAddedTax'), dataIndex: 'valueAddedTax', align: 'right', render: money },
          { title: t('decl.tax.consumptionTax'), dataIndex: 'consumptionTax', align: 'right', render: money },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>{t('decl.tax.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{fmtYuan(inv.dutiablePrice)}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">{money(tax.customsTax)}</Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">{money(tax.valueAddedTax)}</Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">{money(tax.consumptionTax)}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {t(general ? 'decl.tax.noteGeneral' : 'decl.tax.noteRetail', { pct: factorText(tax.factor) })}
      </Typography.Paragraph>
    </Card>
  );
}

export function ReturnsCard({ returns }: { returns: InventoryReturn[] }) {
  const { t } = useTranslation();
  if (!returns.length) return null;
  return (
    <Card title={t('decl.returns.title')} data-testid="returns">
      <Table<InventoryReturn>
        rowKey="guid"
        size="small"
        pagination={false}
        dataSource={returns}
        columns={[
          { title: t('decl.returns.at'), dataIndex: 'at', width: 150, render: fmtDateTime },
          { title: t('decl.returns.lines'), dataIndex: 'lines', render: (ls: InventoryReturn['lines']) => ls.map((l) => t('decl.returns.line', { g: l.gnum, qty: l.qty })).join(t('common.listSep')) },
          { title: t('decl.returns.released'), dataIndex: 'releasedFen', align: 'right', width: 150, render: (v: number) => fmtFen(v) },
          { title: t('decl.returns.taxWaived'), dataIndex: 'taxWaivedFen', align: 'right', width: 150, render: (v: number) => fmtFen(v) },
          { title: 'guid', dataIndex: 'guid', render: (v: string) => <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>{v}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
