/**
 * The fuses the packaged app must have (electron-builder's `electronFuses`), and a reader for
 * that block of `electron-builder.yml`. The reader understands exactly the shape we write — a
 * top-level `electronFuses:` followed by indented `name: true|false` lines — and refuses anything
 * else, so a typo or a quoted "false" fails the test instead of silently leaving a fuse at its
 * default. No YAML library: the project declares none, and this block needs none.
 */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

export function readElectronFuses(yamlText: string): Record<string, boolean> {
  const lines = yamlText.split(/\r?\n/);
  const starts = lines.flatMap((line, i) => (/^electronFuses:\s*(#.*)?$/.test(line) ? [i] : []));
  if (starts.length !== 1) throw new Error(`expected one top-level electronFuses block, found ${starts.length}`);
  const fuses: Record<string, boolean> = {};
  for (const line of lines.slice(starts[0]! + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (!/^\s/.test(line)) break;
    const match = /^\s+([A-Za-z]+):\s*(true|false)\s*(#.*)?$/.exec(line);
    if (!match) throw new Error(`unreadable fuse line: ${line.trim()}`);
    if (match[1]! in fuses) throw new Error(`fuse set twice: ${match[1]}`);
    fuses[match[1]!] = match[2] === 'true';
  }
  return fuses;
}
