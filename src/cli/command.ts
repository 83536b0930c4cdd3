import type { Io } from './io.ts';

export type Command = {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
};
