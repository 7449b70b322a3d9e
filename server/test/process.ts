/** Runs the hub as a child process (`node --import tsx server/src/main.ts`) on a loopback port, as `npm run hub` does. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface HubProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** Starts the hub and resolves once it listens. @throws {Error} with its output when it exits or takes over 60 s */
export function startHubProcess(env: Record<string, string>, port: number): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`startHubProcess: no "listening" within 60 s:\n${log}`));
    }, 60_000);
    child.stdout!.on('data', () => {
      if (log.includes('listening on')) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}`, child, output: () => log, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`startHubProcess: the hub exited with ${code}:\n${log}`));
    });
  });
}

/** Runs `npm run -s hub -- <args>` equivalent and returns stdout. @throws {Error} on a non-zero exit */
export function runHubCommand(env: Record<string, string>, args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`hub ${args.join(' ')} exited with ${code}: ${err.trim()}`)),
    ),
  );
}
