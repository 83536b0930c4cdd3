import type { Dialogs } from '../core/api/registry.ts';
import { UserError } from '../core/errors.ts';

/**
 * On the command line the paths are arguments; a handler that asks a dialog gets them, once.
 * A second question is a mistake in the command, not something to answer twice.
 */
export function argumentDialogs(answers: { open?: readonly string[]; save?: string }): Dialogs {
  let open = answers.open ? [...answers.open] : null;
  let save = answers.save ?? null;
  const none = () => new UserError('GEEN_DIALOOG', 'Op de opdrachtregel is geen bestandskeuzevenster beschikbaar; geef het pad als argument.');
  return {
    open: async () => {
      if (open === null) throw none();
      const paths = open;
      open = null;
      return paths;
    },
    save: async () => {
      if (save === null) throw none();
      const file = save;
      save = null;
      return file;
    },
  };
}
