import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * A JSON file the store wrote itself (atomically), read against its schema: null when it does not
 * exist, `false` when it is there but unreadable (damaged or edited by hand), so each caller can
 * say in its own words what the damage means and what to do.
 */
export function readStoredJson<T extends z.ZodType>(file: string, schema: T): z.infer<T> | null | false {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : false;
  } catch {
    return false;
  }
}
