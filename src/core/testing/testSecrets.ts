import type { SecretStore } from '../api/registry.ts';

/** Stands in for the OS key store in unit tests: reversible, and visibly not the plain key. */
export function createTestSecrets(): SecretStore {
  const flip = (data: Uint8Array) => Uint8Array.from(data, (b) => b ^ 0x5a);
  return { protect: async (data) => flip(data), unprotect: async (data) => flip(data) };
}

/**
 * The same stand-in, keeping every plain key it hands out (and every key it is given to protect)
 * so a test can check that each was zeroed once its job ended. `slow` delays protecting, as the
 * OS key store over IPC does, so that two calls interleave.
 */
export function createRecordingSecrets(): SecretStore & { handedOut: Uint8Array[]; given: Uint8Array[]; slow: boolean } {
  const inner = createTestSecrets();
  const store = {
    handedOut: [] as Uint8Array[],
    given: [] as Uint8Array[],
    slow: false,
    async protect(data: Uint8Array) {
      store.given.push(data);
      if (store.slow) await new Promise((resolve) => setTimeout(resolve, 20));
      return inner.protect(data);
    },
    async unprotect(data: Uint8Array) {
      const plain = await inner.unprotect(data);
      store.handedOut.push(plain);
      return plain;
    },
  };
  return store;
}
