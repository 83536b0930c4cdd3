import type { Command } from './command.ts';
import { deliverCommand } from './commands/deliver.ts';
import { demoCommand } from './commands/demo.ts';
import { infoCommand } from './commands/info.ts';
import { keyCommand } from './commands/key.ts';
import { mappingCommand } from './commands/mapping.ts';
import { productsCommand } from './commands/products.ts';
import { qualityCommand } from './commands/quality.ts';
import { verifyCommand } from './commands/verify.ts';

/** Every command of the CLI, once; `--help` lists them in this order. */
export const commands: readonly Command[] = [keyCommand, mappingCommand, deliverCommand, verifyCommand, qualityCommand, productsCommand, demoCommand, infoCommand];
