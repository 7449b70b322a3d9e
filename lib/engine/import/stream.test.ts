import { describe, expect, it } from 'vitest';
import { StreamDecoder } from './decode.ts';
import { formatImportReport, importDataset, type ChunkedContent } from './index.ts';
import { MAX_JSON_CHARS, MAX_RECORD_CHARS } from './table.ts';

const enc = new TextEncoder();
const ACCOUNTS = { name: 'kunden.csv', content: 'Kundennummer;Firma\n10001;Müller GmbH\n10002;Straße AG\n' };
const HEADER = 'Belegnummer;Kundennummer;Belegdatum;Artikelnummer;Artikelbezeichnung;Menge;Nettobetrag';

/** The bytes in chunks cut at the given offsets. */
function chunked(bytes: Uint8Array, cuts: readonly number[]): ChunkedContent {
  const bounds = [0, ...cuts, bytes.length];
  return {
    bytes: bytes.length,
    async *chunks() {
      for (let i = 0; i + 1 < bounds.length; i++) yield bytes.slice(bounds[i], bounds[i + 1]);
    },
  };
}

function decodeAll(bytes: Uint8Array, cuts: readonly number[]): { text: string; encoding: string } {
  const d = new StreamDecoder();
  const bounds = [0, ...cuts, bytes.length];
  let text = '';
  for (let i = 0; i + 1 < bounds.length; i++) text += d.push(bytes.subarray(bounds[i], bounds[i + 1]));
  return { text: text + d.end(), encoding: d.encoding };
}

describe('StreamDecoder', () => {
  it('decodes a character split across chunks at every cut, with and without BOM', () => {
    const text = 'Müller – 10 € 🚀 Straße';
    for (const bom of [false, true]) {
      const body = enc.encode(text);
      const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
      for (let cut = 1; cut < bytes.length; cut++) {
        expect(decodeAll(bytes, [cut])).toEqual({ text, encoding: 'utf-8' });
      }
      expect(decodeAll(bytes, [1, 2])).toEqual({ text, encoding: 'utf-8' });
    }
  });

  it('reads Windows-1252 wherever its first high byte falls, a chunk end included', () => {
    // "Müller" and "€" in Windows-1252: 0xfc, 0x80.
    const bytes = new Uint8Array([...enc.encode('Kunde;Name\n1;M'), 0xfc, ...enc.encode('ller '), 0x80, 0x0a]);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(decodeAll(bytes, [cut])).toEqual({ text: 'Kunde;Name\n1;Müller €\n', encoding: 'windows-1252' });
    }
  });
});

describe('importDataset: streamed sources', () => {
  const lines = [
    HEADER,
    'RE-1;10001;31.01.2024;A-1;"Kartusche ""XL""\r\nschwarz";1;1.234,50',
    'RE-2;10002;01.02.2024;B-2;Größe M – Öl;2;9,99',
    'RE-3;10001;02.02.2024;C-3;Schlüssel €;3;5,00',
  ];
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(`${lines.join('\r\n')}\r\n`)]);
  const expected = [
    ['RE-1', 'Kartusche "XL"\r\nschwarz', 1234.5],
    ['RE-2', 'Größe M – Öl', 9.99],
    ['RE-3', 'Schlüssel €', 5],
  ];

  it('gives the same lines wherever the chunks cut the file (BOM, multi-byte characters, quoted CRLF, CRLF)', async () => {
    const interesting = [
      1, // inside the BOM
      bytes.indexOf(0xc3), // before "ö" … and inside it below
      bytes.indexOf(0xc3) + 1,
      bytes.indexOf(0x0d), // between \r and \n of the header's CRLF
      bytes.indexOf(0x0d) + 1,
    ];
    const quotedBreak = bytes.indexOf(0x0d, bytes.indexOf(0x22)); // the line break inside the quoted value
    interesting.push(quotedBreak, quotedBreak + 1);
    const euro = bytes.lastIndexOf(0xe2); // "€" is three bytes: cut after the first and the second
    interesting.push(euro + 1, euro + 2);
    const cutSets = [...interesting.map((c) => [c]), interesting.sort((a, b) => a - b)];
    for (let cut = 1; cut < bytes.length; cut += 7) cutSets.push([cut]);
    for (const cuts of cutSets) {
      const r = await importDataset({
        accounts: ACCOUNTS,
        orders: { name: 'umsatz.csv', content: chunked(bytes, cuts) },
      });
      if (!r.ok) throw new Error(`cuts ${cuts.join(',')}: ${formatImportReport(r.errors)}`);
      expect(r.dataset.orders.map((o) => [o.orderId, o.productName, o.netAmount])).toEqual(expected);
      expect(r.stats.files[1]).toMatchObject({ encoding: 'utf-8', rows: 3, bytes: bytes.length });
    }
  });

  it('folds the lines into histories as they come, like buildHistories', async () => {
    const r = await importDataset(
      { accounts: ACCOUNTS, orders: { name: 'umsatz.csv', content: chunked(bytes, [40, 41, 90]) } },
      { fold: true },
    );
    if (!r.ok) throw new Error(formatImportReport(r.errors));
    expect(r.dataset.orders).toEqual([]);
    expect(r.stats.orders).toBe(3);
    expect(r.folded?.asOf).toBe('2024-02-03');
    const history = r.folded?.histories.get('10001');
    expect(history?.orders.map((o) => [o.orderId, o.revenue, o.skus])).toEqual([
      ['RE-1', 1234.5, ['A-1']],
      ['RE-3', 5, ['C-3']],
    ]);
  });

  it('names the file and the limit when a row never ends (an unclosed quote)', async () => {
    const text = `${HEADER}\nRE-1;10001;31.01.2024;A-1;"open;1;1,00\n${'x'.repeat(1000)}\n`.repeat(1);
    const filler = enc.encode(text + 'y'.repeat(MAX_RECORD_CHARS + 2 * 1024 * 1024));
    const r = await importDataset({
      accounts: ACCOUNTS,
      orders: { name: 'umsatz.csv', content: chunked(filler, [1 << 20, 5 << 20]) },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatImportReport(r.errors)).toBe(
      `umsatz.csv, row 2: the row starting here is longer than the ${MAX_RECORD_CHARS / 1024 / 1024} MB a row may have (an unclosed quote?)`,
    );
  });

  it('names the file and the limit when a JSON export is too large to parse whole', async () => {
    const piece = enc.encode(`{"orders":[${'{"Belegnummer":"RE-1"},'.repeat(40_000)}`);
    const repeats = Math.ceil(MAX_JSON_CHARS / piece.length) + 1;
    const content: ChunkedContent = {
      bytes: piece.length * repeats,
      async *chunks() {
        for (let i = 0; i < repeats; i++) yield piece;
      },
    };
    const r = await importDataset({ accounts: ACCOUNTS, orders: { name: 'umsatz.json', content } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatImportReport(r.errors, 'en')).toBe(
      `umsatz.json: the file is larger than the ${MAX_JSON_CHARS / 1024 / 1024} MB a JSON export may have here; export it as CSV instead`,
    );
  });

  it('reports a file whose bytes turn from UTF-8 into another encoding, with the file, instead of misreading it', async () => {
    const head = enc.encode(`${HEADER}\nRE-1;10001;31.01.2024;A-1;Größe;1;1,00\n`);
    const tail = new Uint8Array([...enc.encode('RE-2;10001;31.01.2024;A-1;Gr'), 0xf6, ...enc.encode('sse;1;1,00\n')]);
    const bytes = new Uint8Array([...head, ...tail]);
    const r = await importDataset({
      accounts: ACCOUNTS,
      orders: { name: 'umsatz.csv', content: chunked(bytes, [head.length]) },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatImportReport(r.errors)).toBe(
      `umsatz.csv: bytes after offset ${head.length} are not UTF-8 although the text before them is; save the file in one encoding`,
    );
  });
});
