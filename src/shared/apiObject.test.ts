import { describe, expect, test } from 'vitest';
import type { CallName, DroppedFile } from './api.ts';
import { createBridge } from './apiObject.ts';

/** Every method of the bridge, called once and awaited (some ask their host first), with the name it sent. */
export async function contractCalls(): Promise<{ method: string; name: CallName }[]> {
  const seen: { method: string; name: CallName }[] = [];
  let current = '';
  const bridge = createBridge({
    invoke: async (name) => {
      seen.push({ method: current, name });
      return { ok: true, result: null };
    },
    subscribe: () => () => {},
    offerDrop: async () => 'token',
  });
  for (const [ns, methods] of Object.entries(bridge)) {
    if (typeof methods === 'function') continue;
    for (const [method, fn] of Object.entries(methods as Record<string, (args?: unknown) => unknown>)) {
      current = `${ns}.${method}`;
      await fn({});
    }
  }
  return seen;
}

describe('createBridge', () => {
  test('every method invokes the call it is named after', async () => {
    const calls = await contractCalls();
    expect(calls.length).toBeGreaterThan(30);
    for (const { method, name } of calls) expect(name).toBe(method);
  });

  test('exposes only the contract and onProgress', () => {
    const bridge = createBridge({ invoke: async () => ({ ok: true, result: null }), subscribe: () => () => {}, offerDrop: async () => 'token' });
    expect(Object.keys(bridge).sort()).toEqual(['app', 'areas', 'audit', 'benchmark', 'central', 'delivery', 'import', 'jobs', 'key', 'lasten', 'onProgress', 'overzicht', 'products', 'programmering', 'quality', 'settings']);
  });

  test('dropped files go to the host; the core gets only the token the host answered', async () => {
    const offered: (readonly DroppedFile[])[] = [];
    const sent: { name: string; args: unknown }[] = [];
    const bridge = createBridge({
      invoke: async (name, args) => {
        sent.push({ name, args });
        return { ok: true, result: { bestanden: [], geweigerd: [] } };
      },
      subscribe: () => () => {},
      offerDrop: async (files) => {
        offered.push(files);
        return 'eenmalig-1';
      },
    });
    const files = [{ name: 'export.csv', size: 10 }];
    expect(await bridge.import.dropFiles({ files })).toEqual({ ok: true, result: { bestanden: [], geweigerd: [] } });
    expect(offered).toEqual([files]);
    expect(sent).toEqual([{ name: 'import.dropFiles', args: { drop: 'eenmalig-1' } }]);
  });

  test('a drop the host could not take is a Dutch refusal, and the core is not called', async () => {
    const sent: string[] = [];
    const bridge = createBridge({
      invoke: async (name) => {
        sent.push(name);
        return { ok: true, result: null };
      },
      subscribe: () => () => {},
      offerDrop: async () => {
        throw new Error('Error invoking remote method');
      },
    });
    expect(await bridge.import.dropFiles({ files: [{ name: 'export.csv', size: 1 }] })).toMatchObject({ ok: false, error: { code: 'SLEPEN_MISLUKT' } });
    expect(sent).toEqual([]);
  });
});
