import { UserError } from '../errors.ts';

/**
 * Refuses a table the gemeente supplied when a check found problems (each naming its row and
 * column): the first ten, and how many more, so one message stays readable on a broken file.
 * `hint` adds a sentence after them (what the refused columns allow); worked out only for a
 * refusal, as a table without problems needs none.
 */
export function refuseTableProblems(problems: readonly string[], code: string, label: string, file: string, hint?: () => string): void {
  if (problems.length === 0) return;
  const more = problems.length > 10 ? ` (en nog ${problems.length - 10} andere)` : '';
  const after = hint?.() ?? '';
  throw new UserError(code, `${label} ${file}: ${problems.slice(0, 10).join('; ')}${more}.${after === '' ? '' : ` ${after}`}`, { file });
}
