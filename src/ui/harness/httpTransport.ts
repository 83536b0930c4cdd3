import type { ApiResponse, ProgressEvent } from '../../shared/api.ts';
import type { Transport } from '../../shared/apiObject.ts';

/**
 * The API over HTTP, for the test harness only: the production bundle never contains this file
 * (a test checks the built renderer). The token comes from the page address the harness printed.
 */
export function createHttpTransport(token: string): Transport {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    async invoke(name, args): Promise<ApiResponse<unknown>> {
      const response = await fetch(`/api/call/${encodeURIComponent(name)}`, { method: 'POST', headers, body: JSON.stringify(args ?? {}) });
      if (!response.ok) return { ok: false, error: { code: 'HARNESS', message: `Testomgeving antwoordde ${response.status}` } };
      return (await response.json()) as ApiResponse<unknown>;
    },
    subscribe(listener) {
      const controller = new AbortController();
      void (async () => {
        const response = await fetch('/api/events', { headers, signal: controller.signal });
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) if (line.trim() !== '') listener(JSON.parse(line) as ProgressEvent);
        }
      })().catch(() => {});
      return () => controller.abort();
    },
    // A browser tells no one where a dropped file lives, so the harness gets the bytes (see server.ts).
    async offerDrop(files) {
      const form = new FormData();
      for (const file of files) form.append('bestand', file as unknown as Blob, file.name);
      const response = await fetch('/api/drop', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      if (!response.ok) throw new Error(`Testomgeving antwoordde ${response.status}`);
      return ((await response.json()) as { drop: string }).drop;
    },
  };
}
