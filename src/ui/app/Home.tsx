import { useI18n } from '../i18n/i18n.tsx';
import { sceneIds, sceneComponents } from '../scenes/registry.ts';
import { ResetEverything } from './ResetEverything.tsx';

export function Home() {
  const { t } = useI18n();
  return (
    <main className="home">
      <p className="lead">{t.intro}</p>
      <h2>{t.lessonsHeading}</h2>
      <ol className="lesson-list">
        {sceneIds.map((id) => {
          const lesson = t.lessons[id];
          const ready = sceneComponents[id] !== undefined;
          return (
            <li key={id} className={ready ? 'lesson ready' : 'lesson coming'}>
              {ready ? (
                <a href={`#/${id}`}>{lesson.title}</a>
              ) : (
                <span>
                  {lesson.title} <span className="badge">{t.coming}</span>
                </span>
              )}
              <p>{lesson.blurb}</p>
            </li>
          );
        })}
      </ol>
      <ResetEverything />
    </main>
  );
}
