// Text helpers on JavaScript strings (UTF-16 offsets): word characters, snapping a range to
// word boundaries without ever splitting a surrogate pair or a base from its combining marks,
// moving by words, and finding whole-word occurrences.

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const MARK = /\p{M}/u;
const SPACE = /\s/u;

/**
 * Whether `i` falls between the two halves of a surrogate pair.
 * @param {string} text
 * @param {number} i
 * @returns {boolean}
 */
export function splitsPair(text, i) {
  if (i <= 0 || i >= text.length) return false;
  const hi = text.charCodeAt(i - 1);
  const lo = text.charCodeAt(i);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/**
 * The code point that ends just before `i` ('' at the start).
 * @param {string} text
 * @param {number} i
 * @returns {string}
 */
export function charBefore(text, i) {
  if (i <= 0) return '';
  return splitsPair(text, i - 1) ? text.slice(i - 2, i) : text.slice(i - 1, i);
}

/**
 * The code point that starts at `i` ('' at the end).
 * @param {string} text
 * @param {number} i
 * @returns {string}
 */
export function charAt(text, i) {
  if (i >= text.length) return '';
  return splitsPair(text, i + 1) ? text.slice(i, i + 2) : text.slice(i, i + 1);
}

/**
 * Whether a code point belongs to a word (letters, digits, combining marks, underscore).
 * An apostrophe or hyphen between two word characters also belongs to the word.
 * @param {string} text
 * @param {number} i offset of the code point
 * @returns {boolean}
 */
export function isWordAt(text, i) {
  const c = charAt(text, i);
  if (!c) return false;
  if (WORD.test(c)) return true;
  if (c === '-' || c === "'" || c === '\u2019') {
    return WORD.test(charBefore(text, i)) && WORD.test(charAt(text, i + 1));
  }
  return false;
}

/**
 * Moves an offset off the inside of a surrogate pair and off combining marks (towards the
 * left for a start, the right for an end), so no character is ever cut.
 * @param {string} text
 * @param {number} i
 * @param {'start'|'end'} side
 * @returns {number}
 */
export function clampToChar(text, i, side) {
  let j = Math.max(0, Math.min(text.length, i));
  if (side === 'start') {
    if (splitsPair(text, j)) j--;
    while (j > 0 && MARK.test(charAt(text, j))) j -= charBefore(text, j).length;
  } else {
    if (splitsPair(text, j)) j++;
    while (j < text.length && MARK.test(charAt(text, j))) j += charAt(text, j).length;
  }
  return j;
}

/**
 * Snaps [start, end) out to whole words and trims white space at both ends; with
 * `exact`, only keeps characters whole. Returns null when nothing but white space is left.
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {{exact?: boolean, min?: number, max?: number}} [options] min/max bound the result
 * @returns {{start: number, end: number}|null}
 */
export function snapRange(text, start, end, { exact = false, min = 0, max = text.length } = {}) {
  let s = clampToChar(text, Math.min(start, end), 'start');
  let e = clampToChar(text, Math.max(start, end), 'end');
  if (!exact) {
    while (s > min && isWordAt(text, s) && isWordAt(text, s - charBefore(text, s).length)) s -= charBefore(text, s).length;
    // An end inside a word moves to the word's end.
    while (e < max && e > s && isWordAt(text, e) && isWordAt(text, e - charBefore(text, e).length)) e += charAt(text, e).length;
  }
  while (s < e && SPACE.test(charAt(text, s))) s += charAt(text, s).length;
  while (e > s && SPACE.test(charBefore(text, e))) e -= charBefore(text, e).length;
  s = Math.max(s, min);
  e = Math.min(e, max);
  return e > s ? { start: s, end: e } : null;
}

/**
 * The word [start, end) at or after `i` (within [min, max)), or null.
 * @param {string} text
 * @param {number} i
 * @param {number} [min]
 * @param {number} [max]
 * @returns {{start: number, end: number}|null}
 */
export function wordAtOrAfter(text, i, min = 0, max = text.length) {
  let s = i;
  while (s < max && !isWordAt(text, s)) s += charAt(text, s).length || 1;
  if (s >= max) return null;
  while (s > min && isWordAt(text, s - charBefore(text, s).length)) s -= charBefore(text, s).length;
  let e = s;
  while (e < max && isWordAt(text, e)) e += charAt(text, e).length;
  return { start: s, end: e };
}

/**
 * The word that ends at or before `i` (within [min, max)), or null.
 * @param {string} text
 * @param {number} i
 * @param {number} [min]
 * @returns {{start: number, end: number}|null}
 */
export function wordBefore(text, i, min = 0) {
  let e = i;
  while (e > min && !isWordAt(text, e - charBefore(text, e).length)) e -= charBefore(text, e).length || 1;
  if (e <= min) return null;
  let s = e;
  while (s > min && isWordAt(text, s - charBefore(text, s).length)) s -= charBefore(text, s).length;
  return { start: s, end: e };
}

/**
 * Every whole-word occurrence of `needle` in `text` (case-sensitive), as start offsets.
 * @param {string} text
 * @param {string} needle
 * @returns {number[]}
 */
export function findWholeWord(text, needle) {
  const out = [];
  if (!needle) return out;
  const startsWord = isWordAt(needle, 0);
  const endsWord = isWordAt(needle, needle.length - charBefore(needle, needle.length).length);
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
    const j = i + needle.length;
    if (splitsPair(text, i) || splitsPair(text, j)) continue;
    if (startsWord && i > 0 && isWordAt(text, i - charBefore(text, i).length)) continue;
    if (endsWord && j < text.length && isWordAt(text, j)) continue;
    if (j < text.length && MARK.test(charAt(text, j))) continue;
    out.push(i);
  }
  return out;
}
