import { consoleStoresFor } from '../../../store/console-registry.ts';
import { Console } from '../../components/Console.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Explorer } from './explorer/Explorer.tsx';
import { HashMapStep } from './HashMapStep.tsx';
import { Snippets } from './Snippets.tsx';
import './data-types.css';

/**
 * The data-types lesson: a redis-cli on the wall clock (no simulated time), the keyspace it
 * changes drawn beside it, examples to run, and the HashMap comparison.
 */
export default function DataTypesScene() {
  const { t } = useI18n();
  const stores = consoleStoresFor('data-types');
  return (
    <main className="scene data-types">
      <h2>{t.lessons['data-types'].title}</h2>
      <p className="lead">{t.dataTypes.lead}</p>
      <div className="dt-layout">
        <div className="dt-console">
          <Console store={stores.console} help={stores.help} />
          <Snippets store={stores.console} />
        </div>
        <Explorer store={stores.keyspace} />
      </div>
      <HashMapStep />
    </main>
  );
}
