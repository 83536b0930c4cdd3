import { maskBsnRuns } from '../core/privacy/bsnRuns.ts';

export type Io = {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** True when stderr is a terminal, so progress lines help rather than clutter a log. */
  interactive: boolean;
};

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  // Warnings and errors may quote a header or a code from an export; no BSN-like run is printed.
  stderr: (text) => process.stderr.write(maskBsnRuns(text)),
  env: process.env,
  interactive: process.stderr.isTTY === true,
};

/** Exit codes of the CLI contract (shared/DESIGN.md). */
export const EXIT = { ok: 0, verificationFailed: 1, badInput: 2 } as const;
