/**
 * Company names as people and systems write them ("Müller Maschinenbau GmbH & Co. KG", "MUELLER MASCHINENBAU",
 * "Müller-Maschinenbau") folded to one comparable form ("mueller maschinenbau").
 */

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'oe' };

/**
 * Legal-form tokens, compared after folding and after dots between single letters are dropped ("e.K." → "ek",
 * "S.p.A." → "spa"). Sources: German HGB/GmbHG/AktG forms, the EU company forms (SE, SCE) and the usual English,
 * French, Spanish, Italian, Dutch, Nordic, Polish and Austrian abbreviations.
 */
const LEGAL_FORMS = new Set([
  'gmbh', 'mbh', 'ggmbh', 'gesmbh', 'ag', 'kg', 'kgaa', 'se', 'sce', 'ohg', 'gbr', 'ug', 'haftungsbeschraenkt',
  'ek', 'ekfm', 'ekfr', 'ev', 'eg', 'co', 'cie', 'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'lp', 'corp',
  'corporation', 'plc', 'sa', 'sas', 'sasu', 'sarl', 'sl', 'slu', 'srl', 'spa', 'sro', 'as', 'asa', 'ab', 'oy', 'oyj',
  'aps', 'bv', 'nv', 'cv', 'vof', 'pty', 'pte', 'kft', 'zrt', 'doo', 'ltda',
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
  const folded = name
    .toLowerCase()
    .replace(/[äöüßæœø]/g, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’`´]/g, '')
    .replace(/(?<=\b[a-z])\.(?=[a-z]\b)/g, '')
    .replace(/[^a-z0-9&+]+/g, ' ')
    .replace(/([&+])/g, ' $1 ');
  const tokens = folded.split(' ').filter(Boolean);
  for (let changed = true; changed && tokens.length > 1; ) {
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
