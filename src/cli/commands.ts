import type { Command } from './command.ts';
import { infoCommand } from './commands/info.ts';

/** Every command of the CLI, once; `--help` lists them in this order. */
export const commands: readonly Command[] = [infoCommand];
