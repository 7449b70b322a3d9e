import { describe, expect, it } from 'vitest';
import { importDataset } from './index.ts';
import { detach } from './string-pool.ts';

describe('importDataset: rows across chunk boundaries', () => {
  it('reads quoted values with delimiters and line breaks wherever the 1 MB chunks cut the file', async () => {
    // 30,000 lines of about 90 characters (2.7 MB) with a quoted two-line name on every line.
    const n = 30_000;
    const rows = ['Belegnummer;Kundennummer;Belegdatum;Artikelnummer;Artikelbezeichnung;Menge;Nettobetrag'];
    for (let i = 0; i < n; i++) {
      rows.push(
        `RE-${String(i).padStart(8, '0')};10001;31.01.2024;A-${i % 7};"Toner; schwarz ""XL""\nKartusche ${i}";1;${i},25`,
      );
    }
    const text = rows.join('\r\n');
    // Both cuts (at 1 MB and 2 MB) fall inside a quoted value: an odd number of quote characters precedes them.
    for (const cut of [1 << 20, 2 << 20]) expect((text.slice(0, cut).match(/"/g) ?? []).length % 2).toBe(1);
    const r = await importDataset({
      accounts: { name: 'k.csv', content: 'Kundennummer;Firma\n10001;Müller GmbH\n' },
      orders: { name: 'o.csv', content: new TextEncoder().encode(text) },
    });
    if (!r.ok) throw new Error(r.errors[0]?.message);
    expect(r.dataset.orders.length).toBe(n);
    for (const i of [0, 1, 11_000, 11_001, 22_000, n - 1]) {
      const line = r.dataset.orders[i]!;
      expect([line.orderId, line.productName, line.netAmount]).toEqual([
        `RE-${String(i).padStart(8, '0')}`,
        `Toner; schwarz "XL"\nKartusche ${i}`,
        i + 0.25,
      ]);
    }
    expect(r.dataset.orders.every((o, i) => o.productName === `Toner; schwarz "XL"\nKartusche ${i}`)).toBe(true);
  });
});

describe('detach', () => {
  it('gives an equal string, short or long', () => {
    const long = 'Enteisungsspray Profi 500 ml'.repeat(3);
    expect(detach(long.slice(5, 40))).toBe(long.slice(5, 40));
    expect(detach('EUR')).toBe('EUR');
  });
});
