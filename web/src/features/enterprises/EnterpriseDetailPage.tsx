import { useParams } from 'react-router-dom';
import { EnterpriseDetailView } from './EnterpriseDetailView';

export function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  return <EnterpriseDetailView id={id} />;
}
