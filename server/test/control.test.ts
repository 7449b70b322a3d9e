/** The control socket an admin command uses to reach a running hub: answers, errors, and what it refuses. */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { controlSocketPath, sendControl, serveControl } from '../src/control.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function serve(run: (argv: readonly string[]) => Promise<string>) {
  const dir = mkdtempSync(join(tmpdir(), 'accountlens-control-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = controlSocketPath(dir);
  const stop = await serveControl(path, run);
  cleanup.push(stop);
  return path;
}

/** Sends raw bytes and returns the whole answer. */
function raw(path: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path, () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (answer += d));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('control socket', () => {
  it('runs a command and answers with its output or its error', async () => {
    const path = await serve(async (argv) => {
      if (argv[0] === 'fail') throw new Error('addUser: a rep needs --team');
      return `ran ${argv.join(' ')}`;
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await sendControl(path, ['user', 'list'])).toEqual({ ok: true, output: 'ran user list' });
    expect(await sendControl(path, ['fail'])).toEqual({ ok: false, error: 'addUser: a rep needs --team' });
  });

  it('refuses malformed and oversized requests without running anything', async () => {
    const ran: string[][] = [];
    const path = await serve(async (argv) => {
      ran.push([...argv]);
      return 'ran';
    });
    expect(JSON.parse(await raw(path, 'not json\n'))).toMatchObject({ ok: false, error: /malformed request/ });
    expect(JSON.parse(await raw(path, '{"argv":[]}\n'))).toMatchObject({ ok: false, error: /malformed request/ });
    expect(JSON.parse(await raw(path, '{"argv":[1,2]}\n'))).toMatchObject({ ok: false, error: /malformed request/ });
    expect(JSON.parse(await raw(path, 'x'.repeat(70_000)))).toEqual({ ok: false, error: 'control: request too large' });
    expect(ran).toEqual([]);
  });

  it("replaces a dead hub's socket file, and says so when nothing listens", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accountlens-control-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = controlSocketPath(dir);
    writeFileSync(path, 'left over');
    await expect(sendControl(path, ['team', 'list'])).rejects.toThrow(`sendControl: ${path}:`);
    const stop = await serveControl(path, async () => 'north');
    expect(await sendControl(path, ['team', 'list'])).toEqual({ ok: true, output: 'north' });
    await stop();
    await expect(sendControl(path, ['team', 'list'])).rejects.toThrow(/ENOENT/);
  });
});
