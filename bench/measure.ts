/**
 * What the benchmarks share: running the real CLI as a child process, its wall clock and its peak
 * resident memory as the kernel counted it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = path.join(ROOT, 'bin', 'wijkmonitor.js');

export type Run = { code: number | null; stdout: string; stderr: string; seconds: number };

/** `cpuSeconds`: user + system time of the child (GNU time only), less skewed by a busy machine than the wall clock. */
export type Peak = { mib: number; method: string; crossCheckMib: number | null; cpuSeconds: number | null };

export function elapsed(started: number): number {
  return (performance.now() - started) / 1000;
}

export function step(text: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
}

/** Runs a command to completion, collecting its output; `seconds` is its wall clock as seen from here. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, seconds: elapsed(started) }));
  });
}

/** The CLI under the Node running this script (Node 24), never whichever `node` is first on PATH. */
export function cli(args: readonly string[], nodeFlags: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run(process.execPath, [...nodeFlags, CLI, ...args], env);
}

export function requireOk(what: string, result: Run): Run {
  if (result.code !== 0) throw new Error(`${what} eindigde met code ${result.code}:\n${result.stdout}${result.stderr}`);
  return result;
}

/**
 * Peak RSS comes from the kernel's own accounting of the child process (getrusage ru_maxrss,
 * the high-water mark, so no sampling can miss a short peak), read in two independent ways:
 * GNU `/usr/bin/time -v` (wait4's rusage of its child) and a preloaded module that writes
 * `process.resourceUsage().maxRSS` when the process exits. The first is reported when present;
 * the second is the fallback and a cross-check. Both are in KiB.
 */
const GNU_TIME = '/usr/bin/time';

export function gnuTimeWorks(dir: string): boolean {
  if (!existsSync(GNU_TIME)) return false;
  const report = path.join(dir, 'time-probe.txt');
  const probe = spawnSync(GNU_TIME, ['-v', '-o', report, process.execPath, '-e', '0']);
  return probe.status === 0 && existsSync(report) && maxRssFromTimeReport(readFileSync(report, 'utf8')) !== null;
}

function maxRssFromTimeReport(text: string): number | null {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

/** A module for `node --import` that leaves the process's own peak RSS (KiB) in a file at exit. */
function writeRssProbe(dir: string): string {
  const file = path.join(dir, 'rss-at-exit.mjs');
  writeFileSync(
    file,
    "import { writeFileSync } from 'node:fs';\n" +
      "process.on('exit', () => writeFileSync(process.env.WM_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  return file;
}

/** Runs the CLI (or another entry script, `entry`) with `args` and reports its wall clock and peak RSS. */
export async function cliWithPeak(dir: string, args: readonly string[], useGnuTime: boolean, env: NodeJS.ProcessEnv = {}, entry = CLI): Promise<{ result: Run; peak: Peak }> {
  const timeReport = path.join(dir, 'time-report.txt');
  const probeReport = path.join(dir, 'rss-at-exit.txt');
  const probe = writeRssProbe(dir);
  const nodeArgs = ['--import', pathToFileURL(probe).href, entry, ...args];
  const withProbe = { ...env, WM_BENCH_RSS_FILE: probeReport };
  const result = useGnuTime
    ? await run(GNU_TIME, ['-v', '-o', timeReport, process.execPath, ...nodeArgs], withProbe)
    : await run(process.execPath, nodeArgs, withProbe);
  const probeKib = existsSync(probeReport) ? Number(readFileSync(probeReport, 'utf8')) : null;
  const timeKib = useGnuTime && existsSync(timeReport) ? maxRssFromTimeReport(readFileSync(timeReport, 'utf8')) : null;
  const kib = timeKib ?? probeKib;
  const report = useGnuTime && existsSync(timeReport) ? readFileSync(timeReport, 'utf8') : '';
  const user = /User time \(seconds\): ([\d.]+)/.exec(report);
  const system = /System time \(seconds\): ([\d.]+)/.exec(report);
  const cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : null;
  if (kib === null) throw new Error('Piekgeheugen niet gemeten: geen uitvoer van /usr/bin/time of van de exit-probe.');
  return {
    result,
    peak: {
      mib: kib / 1024,
      method: timeKib !== null ? 'GNU /usr/bin/time -v (wait4 ru_maxrss)' : 'process.resourceUsage().maxRSS at exit (--import probe)',
      crossCheckMib: timeKib !== null && probeKib !== null ? probeKib / 1024 : null,
      cpuSeconds,
    },
  };
}

/** The median of some runs (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall clock and CPU seconds (user + system) of work done in this process. */
export async function measureInProcess(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}

/** Repeated in-process measurements by name, reported as medians of wall and CPU seconds. */
export function medians() {
  const results = new Map<string, { wall: number[]; cpu: number[] }>();
  return {
    async measure(name: string, work: () => Promise<unknown>): Promise<void> {
      const m = await measureInProcess(work);
      const r = results.get(name) ?? { wall: [], cpu: [] };
      results.set(name, r);
      r.wall.push(m.wall);
      r.cpu.push(m.cpu);
    },
    lines(): string[] {
      return [...results].map(([name, r]) => `${name.padEnd(48)} wall ${median(r.wall).toFixed(3)} s   cpu ${median(r.cpu).toFixed(3)} s`);
    },
  };
}
