import { useI18n } from '../../i18n/i18n.tsx';

/** The post's comparison with a Java HashMap, as one short step of the lesson. */
export function HashMapStep() {
  const { t } = useI18n();
  return (
    <section className="hashmap-step" aria-labelledby="hashmap-heading">
      <h3 id="hashmap-heading">{t.explorer.hashMapHeading}</h3>
      {t.explorer.hashMap.map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
    </section>
  );
}
