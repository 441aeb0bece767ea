/**
 * Public quota look-up (no login): a consumer's name and resident ID number give the annual personal quota,
 * used and remaining. The API answers a name that does not match as if nothing were used.
 */
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Divider, Form, Input, Progress, Row, Select, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { clearanceApi } from '../../api/endpoints';
import type { Quota } from '../../api/types';
import { errorParts, useLang } from '../../ui/errors';
import { fmtYuan } from '../../ui/format';
import { PublicFrame } from '../../ui/PublicFrame';

interface QuotaForm {
  buyerName: string;
  buyerIdNumber: string;
  year: number;
}

/** Yuan with two decimals as integer fen, exactly. */
function fen(yuan: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan);
  return m ? (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))) : 0;
}

const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

export function QuotaPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [result, setResult] = useState<Quota | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: QuotaForm) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await clearanceApi.quota({ buyerName: v.buyerName.trim(), buyerIdNumber: v.buyerIdNumber.trim().toUpperCase(), year: v.year }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const err = error ? errorParts(error, lang) : null;
  const percent = result && fen(result.limit) > 0 ? Math.min(100, Math.round((fen(result.used) * 1000) / fen(result.limit)) / 10) : 0;
  const yuan = (v: string, testId: string) => <span data-testid={testId}>{fmtYuan(v)}</span>;

  return (
    <PublicFrame title={t('quota.title')} width={560}>
      <Typography.Paragraph type="secondary">{t('quota.intro')}</Typography.Paragraph>
      <Form<QuotaForm> layout="vertical" onFinish={onFinish} initialValues={{ year: thisYear }} requiredMark={false} data-testid="quota-form">
        <Row gutter={12}>
          <Col xs={24} sm={9}>
            <Form.Item name="buyerName" label={t('quota.name')} rules={[{ required: true, whitespace: true, message: t('quota.nameRequired') }]}>
              <Input autoComplete="name" maxLength={100} data-testid="quota-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="buyerIdNumber" label={t('quota.id')} rules={[{ required: true, whitespace: true, message: t('quota.idRequired') }]}>
              <Input maxLength={18} autoComplete="off" placeholder="110105194912310021" data-testid="quota-id" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={5}>
            <Form.Item name="year" label={t('quota.year')}>
              <Select options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))} data-testid="quota-year" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} block loading={busy} data-testid="quota-submit">
          {t('quota.submit')}
        </Button>
      </Form>
      {err ? <Alert type="error" showIcon style={{ marginTop: 16 }} data-testid="quota-error" title={err.text} description={`${t('error.code')}: ${err.code}`} /> : null}
      {result ? (
        <div data-testid="quota-result" style={{ marginTop: 16 }}>
          <Divider style={{ margin: '8px 0 16px' }}>{t('quota.resultTitle', { year: result.year })}</Divider>
          <Row gutter={12}>
            <Col span={8}>
              <Statistic title={t('quota.limit')} value={result.limit} formatter={() => yuan(result.limit, 'quota-limit')} suffix={t('common.yuan')} />
            </Col>
            <Col span={8}>
              <Statistic title={t('quota.used')} value={result.used} formatter={() => yuan(result.used, 'quota-used')} suffix={t('common.yuan')} />
            </Col>
            <Col span={8}>
              <Statistic title={t('quota.remaining')} value={result.remaining} formatter={() => yuan(result.remaining, 'quota-remaining')} suffix={t('common.yuan')} styles={{ content: { color: fen(result.remaining) === 0 ? '#cf1322' : '#389e0d' } }} />
            </Col>
          </Row>
          <Progress percent={percent} status={percent >= 100 ? 'exception' : 'normal'} strokeColor={percent >= 90 ? '#fa541c' : undefined} style={{ marginTop: 12 }} data-testid="quota-progress" />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>{t('quota.note')}</Typography.Paragraph>
        </div>
      ) : null}
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        <Link to="/login" data-testid="quota-login-link">{t('quota.backToLogin')}</Link>
      </Typography.Paragraph>
    </PublicFrame>
  );
}
