import { UserError } from '../errors.ts';

/**
 * Refuses a table the gemeente supplied when a check found problems (each naming its row and
 * column): the first ten, and how many more, so one message stays readable on a broken file.
 */
export function refuseTableProblems(problems: readonly string[], code: string, label: string, file: string): void {
  if (problems.length === 0) return;
  const more = problems.length > 10 ? ` (en nog ${problems.length - 10} andere)` : '';
  throw new UserError(code, `${label} ${file}: ${problems.slice(0, 10).join('; ')}${more}.`, { file });
}
