import { useEffect, useState } from 'react';
import type { Settings } from '../shared/api.ts';
import { api, ApiCallError } from './api.ts';
import { Layout } from './Layout.tsx';
import { EditionChoice } from './screens/EditionChoice.tsx';
import { StartupError } from './screens/StartupError.tsx';

type State = { kind: 'loading' } | { kind: 'failed'; message: string; code?: string } | { kind: 'ready'; settings: Settings };

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  // After the edition is chosen its card is gone; the first screen's title takes the focus.
  const [justChosen, setJustChosen] = useState(false);

  useEffect(() => {
    api.settings
      .get()
      .then((settings) => setState({ kind: 'ready', settings }))
      .catch((error: unknown) =>
        setState(
          error instanceof ApiCallError ? { kind: 'failed', message: error.message, code: error.code } : { kind: 'failed', message: 'Wijkmonitor kon niet starten.' },
        ),
      );
  }, []);

  switch (state.kind) {
    case 'loading':
      return <p className="loading">Wijkmonitor wordt gestart…</p>;
    case 'failed':
      return <StartupError message={state.message} code={state.code} />;
    case 'ready': {
      const update = (settings: Settings) => setState({ kind: 'ready', settings });
      const { edition } = state.settings;
      return edition === null ? (
        <EditionChoice
          onChosen={(settings) => {
            setJustChosen(true);
            update(settings);
          }}
        />
      ) : (
        <Layout edition={edition} settings={state.settings} onSettingsChanged={update} focusTitle={justChosen} />
      );
    }
  }
}
