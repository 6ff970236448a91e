import { consoleStoreFor } from '../../../store/console-registry.ts';
import { Console } from '../../components/Console.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export default function DataTypesScene() {
  const { t } = useI18n();
  const store = consoleStoreFor('data-types');
  return (
    <main className="scene">
      <h2>{t.lessons['data-types'].title}</h2>
      <p className="lead">{t.dataTypes.lead}</p>
      <Console store={store} />
    </main>
  );
}
