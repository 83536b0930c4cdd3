import { readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

export function appVersion(): string {
  cached ??= (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
