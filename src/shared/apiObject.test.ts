import { describe, expect, test } from 'vitest';
import type { CallName } from './api.ts';
import { createBridge } from './apiObject.ts';

/** Every method of the bridge, called once, with the name it sent. */
export function contractCalls(): { method: string; name: CallName }[] {
  const seen: { method: string; name: CallName }[] = [];
  let current = '';
  const bridge = createBridge({
    invoke: async (name) => {
      seen.push({ method: current, name });
      return { ok: true, result: null };
    },
    subscribe: () => () => {},
  });
  for (const [ns, methods] of Object.entries(bridge)) {
    if (typeof methods === 'function') continue;
    for (const [method, fn] of Object.entries(methods as Record<string, (args?: unknown) => unknown>)) {
      current = `${ns}.${method}`;
      void fn({});
    }
  }
  return seen;
}

describe('createBridge', () => {
  test('every method invokes the call it is named after', () => {
    for (const { method, name } of contractCalls()) expect(name).toBe(method);
  });

  test('exposes only the contract and onProgress', () => {
    const bridge = createBridge({ invoke: async () => ({ ok: true, result: null }), subscribe: () => () => {} });
    expect(Object.keys(bridge).sort()).toEqual(['app', 'areas', 'audit', 'delivery', 'import', 'jobs', 'key', 'onProgress', 'overzicht', 'products', 'quality', 'settings']);
  });
});
