import type { Db } from '../../store/database.ts';
import type { Pc6File } from './cbsPc6.ts';

/** Runs inside the caller's transaction. */
export function storeCbsPc6(db: Db, importId: number, pc6: Pc6File): void {
  const insert = db.prepare('INSERT INTO cbs_pc6 (import_id, jaar, pc6, buurt, wijk, gemeente, adressen) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const p of pc6.parts) insert.run(importId, pc6.jaar.jaar, p.pc6, p.buurt, p.wijk, p.gemeente, p.adressen);
}
