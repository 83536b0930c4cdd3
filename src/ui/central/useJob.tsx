import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../shared/api.ts';
import { api } from '../api.ts';

/** A long call with a job id: its progress while it runs, and a way to cancel it. */
export function useJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(() => api.onProgress((event) => event.jobId === jobId && setProgress(event)), [jobId]);
  return {
    jobId,
    progress,
    async run<T>(work: (jobId: string) => Promise<T>): Promise<T> {
      const id = crypto.randomUUID();
      setProgress(null);
      setJobId(id);
      try {
        return await work(id);
      } finally {
        setJobId(null);
      }
    },
    cancel: () => (jobId ? api.jobs.cancel({ id: jobId }) : Promise.resolve({ cancelled: false })),
  };
}

/** The progress bar and cancel button of a running job; nothing when none runs. */
export function JobProgress({ job, label }: { job: ReturnType<typeof useJob>; label: string }) {
  if (!job.jobId) return null;
  const p = job.progress;
  return (
    <div className="run" data-testid="job-progress">
      <progress aria-label={label} {...(p && p.total ? { value: p.done, max: p.total } : {})} />
      <span role="status">{p ? `${p.phase}${p.total ? ` (${p.done.toLocaleString('nl-NL')} van ${p.total.toLocaleString('nl-NL')})` : ''}` : 'bezig…'}</span>
      <button type="button" className="secondary" onClick={() => void job.cancel()}>
        Annuleren
      </button>
    </div>
  );
}
