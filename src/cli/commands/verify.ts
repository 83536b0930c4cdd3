import { UserError } from '../../core/errors.ts';
import { verifyDelivery } from '../../core/delivery/verifyDelivery.ts';
import { EXIT, type Io } from '../io.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const [file, ...extra] = argv;
  if (!file || extra.length > 0) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef precies één leveringsbestand op.');
  const result = await verifyDelivery(file);
  if (result.ok) {
    const m = result.manifest!;
    const n = result.lasten.length;
    const lasten = m.versie === 2 ? `, ${n} ${n === 1 ? 'regel' : 'regels'} lasten (levering v2)` : '';
    io.stdout(`In orde: ${file}\n${m.gemeentecode} ${m.gemeentenaam}, periode ${m.periode}, ${m.bestanden['voorzieningen.csv'].rijen} voorzieningen${lasten}, sleutel ${m.sleutel}\n`);
    return EXIT.ok;
  }
  io.stderr(`Niet in orde: ${file}\n${result.problems.map((p) => `- ${p}`).join('\n')}\n`);
  return EXIT.verificationFailed;
}
