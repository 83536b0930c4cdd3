import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../core/api/registry.ts';

/**
 * The harness's stand-in for Electron's safeStorage, for browser tests only: AES-256-GCM with a
 * random key kept in the test's data folder, so a restarted harness on the same folder still
 * reads the stored key. It protects nothing against someone with that folder — which is why the
 * real app uses the operating system's key store instead.
 */
export function createHarnessSecrets(dataDir: string): SecretStore {
  const file = path.join(dataDir, 'testomgeving-kluis.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32), { flag: 'wx' });
  const master = readFileSync(file);
  return {
    async protect(data) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', master, iv);
      const body = Buffer.concat([cipher.update(data), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async unprotect(data) {
      const bytes = Buffer.from(data);
      const decipher = createDecipheriv('aes-256-gcm', master, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
    },
  };
}
