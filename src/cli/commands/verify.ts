import { UserError } from '../../core/errors.ts';
import { verifyDelivery } from '../../core/delivery/verifyDelivery.ts';
import type { Command } from '../command.ts';
import { EXIT } from '../io.ts';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Controleert een levering: formaat, aantallen, controlesommen en de privacycontrole.',
  usage: 'verify LEVERING.zip',
  async run(argv, io) {
    const [file, ...extra] = argv;
    if (!file || extra.length > 0) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef precies één leveringsbestand op.');
    const result = await verifyDelivery(file);
    if (result.ok) {
      const m = result.manifest!;
      io.stdout(`In orde: ${file}\n${m.gemeentecode} ${m.gemeentenaam}, periode ${m.periode}, ${m.bestanden['voorzieningen.csv'].rijen} voorzieningen, sleutel ${m.sleutel}\n`);
      return EXIT.ok;
    }
    io.stderr(`Niet in orde: ${file}\n${result.problems.map((p) => `- ${p}`).join('\n')}\n`);
    return EXIT.verificationFailed;
  },
};
