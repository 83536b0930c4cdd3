import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readElectronFuses, REQUIRED_FUSES } from './fuses.ts';

describe('Electron fuses', () => {
  test('electron-builder.yml flips every fuse the app needs', () => {
    const config = readFileSync(path.resolve(import.meta.dirname, '../electron-builder.yml'), 'utf8');
    expect(readElectronFuses(config)).toMatchObject(REQUIRED_FUSES);
  });

  test('the reader refuses what would leave a fuse at its default', () => {
    expect(() => readElectronFuses('appId: x\n')).toThrow('found 0');
    expect(() => readElectronFuses('electronFuses:\n  runAsNode: "false"\n')).toThrow('unreadable');
    expect(() => readElectronFuses('electronFuses:\n  runAsNode: false\n  runAsNode: true\n')).toThrow('twice');
    expect(readElectronFuses('electronFuses:\n  # comment\n  runAsNode: false\nwin:\n  x: true\n')).toEqual({ runAsNode: false });
  });
});
