import type { CentralApproval } from '../../../shared/api.ts';
import { recordAction } from '../../audit/auditLog.ts';
import { UserError } from '../../errors.ts';
import { parsePeriode } from '../../period/periode.ts';
import type { Db } from '../../store/database.ts';

/**
 * Records the gemeente's akkoord voor publicatie on its current version of the period. The
 * akkoord belongs to that levering row, so a later version (a new row) starts without one.
 */
export function approveDelivery(db: Db, input: { gemeente: string; periode: string; door: string; now?: Date }): CentralApproval {
  const periode = parsePeriode(input.periode).code;
  const door = input.door.trim();
  if (door === '') throw new UserError('DOOR_ONTBREEKT', 'Geef op wie namens de gemeente akkoord gaf.');
  const current = db.prepare("SELECT id, versie FROM levering WHERE gemeente = ? AND periode = ? AND status = 'actueel'").get(input.gemeente, periode) as
    | { id: number; versie: number }
    | undefined;
  if (!current) throw new UserError('GEEN_LEVERING', `Er is geen geaccepteerde levering van ${input.gemeente} over ${periode}; akkoord is niet vastgelegd.`);
  const op = (input.now ?? new Date()).toISOString();
  db.transaction(() => {
    db.prepare('INSERT INTO akkoord (levering_id, door, op) VALUES (?, ?, ?) ON CONFLICT (levering_id) DO UPDATE SET door = excluded.door, op = excluded.op').run(current.id, door, op);
    recordAction(db, 'akkoord vastgelegd', { gemeente: input.gemeente, periode, versie: current.versie, door });
  })();
  return { gemeente: input.gemeente, periode, versie: current.versie, door, op };
}
