import { useEffect, useState } from 'react';
import type { IndicatorDefinition } from '../../shared/api.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../screens/ErrorMessage.tsx';

/**
 * Begrippen: every figure's definition, so analysts, contract managers and controllers read the
 * same number the same way. The text is the engine's own (resources/indicatoren.csv).
 */
export function BegrippenScreen() {
  const [list, setList] = useState<IndicatorDefinition[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.overzicht.begrippen().then(setList, setError);
  }, []);
  if (!list) return <ErrorMessage error={error} />;
  return (
    <section className="panel wide">
      <dl className="begrippen" data-testid="begrippen">
        {list.map((d) => (
          <div key={d.code}>
            <dt>
              {d.naam} <span className="code">({d.code}, {d.eenheid})</span>
            </dt>
            <dd>{d.formule}</dd>
            <dd className="populatie">Populatie: {d.populatie}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
