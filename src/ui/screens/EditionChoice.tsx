import { useState } from 'react';
import type { Edition, Settings } from '../../shared/api.ts';
import { api } from '../api.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

const choices: { edition: Edition; title: string; text: string }[] = [
  {
    edition: 'gemeente',
    title: 'Gemeente-editie',
    text: 'Voor de data-aanleverancier van een gemeente: exports inlezen, kwaliteit controleren, pseudonimiseren en de kwartaallevering maken.',
  },
  {
    edition: 'analist',
    title: 'Analist-editie',
    text: 'Voor de centrale analist: leveringen van gemeenten samenvoegen, vergelijken met referentiegroepen en rapportages maken.',
  },
];

export function EditionChoice({ onChosen }: { onChosen(settings: Settings): void }) {
  const [error, setError] = useState<unknown>(null);
  const choose = (edition: Edition) => {
    api.settings.setEdition({ edition }).then(onChosen, setError);
  };
  return (
    <main className="edition-choice" aria-labelledby="edition-title">
      <h1 id="edition-title">Welkom bij Wijkmonitor</h1>
      <p>Kies hoe u Wijkmonitor op deze computer gebruikt. U kunt dit later wijzigen bij Instellingen.</p>
      <div className="edition-cards">
        {choices.map((choice) => (
          <button key={choice.edition} type="button" className="edition-card" onClick={() => choose(choice.edition)}>
            <span className="edition-card-title">{choice.title}</span>
            <span>{choice.text}</span>
          </button>
        ))}
      </div>
      <ErrorMessage error={error} />
    </main>
  );
}
