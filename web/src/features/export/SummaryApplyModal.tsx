/**
 * Apply for the summary declaration (CEB701) of one group of released, departed B-lists: choose how goods
 * are summarised (summaryFlag 1 by consignor, 2 by consignor and producer) and whose goods names the items
 * carry (itemNameFlag: the enterprise's goods names, or the HS classification names). On success the
 * result (CEB792) shows the sumNo and the 18-digit customs declaration number; a list that does not qualify
 * comes back as the API's code and text with the list named.
 */
import { Alert, Button, Checkbox, Descriptions, Form, Modal, Radio, Result, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { exportApi } from '../../api/endpoints';
import { SUMMARY_FLAGS, type SummaryApplied, type SummaryFlag, type SummaryGroup } from '../../api/exportTypes';
import { errorParts, useLang } from '../../ui/errors';
import { code, Money } from './ExportStatus';

interface Values {
  summaryFlag: SummaryFlag;
  byGoodsName: boolean;
}

/** The lists a 422 names (details.invtNo / details.invtNos), to point at them. */
function namedLists(err: unknown): string[] {
  if (!(err instanceof ApiError) || !err.details) return [];
  const d = err.details;
  const out = [d.invtNo, ...(Array.isArray(d.invtNos) ? d.invtNos : [])].filter((x): x is string => typeof x === 'string');
  return [...new Set(out)];
}

export function SummaryApplyModal({ group, onClose, onDone }: { group: SummaryGroup | null; onClose: () => void; onDone: (applied: SummaryApplied) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [applied, setApplied] = useState<SummaryApplied | null>(null);

  useEffect(() => {
    if (group) {
      form.setFieldsValue({ summaryFlag: '1', byGoodsName: true });
      setError(null);
      setApplied(null);
    }
  }, [group, form]);

  const submit = async () => {
    if (!group) return;
    const v = form.getFieldsValue();
    setBusy(true);
    setError(null);
    try {
      const r = await exportApi.applySummary({ invtNos: group.invtNos, summaryFlag: v.summaryFlag, ...(v.byGoodsName ? { itemNameFlag: '1' as const } : {}) });
      setApplied(r);
      onDone(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const err = error ? errorParts(error, lang) : null;
  const named = namedLists(error);

  return (
    <Modal
      open={group !== null}
      title={group ? t('export.summary.applyTitle', { period: group.period }) : ''}
      onCancel={onClose}
      width={640}
      forceRender
      footer={
        applied
          ? [<Button key="close" type="primary" onClick={onClose} data-testid="summary-done-close">{t('export.summary.viewDone')}</Button>]
          : [
              <Button key="cancel" onClick={onClose}>{t('action.cancel')}</Button>,
              <Button key="ok" type="primary" loading={busy} onClick={submit} data-testid="summary-submit">{t('export.summary.submit')}</Button>,
            ]
      }
    >
      {applied ? (
        <Result
          status="success"
          title={t('export.summary.applied')}
          subTitle={t('export.summary.appliedText', { count: applied.lists })}
          data-testid="summary-result"
          extra={
            <Descriptions bordered size="small" column={1} style={{ textAlign: 'left' }}>
              <Descriptions.Item label={t('export.field.entryId')}>
                <Typography.Text copyable strong data-testid="summary-result-entry-id">{applied.entryId}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('export.field.sumNo')}>
                <span data-testid="summary-result-sum-no">{applied.sumNo}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('export.field.declSeqNo')}>{code(applied.declSeqNo)}</Descriptions.Item>
              <Descriptions.Item label={t('export.field.decState')}>{code(applied.decState)}</Descriptions.Item>
              <Descriptions.Item label={t('export.field.goodsValue')}><Money value={applied.goodsValue} currency={applied.currency} /></Descriptions.Item>
            </Descriptions>
          }
        />
      ) : group ? (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('export.field.ebcCode')}>{code(group.ebcCode)}</Descriptions.Item>
            <Descriptions.Item label={t('export.field.agentCode')}>{code(group.agentCode)}</Descriptions.Item>
            <Descriptions.Item label={t('export.field.customsPort')}>{group.customsCode} / {group.portCode}</Descriptions.Item>
            <Descriptions.Item label={t('export.field.country')}>{code(group.country)}</Descriptions.Item>
            <Descriptions.Item label={t('export.summary.lists')}>{group.lists}</Descriptions.Item>
            <Descriptions.Item label={t('export.field.goodsValue')}><Money value={group.goodsValue} currency={group.currency} /></Descriptions.Item>
          </Descriptions>
          <Form form={form} layout="vertical" data-testid="summary-form">
            <Form.Item name="summaryFlag" label={t('export.summary.summaryFlag')} extra={t('export.summary.summaryFlagHint')}>
              <Radio.Group data-testid="summary-flag">
                <Space orientation="vertical">
                  {SUMMARY_FLAGS.map((f) => (
                    <Radio key={f} value={f} data-testid={`summary-flag-${f}`}>
                      {f} — {t(`export.summary.summaryFlag${f}`)}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="byGoodsName" valuePropName="checked" extra={t('export.summary.itemNameFlagHint')}>
              <Checkbox data-testid="summary-item-name-flag">{t('export.summary.itemNameFlag')}</Checkbox>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('export.summary.invtNos', { count: group.invtNos.length })}{' '}
            {group.invtNos.slice(0, 20).map((n) => (
              <code key={n} style={{ marginInlineEnd: 6, color: named.includes(n) ? '#cf1322' : undefined }}>{n}</code>
            ))}
            {group.invtNos.length > 20 ? '…' : null}
          </Typography.Paragraph>
          {err ? (
            <Alert
              type="error"
              showIcon
              data-testid="summary-error"
              title={err.text}
              description={
                <span>
                  {t('error.code')}: <code>{err.code}</code>
                  {named.length ? <> · {t('export.summary.namedLists', { lists: named.join(t('common.listSep')) })}</> : null}
                  {err.requestId ? <> · {t('error.requestId')}: <code>{err.requestId}</code></> : null}
                </span>
              }
            />
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
