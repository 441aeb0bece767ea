/** A filing's page: current data, status, decision buttons or "submit a change", and the version history. */
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { enterprisesApi } from '../../api/endpoints';
import type { EnterpriseDetail } from '../../api/types';
import { ErrorAlert, useLang } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { StatusTag } from '../../ui/StatusTag';
import { VersionHistory, type FieldDef } from '../../ui/VersionHistory';
import { DecisionButtons } from '../review/DecisionButtons';

export function enterpriseFieldDefs(t: TFunction): FieldDef[] {
  return [
    { path: 'name', label: t('enterprise.field.name') },
    { path: 'uscc', label: t('enterprise.field.uscc') },
    { path: 'customsCode', label: t('enterprise.field.customsCode') },
    { path: 'roles', label: t('enterprise.field.roles'), render: (v) => (v as string[]).map((r) => t(`enterpriseRole.${r}`)).join(t('common.listSep')) },
    { path: 'district', label: t('enterprise.field.district') },
    { path: 'contact.name', label: t('enterprise.field.contactName') },
    { path: 'contact.phone', label: t('enterprise.field.contactPhone') },
    { path: 'contact.email', label: t('enterprise.field.contactEmail') },
    { path: 'contact.address', label: t('enterprise.field.contactAddress') },
  ];
}

function Current({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="enterprise-current">
      <Descriptions.Item label={t('enterprise.field.name')}>{e.name}</Descriptions.Item>
      <Descriptions.Item label={t('common.id')}><Typography.Text copyable>{e.id}</Typography.Text></Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.uscc')}><code>{e.uscc}</code></Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.customsCode')}><code>{e.customsCode}</code></Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.roles')} span={2}>{e.roles.map((r) => <Tag key={r}>{t(`enterpriseRole.${r}`)}</Tag>)}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.district')}>{e.district ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.contactName')}>{e.contact?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.contactPhone')}>{e.contact?.phone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.contactEmail')}>{e.contact?.email ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.field.contactAddress')} span={2}>{e.contact?.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('common.createdAt')}>{fmtDateTime(e.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('common.updatedAt')}>{fmtDateTime(e.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

export function EnterpriseDetailView({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const ent = useApi(() => enterprisesApi.get(id), id);
  const e = ent.data;

  if (ent.error) return <ErrorAlert error={ent.error} onRetry={ent.reload} />;
  if (!e) return <Card loading />;

  const mine = user.role === 'enterprise' && user.enterpriseId === e.id;
  const mayChange = mine || user.role === 'admin';
  const extra = (
    <Space>
      {can(user.role, 'filing.decide') && e.status === 'pending' ? <DecisionButtons kind="enterprises" id={e.id} name={e.name} onDecided={ent.reload} /> : null}
      {mayChange ? (
        <Link to={`/enterprises/${e.id}/edit`}>
          <Button icon={<EditOutlined />} data-testid="my-filing-change">{t('enterprise.submitChange')}</Button>
        </Link>
      ) : null}
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {e.name}
            <span data-testid="filing-status" data-status={e.status}><StatusTag status={e.status} /></span>
            <Typography.Text type="secondary">v{e.version}</Typography.Text>
            {e.approved && e.status !== 'approved' ? <Tag color="green">{t('filing.approvedInForce')}</Tag> : null}
          </Space>
        }
        extra={extra}
      >
        {e.status === 'rejected' ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('filing.rejectedBecause')} description={e.rejectReason || t('common.noReason')} data-testid="filing-reject-reason" /> : null}
        {e.status === 'pending' && mine ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('home.pendingHint')} /> : null}
        {e.warnings?.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('filing.warnings')}
            description={<ul style={{ margin: 0, paddingLeft: 18 }}>{e.warnings.map((w) => <li key={w.code}>{w.message[lang]} <Typography.Text type="secondary">({w.code})</Typography.Text></li>)}</ul>}
          />
        ) : null}
        <Current e={e} />
      </Card>
      <VersionHistory history={e.history ?? []} fields={enterpriseFieldDefs(t)} />
    </Space>
  );
}
