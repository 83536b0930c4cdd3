import { z } from 'zod';
import { defineHandler, noArgs } from '../api/registry.ts';
import { exportActions, listActions, recordAction } from './auditLog.ts';

export const auditHandlers = [
  defineHandler('audit.list', z.object({ limit: z.number().int().min(1).max(1000) }).strict(), ({ limit }, { db }) => listActions(db, limit)),

  defineHandler('audit.export', noArgs, async (_args, { db, dialogs }) => {
    const file = await dialogs.save({
      title: 'Logboek opslaan',
      defaultName: 'wijkmonitor-logboek.csv',
      filters: [{ name: 'CSV (puntkomma)', extensions: ['csv'] }],
    });
    if (file === null) return { saved: false as const };
    const rows = exportActions(db, file);
    recordAction(db, 'logboek geëxporteerd', { regels: rows });
    return { saved: true as const, path: file };
  }),
];
