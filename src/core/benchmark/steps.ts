/**
 * Long synchronous computations (clustering thousands of wijken) written as generators that
 * yield after each step: run straight through where nothing waits, or step by step in a job, so
 * progress leaves between steps and a cancel is seen at the next one.
 */
export type Step = { phase: string; done: number; total: number };

export function runSteps<T>(steps: Generator<Step, T>): T {
  let next = steps.next();
  while (!next.done) next = steps.next();
  return next.value;
}

/** Step by step: each step is reported, then the event loop gets a turn, then the signal is checked. */
export async function runStepsAsync<T>(steps: Generator<Step, T>, options: { onStep: (step: Step) => void; signal: AbortSignal; cancelled: () => Error }): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    options.onStep(next.value);
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal.aborted) {
      steps.return(undefined as T);
      throw options.cancelled();
    }
    next = steps.next();
  }
  return next.value;
}
