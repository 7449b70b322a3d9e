/**
 * Text decoding for exports. Excel writes "CSV UTF-8" with a BOM and plain "CSV" in the Windows code page, which is
 * Windows-1252 for German; ERP exports are either. TextDecoder exists in every runtime the engine runs in (Worker,
 * service worker, Node) but is not part of the ES lib, so it is reached through a minimal local type; Windows-1252
 * is decoded with its own table so that no ICU data is needed.
 */

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
type TextDecoderConstructor = new (
  label: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => TextDecoderLike;

/**
 * Windows-1252 bytes 0x80–0x9F (https://encoding.spec.whatwg.org/index-windows-1252.txt); the five undefined ones
 * map to the C1 controls as WHATWG says. Bytes 0xA0–0xFF equal their Latin-1 code points.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const BLOCK = 8192;
/** Any character beyond ASCII. */
const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * Decodes an export's bytes: a UTF-8 BOM means UTF-8 (BOM dropped); otherwise strict UTF-8 if the bytes are valid
 * UTF-8, else Windows-1252. Plain ASCII reads as UTF-8. O(n).
 *
 * @throws {Error} if the runtime has no TextDecoder
 * @example
 * decodeText(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72])); // => { text: 'Müller', encoding: 'windows-1252' }
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const TextDecoder = (globalThis as unknown as { TextDecoder?: TextDecoderConstructor }).TextDecoder;
  if (!TextDecoder) throw new Error('decodeText: this runtime has no TextDecoder');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes = new Uint16Array(BLOCK);
  for (let start = 0; start < bytes.length; start += BLOCK) {
    const end = Math.min(bytes.length, start + BLOCK);
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      codes[i - start] = b >= 0x80 && b < 0xa0 ? (CP1252_HIGH[b - 0x80] as number) : b;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, end - start)));
  }
  return parts.join('');
}

/** Thrown by StreamDecoder when a file that was UTF-8 so far has bytes that are not. */
export class MixedEncodingError extends Error {
  constructor(readonly byteOffset: number) {
    super(`bytes after offset ${byteOffset} are not UTF-8, but the text before them is UTF-8`);
  }
}

/**
 * Decodes an export chunk by chunk, as decodeText does the whole: a UTF-8 BOM means UTF-8; otherwise UTF-8 as long as
 * the bytes are valid UTF-8. A file that is plain ASCII up to its first invalid byte is Windows-1252 from there on
 * (ASCII reads the same either way, so nothing read before changes); a file with valid UTF-8 characters and later
 * invalid bytes throws MixedEncodingError, as there is no one encoding to read it in. A character split across
 * chunks is decoded once the rest of it arrives. O(n).
 *
 * @throws {Error} if the runtime has no TextDecoder
 * @example
 * const d = new StreamDecoder();
 * d.push(new Uint8Array([0x4d, 0xc3])) + d.push(new Uint8Array([0xbc])) + d.end(); // => 'Mü'
 */
export class StreamDecoder {
  encoding: 'utf-8' | 'windows-1252' = 'utf-8';
  private utf8: TextDecoderStreamLike | undefined;
  private head: Uint8Array | undefined = new Uint8Array(0);
  private asciiSoFar = true;
  private offset = 0;
  private emitted = 0;
  private tail: Uint8Array = new Uint8Array(0);

  push(bytes: Uint8Array): string {
    if (this.head !== undefined) {
      // The BOM needs the first three bytes, which may come in more than one chunk.
      const joined = new Uint8Array(this.head.length + bytes.length);
      joined.set(this.head);
      joined.set(bytes, this.head.length);
      if (joined.length < 3) {
        this.head = joined;
        return '';
      }
      this.head = undefined;
      const TextDecoder = textDecoder();
      const bom = joined[0] === 0xef && joined[1] === 0xbb && joined[2] === 0xbf;
      this.utf8 = new TextDecoder('utf-8', bom ? { ignoreBOM: false } : { fatal: true }) as TextDecoderStreamLike;
      if (bom) this.asciiSoFar = false;
      bytes = joined;
    }
    return this.decode(bytes, true);
  }

  end(): string {
    if (this.head !== undefined) {
      const rest = this.head;
      this.head = undefined;
      if (rest.length === 0) return '';
      this.utf8 = new (textDecoder())('utf-8', { fatal: true }) as TextDecoderStreamLike;
      return this.decode(rest, false);
    }
    return this.decode(new Uint8Array(0), false);
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    const at = this.offset;
    this.offset += bytes.length;
    if (this.encoding === 'windows-1252') return decodeWindows1252(bytes);
    try {
      const text = (this.utf8 as TextDecoderStreamLike).decode(bytes, { stream });
      if (this.asciiSoFar) {
        if (NON_ASCII.test(text)) this.asciiSoFar = false;
        else this.emitted += text.length;
      }
      this.tail = bytes.length >= 3 ? bytes.subarray(bytes.length - 3) : bytes;
      return text;
    } catch {
      if (!this.asciiSoFar) throw new MixedEncodingError(at);
      this.encoding = 'windows-1252';
      // All text so far is ASCII, one byte per character: the bytes not yet emitted are the start of a character
      // the previous chunk ended in, which are Windows-1252 characters of their own.
      const pending = at - this.emitted;
      const before = pending > 0 ? decodeWindows1252(this.tail.subarray(this.tail.length - pending)) : '';
      return before + decodeWindows1252(bytes);
    }
  }
}

interface TextDecoderStreamLike {
  decode(input: Uint8Array, options?: { stream?: boolean }): string;
}

function textDecoder(): TextDecoderConstructor {
  const TextDecoder = (globalThis as unknown as { TextDecoder?: TextDecoderConstructor }).TextDecoder;
  if (!TextDecoder) throw new Error('decodeText: this runtime has no TextDecoder');
  return TextDecoder;
}
