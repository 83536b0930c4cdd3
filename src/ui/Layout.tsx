import { useEffect, useRef } from 'react';
import type { Edition, Settings } from '../shared/api.ts';
import { editionLabels, screensByEdition, settingsScreen } from './navigation.ts';
import { AreasScreen } from './screens/AreasScreen.tsx';
import { ProgrammeringScreen } from './screens/ProgrammeringScreen.tsx';
import { LastenScreen } from './screens/LastenScreen.tsx';
import { DeliveryScreen } from './screens/DeliveryScreen.tsx';
import { ImportScreen } from './screens/ImportScreen.tsx';
import { KeyScreen } from './screens/KeyScreen.tsx';
import { BegrippenScreen } from './overzicht/BegrippenScreen.tsx';
import { OverzichtScreen } from './overzicht/OverzichtScreen.tsx';
import { ProductsScreen } from './screens/ProductsScreen.tsx';
import { QualityScreen } from './screens/QualityScreen.tsx';
import { NotBuilt } from './screens/NotBuilt.tsx';
import { ExportScreen } from './central/ExportScreen.tsx';
import { LeveringenScreen } from './central/LeveringenScreen.tsx';
import { ReferentiedataScreen } from './central/ReferentiedataScreen.tsx';
import { SettingsScreen } from './screens/SettingsScreen.tsx';
import { useHashRoute } from './useHashRoute.ts';
import { BenchmarkScreen } from './central/BenchmarkScreen.tsx';
import { ReferentiegroepenScreen } from './central/ReferentiegroepenScreen.tsx';

type Props = { edition: Edition; settings: Settings; onSettingsChanged(settings: Settings): void; focusTitle?: boolean };

export function Layout({ edition, settings, onSettingsChanged, focusTitle = false }: Props) {
  const screens = [...screensByEdition[edition], settingsScreen];
  const [route, navigate] = useHashRoute(screens[0]!.id);
  const current = screens.find((s) => s.id === route) ?? screens[0]!;
  // After going to another screen, keyboard and screen-reader users continue at its title, not
  // at the menu link they used (or nowhere, when the screen came from a link inside a screen).
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(current.id);
  useEffect(() => {
    if (focusTitle) heading.current?.focus();
  }, []);
  useEffect(() => {
    if (shown.current === current.id) return;
    shown.current = current.id;
    heading.current?.focus();
  }, [current.id]);

  return (
    <div className="layout">
      <a
        className="skip-link"
        href="#screen-title"
        onClick={(event) => {
          // The address holds the route; a plain jump to the anchor would replace it.
          event.preventDefault();
          heading.current?.focus();
        }}
      >
        Naar de inhoud
      </a>
      <nav className="sidebar" aria-label="Hoofdmenu">
        <div className="brand">
          <span className="brand-name">Wijkmonitor</span>
          <span className="brand-edition">{editionLabels[edition]}</span>
          {edition === 'gemeente' && settings.gemeenteNaam && (
            <span className="brand-gemeente" data-testid="gemeente-badge">
              {settings.gemeenteNaam} ({settings.gemeenteCode})
            </span>
          )}
          {edition === 'analist' && settings.organisatieNaam && <span className="brand-gemeente" data-testid="organisatie-badge">{settings.organisatieNaam}</span>}
        </div>
        <ul>
          {screens.map((screen) => (
            <li key={screen.id}>
              <a
                href={`#/${screen.id}`}
                aria-current={screen.id === current.id ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(screen.id);
                }}
              >
                {screen.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" aria-labelledby="screen-title">
        <h1 id="screen-title" tabIndex={-1} ref={heading}>
          {current.label}
        </h1>
        {current.id === settingsScreen.id ? (
          <SettingsScreen settings={settings} onSettingsChanged={onSettingsChanged} />
        ) : current.id === 'sleutel' ? (
          <KeyScreen />
        ) : current.id === 'importeren' ? (
          <ImportScreen />
        ) : current.id === 'kwaliteit' ? (
          <QualityScreen />
        ) : current.id === 'producten' ? (
          <ProductsScreen />
        ) : current.id === 'gebieden' ? (
          <AreasScreen />
        ) : current.id === 'programmering' ? (
          <ProgrammeringScreen />
        ) : current.id === 'lasten' ? (
          <LastenScreen />
        ) : current.id === 'levering' ? (
          <DeliveryScreen />
        ) : current.id === 'overzicht' ? (
          <OverzichtScreen />
        ) : current.id === 'begrippen' ? (
          <BegrippenScreen />
        ) : current.id === 'referentiegroepen' ? (
          <ReferentiegroepenScreen />
        ) : current.id === 'benchmark' ? (
          <BenchmarkScreen />
        ) : current.id === 'leveringen' ? (
          <LeveringenScreen />
        ) : current.id === 'referentiedata' ? (
          <ReferentiedataScreen />
        ) : current.id === 'export' ? (
          <ExportScreen />
        ) : (
          <NotBuilt screen={current} />
        )}
      </main>
    </div>
  );
}
