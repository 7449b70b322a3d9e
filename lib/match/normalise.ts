/**
 * Company names as people and systems write them ("Müller Maschinenbau GmbH & Co. KG", "MUELLER MASCHINENBAU",
 * "Müller-Maschinenbau") folded to one comparable form ("mueller maschinenbau").
 */

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'oe' };

/**
 * Legal-form tokens, compared after folding and after dots or slashes between single letters are dropped ("e.K."
 * and "e. K." → "ek", "S.p.A." → "spa", "A/S" → "as"). Sources: German HGB/GmbHG/AktG forms, the EU company forms (SE, SCE) and the usual English,
 * French, Spanish, Italian, Dutch, Nordic, Polish and Austrian abbreviations.
 */
const LEGAL_FORMS = new Set([
  'gmbh',
  'mbh',
  'ggmbh',
  'gesmbh',
  'ag',
  'kg',
  'kgaa',
  'se',
  'sce',
  'ohg',
  'gbr',
  'ug',
  'haftungsbeschraenkt',
  'ek',
  'ekfm',
  'ekfr',
  'ev',
  'eg',
  'co',
  'cie',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'corp',
  'corporation',
  'plc',
  'sa',
  'sas',
  'sasu',
  'sarl',
  'sl',
  'slu',
  'srl',
  'spa',
  'sro',
  'as',
  'asa',
  'ab',
  'oy',
  'oyj',
  'aps',
  'bv',
  'nv',
  'cv',
  'vof',
  'pty',
  'pte',
  'kft',
  'zrt',
  'doo',
  'ltda',
]);
const LEGAL_PHRASES: ReadonlyArray<readonly string[]> = [
  ['gesellschaft', 'mit', 'beschraenkter', 'haftung'],
  ['mit', 'beschraenkter', 'haftung'],
  ['sp', 'z', 'oo'],
];
const CONNECTORS = new Set(['&', 'und', 'and', 'et', 'y', '+']);

function endsWithPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (tokens.length <= phrase.length) return false;
  return phrase.every((word, i) => tokens[tokens.length - phrase.length + i] === word);
}

/**
 * The comparable form of a company name: lower case, umlauts and ß transliterated (ä → ae, ß → ss), other
 * accents dropped, punctuation folded to single spaces, trailing legal forms and connectors removed ("GmbH & Co.
 * KG", "mbH", "e.K.", "UG (haftungsbeschränkt)", "Inc.", "S.A.S.", "B.V."). A name that is nothing but a legal form
 * keeps its last word. O(length of name).
 *
 * @example
 * normaliseCompanyName('Müller Maschinenbau GmbH & Co. KG'); // => 'mueller maschinenbau'
 * normaliseCompanyName('Straßer e.K.'); // => 'strasser'
 */
export function normaliseCompanyName(name: string): string {
  let folded = name.toLowerCase().replace(/[äöüßæœø]/g, (c) => FOLD[c] ?? c);
  // NFKD is the slow step: only names with other accents (é, å, č …) need it.
  if (/[\u0080-\uffff]/.test(folded)) folded = folded.normalize('NFKD').replace(/\p{M}/gu, '');
  folded = folded
    .replace(/['’`´]/g, '')
    .replace(/(?<=\b[a-z])[./] ?(?=[a-z]\b)/g, '')
    .replace(/[^a-z0-9&+]+/g, ' ')
    .replace(/([&+])/g, ' $1 ');
  const tokens = folded.split(' ').filter(Boolean);
  for (let changed = true; changed && tokens.length > 1;) {
    changed = false;
    const last = tokens[tokens.length - 1] ?? '';
    const phrase = LEGAL_PHRASES.find((p) => endsWithPhrase(tokens, p));
    if (phrase) {
      tokens.length -= phrase.length;
      changed = true;
    } else if (LEGAL_FORMS.has(last) || CONNECTORS.has(last)) {
      tokens.pop();
      changed = true;
    }
  }
  return tokens.join(' ');
}

/**
 * Distinct character trigrams of a normalised name with its spaces removed and boundary marks added, so that
 * "maschinen bau" and "maschinenbau" agree. Used for tolerant matching (Dice coefficient over trigram sets).
 *
 * @example
 * nameTrigrams('ab c'); // => ['$ab', 'abc', 'bc$']
 */
export function nameTrigrams(normalised: string): string[] {
  const padded = `$${normalised.replace(/ /g, '')}$`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
}

/** Symbol values for trigram codes: a–z, 0–9, the boundary mark and the two kept connectors. */
const SYMBOLS = 'abcdefghijklmnopqrstuvwxyz0123456789$&+';
const BASE = SYMBOLS.length + 1;
/** Number of distinct trigram codes (codes are 0 … TRIGRAM_CODES − 1). */
export const TRIGRAM_CODES = BASE ** 3;

/**
 * The trigrams of `nameTrigrams` as integers (base-40 digits of the three symbols), ascending and distinct, so
 * that the index can keep postings in flat number arrays instead of one string-keyed list per trigram.
 * O(n log n) in the name's length.
 *
 * @example
 * trigramCodes('ab'); // => [1717, 59242] ('ab$' = 1·1600 + 2·40 + 37, '$ab' = 37·1600 + 1·40 + 2)
 */
export function trigramCodes(normalised: string): number[] {
  const compact = normalised.replace(/ /g, '');
  const symbols = [BOUNDARY];
  for (let i = 0; i < compact.length; i++) symbols.push(symbolOf(compact.charCodeAt(i)));
  symbols.push(BOUNDARY);
  const codes: number[] = [];
  for (let i = 2; i < symbols.length; i++) {
    codes.push(((symbols[i - 2] ?? 0) * BASE + (symbols[i - 1] ?? 0)) * BASE + (symbols[i] ?? 0));
  }
  codes.sort((x, y) => x - y);
  return codes.filter((code, i) => i === 0 || code !== codes[i - 1]);
}

const BOUNDARY = SYMBOLS.indexOf('$') + 1;

/** 1-based position of a character code in SYMBOLS (0 for anything else). */
function symbolOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 96; // a–z
  if (code >= 48 && code <= 57) return code - 21; // 0–9 → 27…36
  return SYMBOLS.indexOf(String.fromCharCode(code)) + 1;
}
