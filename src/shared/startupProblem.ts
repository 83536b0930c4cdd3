/**
 * What the startup error screen (the renderer's StartupError and Electron's dialog) says above
 * the core's message, per failure code: a corrupt, locked, read-only or too-new database each
 * need a different action from the user. Pure and dependency-free, shared by both.
 */
export type StartupProblem = { titel: string; advies: string };

const PROBLEMS: Record<string, StartupProblem> = {
  DATABASE_TE_NIEUW: { titel: 'De database is van een nieuwere versie', advies: 'Installeer de nieuwste versie van Wijkmonitor.' },
  DATABASE_BESCHADIGD: { titel: 'De database is beschadigd', advies: 'Zet een back-up terug of neem contact op met de beheerder. Wijkmonitor verandert niets aan het bestand.' },
  DATABASE_VERGRENDELD: { titel: 'De database is in gebruik door een ander proces', advies: 'Sluit het andere programma of venster dat de database open heeft en start Wijkmonitor opnieuw.' },
  GEGEVENSMAP_IN_GEBRUIK: { titel: 'De gegevensmap is in gebruik door een ander proces', advies: 'Sluit het andere venster of de opdracht van Wijkmonitor en start opnieuw.' },
  DATABASE_ALLEEN_LEZEN: { titel: 'De database is alleen-lezen', advies: 'Vraag de beheerder om schrijfrechten op de gegevensmap.' },
  DATABASE_NIET_TE_OPENEN: { titel: 'De database kan niet worden geopend', advies: 'Controleer of de gegevensmap bestaat en bereikbaar is.' },
};

const UNKNOWN: StartupProblem = { titel: 'Er ging iets mis bij het starten', advies: 'Kopieer de foutmelding en neem contact op met de beheerder.' };

export function startupProblem(code: string | null | undefined): StartupProblem {
  return code && Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code]! : UNKNOWN;
}
