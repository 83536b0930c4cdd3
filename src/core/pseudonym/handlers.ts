import path from 'node:path';
import { z } from 'zod';
import { defineHandler, noArgs } from '../api/registry.ts';
import { recordAction } from '../audit/auditLog.ts';
import { UserError } from '../errors.ts';
import { backupStoredKey, confirmBackup, createStoredKey, keyStatus, restoreKey } from './keyVault.ts';

const passphrase = z.string().min(1, 'Vul de wachtwoordzin in.').max(1000);
const keyFilter = [{ name: 'Wijkmonitor-sleutel', extensions: ['wmkey'] }];

export const keyHandlers = [
  defineHandler('key.status', noArgs, (_args, { db }) => keyStatus(db)),

  defineHandler('key.create', noArgs, async (_args, { db, secrets }) => {
    const vingerafdruk = await createStoredKey(db, secrets);
    recordAction(db, 'sleutel aangemaakt', { sleutel: vingerafdruk });
    return keyStatus(db);
  }),

  defineHandler('key.backup', z.object({ passphrase }).strict(), async ({ passphrase }, { db, secrets, dialogs }) => {
    const status = keyStatus(db);
    const file = await dialogs.save({ title: 'Back-up van de sleutel opslaan', defaultName: `wijkmonitor-${status.vingerafdruk ?? 'sleutel'}.wmkey`, filters: keyFilter });
    if (file === null) return { saved: false as const };
    const vingerafdruk = await backupStoredKey(db, secrets, file, passphrase);
    recordAction(db, 'sleutel geback-upt', { sleutel: vingerafdruk, bestand: path.basename(file) });
    return { saved: true as const, path: file };
  }),

  defineHandler('key.confirmBackup', z.object({ passphrase }).strict(), async ({ passphrase }, { db, secrets, dialogs }) => {
    const [file] = await dialogs.open({ title: 'Back-up van de sleutel controleren', multiple: false, filters: keyFilter });
    if (file === undefined) return keyStatus(db);
    await confirmBackup(db, secrets, file, passphrase);
    recordAction(db, 'back-up van sleutel bevestigd', { bestand: path.basename(file) });
    return keyStatus(db);
  }),

  defineHandler('key.restore', z.object({ passphrase, vervangen: z.boolean() }).strict(), async ({ passphrase, vervangen }, { db, secrets, dialogs }) => {
    const [file] = await dialogs.open({ title: 'Sleutel terugzetten', multiple: false, filters: keyFilter });
    if (file === undefined) return keyStatus(db);
    if (!file.toLowerCase().endsWith('.wmkey')) throw new UserError('GEEN_SLEUTELBESTAND', `${path.basename(file)} is geen .wmkey-bestand.`);
    const vingerafdruk = await restoreKey(db, secrets, file, passphrase, vervangen);
    recordAction(db, 'sleutel teruggezet', { sleutel: vingerafdruk, bestand: path.basename(file) });
    return keyStatus(db);
  }),
];
