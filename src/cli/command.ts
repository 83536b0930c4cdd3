import type { Io } from './io.ts';

export type Command = {
  name: string;
  summary: string;
  usage: string;
  load(): Promise<{ run(argv: string[], io: Io): Promise<number> }>;
};
