import type { Io } from './io.ts';

/** A single self-overwriting progress line on a terminal; silent when stderr is a log file. */
export function progressLine(io: Io): { update: (event: { phase: string; done: number; total: number | null }) => void; done: () => void } {
  let last = 0;
  let shown = false;
  return {
    update(event) {
      if (!io.interactive) return;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      const share = event.total ? ` ${Math.floor((event.done / event.total) * 100)}%` : '';
      io.stderr(`\r${event.phase}${share}`.padEnd(60));
    },
    done() {
      if (shown) io.stderr('\r'.padEnd(61) + '\r');
    },
  };
}
