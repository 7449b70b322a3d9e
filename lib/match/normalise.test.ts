import { describe, expect, it } from 'vitest';
import { nameTrigrams, normaliseCompanyName, trigramCodes } from './normalise.ts';

describe('normaliseCompanyName', () => {
  it.each([
    // German forms (HGB, GmbHG, AktG) and their spellings
    ['Müller Maschinenbau GmbH & Co. KG', 'mueller maschinenbau'],
    ['MUELLER MASCHINENBAU GMBH & CO KG', 'mueller maschinenbau'],
    ['Müller-Maschinenbau GmbH', 'mueller maschinenbau'],
    ['Kraft Logistik AG', 'kraft logistik'],
    ['Nordlicht Energie SE', 'nordlicht energie'],
    ['Bäckerei Straßer e.K.', 'baeckerei strasser'],
    ['Bäckerei Straßer e. K.', 'baeckerei strasser'],
    ['Hansen Industriebedarf UG (haftungsbeschränkt)', 'hansen industriebedarf'],
    ['Alpenglanz Hotels Gesellschaft mit beschränkter Haftung', 'alpenglanz hotels'],
    ['Schmidt Werkzeuge mbH', 'schmidt werkzeuge'],
    ['Weber & Partner KGaA', 'weber & partner'],
    ['Dr. Oetker KG', 'dr oetker'],
    ['Müller & Söhne GmbH', 'mueller & soehne'],
    ['Gebr. Schulz OHG', 'gebr schulz'],
    // Other countries
    ['Acme, Inc.', 'acme'],
    ['Globex Corp.', 'globex'],
    ['Initech LLC', 'initech'],
    ['Acme UK Ltd', 'acme uk'],
    ['Unilever PLC', 'unilever'],
    ['Société Générale S.A.', 'societe generale'],
    ['Zoë Coffee SAS', 'zoe coffee'],
    ['Koninklijke Philips N.V.', 'koninklijke philips'],
    ['Heineken B.V.', 'heineken'],
    ['Ørsted A/S', 'oersted'],
    ['Ferrari S.p.A.', 'ferrari'],
    ['Polbud Sp. z o.o.', 'polbud'],
    // Connectors only go at the end; names that are only a legal form keep a word
    ['Procter & Gamble', 'procter & gamble'],
    ['Meier und Co.', 'meier'],
    ['AG', 'ag'],
    ["McDonald's Deutschland LLC", 'mcdonalds deutschland'],
  ])('%s → %s', (name, expected) => {
    expect(normaliseCompanyName(name)).toBe(expected);
  });
});

describe('nameTrigrams', () => {
  it('ignores spaces and marks the boundaries', () => {
    expect(nameTrigrams('ab c')).toEqual(['$ab', 'abc', 'bc$']);
    expect(nameTrigrams('maschinen bau')).toEqual(nameTrigrams('maschinenbau'));
  });
});

describe('trigramCodes', () => {
  it('encodes each trigram in base 40 (a=1 … z=26, 0=27 … 9=36, $=37, &=38, +=39), ascending and distinct', () => {
    // By hand: 'ab$' = 1·1600 + 2·40 + 37 = 1717; '$ab' = 37·1600 + 1·40 + 2 = 59242.
    expect(trigramCodes('ab')).toEqual([1717, 59242]);
    // 'aaaa' → '$aa', 'aaa' (twice), 'aa$': three distinct codes.
    expect(trigramCodes('aaaa')).toEqual([1 * 1600 + 1 * 40 + 1, 1 * 1600 + 1 * 40 + 37, 37 * 1600 + 1 * 40 + 1]);
  });

  it('has one code per distinct trigram of nameTrigrams', () => {
    for (const name of ['mueller maschinenbau', 'weber & partner', 'a1 b2 c3']) {
      expect(trigramCodes(name)).toHaveLength(nameTrigrams(name).length);
    }
  });
});
