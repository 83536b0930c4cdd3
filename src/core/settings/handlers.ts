import { z } from 'zod';
import { recordAction } from '../audit/auditLog.ts';
import { defineHandler, noArgs } from '../api/registry.ts';
import { getSettings, setEdition, setGemeente, setOrganisatie } from './settings.ts';

export const gemeenteCodeSchema = z
  .string()
  .trim()
  .regex(/^GM\d{4}$/i, 'Een gemeentecode bestaat uit GM gevolgd door 4 cijfers, bijvoorbeeld GM0392.');

export const settingsHandlers = [
  defineHandler('settings.get', noArgs, (_args, { db }) => getSettings(db)),

  defineHandler('settings.setEdition', z.object({ edition: z.enum(['gemeente', 'analist']) }).strict(), ({ edition }, { db }) => {
    db.transaction(() => {
      setEdition(db, edition);
      recordAction(db, 'editie gekozen', { editie: edition });
    })();
    return getSettings(db);
  }),

  defineHandler(
    'settings.setGemeente',
    z
      .object({
        code: gemeenteCodeSchema,
        naam: z.string().trim().min(1, 'Vul de naam van de gemeente in.').max(80, 'De gemeentenaam is te lang (hoogstens 80 tekens).'),
      })
      .strict(),
    ({ code, naam }, { db }) => {
      db.transaction(() => {
        setGemeente(db, code, naam);
        recordAction(db, 'gemeente ingesteld', { gemeentecode: code.toUpperCase() });
      })();
      return getSettings(db);
    },
  ),

  defineHandler(
    'settings.setOrganisatie',
    z.object({ naam: z.string().trim().min(1, 'Vul de naam van de centrale organisatie in.').max(120, 'De naam is te lang (hoogstens 120 tekens).') }).strict(),
    ({ naam }, { db }) => {
      db.transaction(() => {
        setOrganisatie(db, naam);
        recordAction(db, 'organisatie ingesteld', { naam });
      })();
      return getSettings(db);
    },
  ),
];
