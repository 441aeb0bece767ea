/** An enterprise id shown as its name (looked up once per page load and cached), linking to the filing. */
import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { enterprisesApi } from '../../api/endpoints';

const names = new Map<string, Promise<string | null>>();

function lookup(id: string): Promise<string | null> {
  let p = names.get(id);
  if (!p) {
    p = enterprisesApi.get(id).then((e) => e.name, () => null);
    names.set(id, p);
  }
  return p;
}

export function EnterpriseName({ id }: { id: string | null | undefined }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (id) void lookup(id).then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [id]);
  if (!id) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Link to={`/enterprises/${id}`} title={id}>
      {name ?? `${id.slice(0, 8)}…`}
    </Link>
  );
}
