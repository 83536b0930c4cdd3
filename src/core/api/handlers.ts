import { auditHandlers } from '../audit/handlers.ts';
import { areaHandlers, classificationHandlers } from '../classification/handlers.ts';
import { benchmarkHandlers } from '../benchmark/handlers.ts';
import { benchmarkScreenHandlers } from '../benchmark/screenHandlers.ts';
import { wijkMapHandlers } from '../classification/wijkMapHandlers.ts';
import { centralHandlers } from '../central/handlers.ts';
import { centralScreenHandlers } from '../central/screenHandlers.ts';
import { deliveryHandlers } from '../delivery/handlers.ts';
import { berichtenHandlers } from '../import/berichten/handlers.ts';
import { importHandlers } from '../import/handlers.ts';
import { overzichtHandlers } from '../indicators/handlers.ts';
import { programmeringHandlers } from '../programmering/handlers.ts';
import { lastenHandlers } from '../lasten/handlers.ts';
import { keyHandlers } from '../pseudonym/handlers.ts';
import { qualityHandlers } from '../quality/handlers.ts';
import { settingsHandlers } from '../settings/handlers.ts';
// analist-editie: referentiegegevens
import { referenceHandlers } from '../central/reference/handlers.ts';
// analist-editie: pakketten; gemeente-editie: benchmark
import { packHandlers } from '../pack/handlers.ts';
import { latestVersion } from '../store/database.ts';
import { z } from 'zod';
import { createRegistry, defineHandler, noArgs, type HandlerDefinition } from './registry.ts';

const appHandlers = [
  defineHandler('app.info', noArgs, (_args, { appVersion }) => ({ version: appVersion, schemaVersion: latestVersion() })),
  defineHandler('jobs.cancel', z.object({ id: z.string().min(1).max(100) }).strict(), ({ id }, { cancelJob }) => ({
    cancelled: cancelJob(id),
  })),
];

/** Every handler of the core, once. Hosts register these and nothing else. */
export const allHandlers: readonly HandlerDefinition[] = [...appHandlers, ...settingsHandlers, ...auditHandlers, ...keyHandlers, ...importHandlers, ...berichtenHandlers, ...qualityHandlers, ...classificationHandlers, ...areaHandlers, ...programmeringHandlers, ...lastenHandlers, ...deliveryHandlers, ...overzichtHandlers, ...centralHandlers, ...centralScreenHandlers, ...referenceHandlers, ...benchmarkHandlers, ...benchmarkScreenHandlers, ...wijkMapHandlers, ...packHandlers];

export function createAppRegistry() {
  return createRegistry(allHandlers);
}
