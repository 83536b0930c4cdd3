import { useEffect, useRef, useState } from 'react';
import type { ProgressEvent } from '../../shared/api.ts';
import { api, ApiCallError } from '../api.ts';

const number = new Intl.NumberFormat('nl-NL');

/**
 * One long call at a time with its progress: `run` hands the call a fresh job id, and the
 * progress events of that id are kept until the call ends, however it ends.
 */
export function useJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const cancelled = useRef(false);
  // The job started last: a view that starts a new call when its choices change must not let the
  // end of an earlier call hide the progress (or lose the cancel) of the one that runs.
  const latest = useRef<string | null>(null);
  useEffect(() => api.onProgress((event) => event.jobId === jobId && setProgress(event)), [jobId]);
  const run = <T,>(start: (jobId: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    cancelled.current = false;
    latest.current = id;
    setJobId(id);
    setProgress(null);
    return start(id)
      .catch((error: unknown) => {
        // A call stopped halfway answers with whatever its work threw; the user asked for it, so say that.
        if (cancelled.current && !(error instanceof ApiCallError && error.code === 'GEANNULEERD')) throw CANCELLED;
        throw error;
      })
      .finally(() => {
        if (latest.current !== id) return;
        latest.current = null;
        setJobId(null);
        setProgress(null);
      });
  };
  const cancel = () => {
    const id = latest.current;
    if (!id) return;
    cancelled.current = true;
    void api.jobs.cancel({ id });
  };
  return { jobId, progress, run, cancel, busy: jobId !== null };
}

const CANCELLED = new ApiCallError({ code: 'GEANNULEERD', message: 'Geannuleerd. Wat bezig was, is niet opgeslagen; een bestand wordt nooit half geschreven.' });

/** The progress bar of a running job, what it is doing in words, and Annuleren. */
export function JobProgress({ job, label }: { job: ReturnType<typeof useJob>; label: string }) {
  if (!job.jobId) return null;
  const { progress } = job;
  return (
    <span className="job-progress" data-testid="job-progress">
      <progress aria-label={label} max={progress?.total ?? undefined} value={progress?.total ? progress.done : undefined} />
      {progress && (
        <span role="status">
          {progress.phase}
          {progress.total ? ` (${number.format(progress.done)} van ${number.format(progress.total)})` : ''}
        </span>
      )}
      <button type="button" className="secondary" onClick={job.cancel}>
        Annuleren
      </button>
    </span>
  );
}
