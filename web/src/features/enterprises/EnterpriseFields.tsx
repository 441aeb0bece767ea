/**
 * The fields of an enterprise filing, shared by self-registration, a new filing and a change.
 * Client checks (USCC shape, customs code shape) give early feedback; the server's answer is authoritative.
 */
import { Checkbox, Col, Form, Input, Row } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { ENTERPRISE_ROLES, type EnterpriseInput } from '../../api/types';
import { CodeSelect } from '../../ui/CodeSelect';

export const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
/** 4 region digits then 6 alphanumerics (older codes are all digits). */
export const CUSTOMS_CODE_SHAPE = /^\d{4}[0-9A-Z]{6}$/;

const upper = (e: React.ChangeEvent<HTMLInputElement>) => e.target.value.toUpperCase().trim();

interface Props {
  /** Form path of the enterprise object ([] or ['enterprise']). */
  prefix?: string[];
  /** data-testid prefix, e.g. "register" gives register-uscc. */
  testPrefix: string;
  /** A filed USCC cannot change (a different USCC is a different enterprise). */
  usccLocked?: boolean;
}

export function EnterpriseFields({ prefix = [], testPrefix, usccLocked }: Props) {
  const { t } = useTranslation();
  const n = (...names: string[]) => [...prefix, ...names];
  const tid = (s: string) => `${testPrefix}-${s}`;

  // One message at a time: the length first, then the characters.
  const shaped = (len: number, shape: RegExp, lengthMsg: string, shapeMsg: string): Rule => ({
    validator: (_, v: string | undefined) =>
      !v ? Promise.resolve() : v.length !== len ? Promise.reject(new Error(lengthMsg)) : shape.test(v) ? Promise.resolve() : Promise.reject(new Error(shapeMsg)),
  });
  const usccRules: Rule[] = [
    { required: true, message: t('enterprise.validate.usccRequired') },
    shaped(18, USCC_SHAPE, t('enterprise.validate.usccLength'), t('enterprise.validate.usccShape')),
  ];
  const customsRules: Rule[] = [
    { required: true, message: t('enterprise.validate.customsCodeRequired') },
    shaped(10, CUSTOMS_CODE_SHAPE, t('enterprise.validate.customsCodeLength'), t('enterprise.validate.customsCodeShape')),
  ];

  return (
    <>
      <Form.Item name={n('name')} label={t('enterprise.field.name')} rules={[{ required: true, whitespace: true, message: t('enterprise.validate.nameRequired') }, { min: 2, max: 200, message: t('enterprise.validate.nameLength') }]}>
        <Input maxLength={200} data-testid={tid('name')} autoComplete="organization" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={n('uscc')} label={t('enterprise.field.uscc')} rules={usccRules} getValueFromEvent={upper} extra={usccLocked ? t('enterprise.hint.usccLocked') : t('enterprise.hint.uscc')}>
            <Input maxLength={18} disabled={usccLocked} data-testid={tid('uscc')} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={n('customsCode')} label={t('enterprise.field.customsCode')} rules={customsRules} getValueFromEvent={upper} extra={t('enterprise.hint.customsCode')}>
            <Input maxLength={10} data-testid={tid('customs-code')} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('roles')} label={t('enterprise.field.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('enterprise.validate.rolesRequired') }]}>
        <Checkbox.Group data-testid={tid('roles')}>
          <Row gutter={[8, 4]}>
            {ENTERPRISE_ROLES.map((r) => (
              <Col key={r} xs={12} md={8}>
                <Checkbox value={r} data-testid={tid(`role-${r}`)}>
                  {t(`enterpriseRole.${r}`)}
                </Checkbox>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name={n('district')} label={t('enterprise.field.district')}>
        <CodeSelect table="districts" data-testid={tid('district')} placeholder={t('enterprise.hint.district')} fallbackPlaceholder={t('enterprise.hint.districtCode')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={n('contact', 'name')} label={t('enterprise.field.contactName')}>
            <Input maxLength={100} data-testid={tid('contact-name')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={n('contact', 'phone')} label={t('enterprise.field.contactPhone')} rules={[{ pattern: /^[+\d][\d\s-]{5,19}$/, message: t('enterprise.validate.phone') }]}>
            <Input maxLength={20} data-testid={tid('contact-phone')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={n('contact', 'email')} label={t('enterprise.field.contactEmail')} rules={[{ type: 'email', message: t('enterprise.validate.email') }]}>
            <Input maxLength={200} data-testid={tid('contact-email')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={n('contact', 'address')} label={t('enterprise.field.contactAddress')}>
            <Input maxLength={300} data-testid={tid('contact-address')} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** Drops empty optional values so the body carries only what the user filled in. */
export function cleanEnterprise(v: EnterpriseInput): EnterpriseInput {
  const contact = Object.fromEntries(Object.entries(v.contact ?? {}).filter(([, x]) => typeof x === 'string' && x.trim() !== '').map(([k, x]) => [k, (x as string).trim()]));
  return {
    name: v.name.trim(),
    uscc: v.uscc.trim(),
    customsCode: v.customsCode.trim(),
    roles: v.roles,
    ...(v.district ? { district: v.district } : {}),
    ...(Object.keys(contact).length ? { contact } : {}),
    ...(v.acceptUsccCheckFailure ? { acceptUsccCheckFailure: true } : {}),
  };
}

/** Server field names of an enterprise filing -> form name paths under `prefix`. */
export function enterpriseFieldMap(prefix: string[] = []): Record<string, string[]> {
  const m: Record<string, string[]> = {};
  for (const f of ['name', 'uscc', 'customsCode', 'roles', 'district']) {
    m[f] = [...prefix, f];
    m[[...prefix, f].join('.')] = [...prefix, f];
  }
  for (const f of ['name', 'phone', 'email', 'address']) {
    m[`contact.${f}`] = [...prefix, 'contact', f];
    m[[...prefix, 'contact', f].join('.')] = [...prefix, 'contact', f];
  }
  return m;
}
