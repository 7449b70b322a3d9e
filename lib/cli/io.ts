/** File access and progress output for the `lens` commands: the only place they touch the file system. */
import { createReadStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { inputError } from './cli-error.ts';
import type { Source } from '../engine/import/index.ts';

/** Reads a file as bytes for the importer (which detects the encoding). @throws {CliError} exit 2 when unreadable */
export function readSource(path: string, option: string): Source {
  try {
    return { name: basename(path), content: new Uint8Array(readFileSync(path)) };
  } catch (error) {
    throw inputError(
      `cannot read ${option} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

const STREAM_CHUNK = 1024 * 1024;

/**
 * A file for the importer to read as it streams in (1 MB chunks), so that its size is not bounded by memory or by
 * the longest string. @throws {CliError} exit 2 when it cannot be opened
 */
export function streamSource(path: string, option: string): Source {
  let bytes: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'not a file' });
    bytes = stat.size;
  } catch (error) {
    throw inputError(
      `cannot read ${option} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return {
    name: basename(path),
    content: {
      bytes,
      chunks: () => createReadStream(path, { highWaterMark: STREAM_CHUNK }) as AsyncIterable<Uint8Array>,
    },
  };
}

/** Reads a UTF-8 text file (a leading BOM dropped). @throws {CliError} exit 2 when unreadable */
export function readText(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw inputError(
      `cannot read ${option} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** Reads and parses a JSON file. @throws {CliError} exit 2 when unreadable or not JSON */
export function readJson(path: string, option: string): unknown {
  const text = readText(path, option);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw inputError(`${option} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Writes text to a file (creating its folder) or, for undefined or "-", to stdout. */
export function writeOutput(path: string | undefined, text: string): void {
  if (path === undefined || path === '-') {
    process.stdout.write(text);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** One progress line on stderr, so stdout stays clean for JSON. */
export function progress(message: string): void {
  process.stderr.write(`lens: ${message}\n`);
}
