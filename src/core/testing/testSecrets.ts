import type { SecretStore } from '../api/registry.ts';

/** Stands in for the OS key store in unit tests: reversible, and visibly not the plain key. */
export function createTestSecrets(): SecretStore {
  const flip = (data: Uint8Array) => Uint8Array.from(data, (b) => b ^ 0x5a);
  return { protect: async (data) => flip(data), unprotect: async (data) => flip(data) };
}
