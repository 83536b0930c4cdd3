import { safeStorage } from 'electron';
import type { SecretStore } from '../../src/core/api/registry.ts';
import { UserError } from '../../src/core/errors.ts';

/**
 * The key at rest is protected by the operating system (DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux). Linux's `basic_text` fallback is a hard-coded password, so it is
 * refused rather than trusted.
 */
export function createSafeStorageSecrets(): SecretStore {
  const check = () => {
    const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
    if (!safeStorage.isEncryptionAvailable() || weak) {
      throw new UserError(
        'GEEN_SLEUTELKLUIS',
        'Deze computer biedt geen beveiligde opslag voor de sleutel (sleutelbos van het besturingssysteem). Vraag de beheerder om die in te schakelen.',
      );
    }
  };
  return {
    async protect(data) {
      check();
      return safeStorage.encryptString(Buffer.from(data).toString('base64'));
    },
    async unprotect(data) {
      check();
      return Buffer.from(safeStorage.decryptString(Buffer.from(data)), 'base64');
    },
  };
}
