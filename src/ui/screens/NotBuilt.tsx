import type { Screen } from '../navigation.ts';

/** Says plainly that a screen is not there yet; never shows example figures. */
export function NotBuilt({ screen }: { screen: Screen }) {
  return (
    <section className="not-built" data-testid="not-built">
      <p className="purpose">{screen.purpose}</p>
      <p className="notice" role="status">
        Dit onderdeel is nog niet gebouwd. Er worden hier nog geen gegevens getoond.
      </p>
    </section>
  );
}
