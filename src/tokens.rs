//! Tokens and sentences, with byte offsets into the original text.
//!
//! News-text rules: URLs and e-mail addresses are single tokens; `U.S.` and common
//! abbreviations keep their period; possessive `'s`/`’s` is its own token; lower-case hyphenated words
//! (`well-known`) and numbers with separators (`1,200.5`) stay whole; any script's letters
//! and combining marks form words; NBSP and other Unicode spaces separate tokens.

use crate::patterns;
use crate::text::{is_invisible, Span};

/// Abbreviations that keep their final period (lowercased, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "gov", "sen", "rep", "st", "jr", "sr", "lt", "col",
    "capt", "sgt", "maj", "adm", "rev", "hon", "pres", "inc", "ltd", "corp", "co", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "no",
    "vol", "fig", "approx", "dept", "univ", "mt", "ft", "ave", "blvd", "tbsp", "tsp", "oz", "lb",
    "lbs",
];

/// Abbreviations of US states (AP style) that keep their period when capitalised: `Calif.`
/// (in lower case some are words ending a sentence: "ill.", "miss.").
const STATES: &[&str] = &[
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "vt", "va", "wash", "wis", "wyo",
];

/// The longest word token, in characters.
const MAX_WORD: usize = 256;

/// One token: a byte span of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Where the token lies, in bytes.
    pub span: Span,
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Splits `text[range]` into tokens (offsets stay relative to `text`):
/// `Russia’s U.S. plan: $5 at www.x.org.` gives `Russia`, `’s`, `U.S.`, `plan`, `:`, `$`, `5`,
/// `at`, `www.x.org`, `.`.
pub fn tokenize(text: &str, range: Span) -> Vec<Token> {
    let slice = &text[range.clone()];
    let base = range.start;
    // URL and e-mail matches are atomic tokens.
    let mut atoms: Vec<Span> = Vec::new();
    if slice.contains("://") || slice.contains("www.") || slice.contains('@') {
        atoms.extend(patterns::URL.find_iter(slice).map(|m| m.range()));
        atoms.extend(patterns::EMAIL.find_iter(slice).map(|m| m.range()));
        atoms.sort_by_key(|r| r.start);
    }
    let mut atoms = atoms.into_iter().peekable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < slice.len() {
        while let Some(a) = atoms.peek() {
            if a.start < i {
                atoms.next();
            } else {
                break;
            }
        }
        if let Some(a) = atoms.peek() {
            if a.start == i {
                let a = atoms.next().unwrap();
                out.push(Token { span: base + a.start..base + a.end });
                i = a.end;
                continue;
            }
        }
        let c = slice[i..].chars().next().unwrap();
        if is_invisible(c) {
            i += c.len_utf8();
            continue;
        }
        let len = if is_word_char(c) { word_len(&slice[i..]) } else { punct_len(&slice[i..]) };
        out.push(Token { span: base + i..base + i + len });
        i += len;
    }
    out
}

/// Length of the punctuation token at the start of `s`: `'s` / `’s` when possessive, an
/// ellipsis, a run of the same dash or quote, otherwise one character.
fn punct_len(s: &str) -> usize {
    let mut it = s.chars();
    let c = it.next().unwrap();
    if matches!(c, '\'' | '’') {
        let rest = &s[c.len_utf8()..];
        if rest.starts_with(['s', 'S']) && !rest[1..].starts_with(|d: char| is_word_char(d)) {
            return c.len_utf8() + 1;
        }
    }
    if c == '.' || c == '-' {
        return s.len() - s.trim_start_matches(c).len();
    }
    c.len_utf8()
}

/// Length of the word token at the start of `s` (which starts with a word character).
fn word_len(s: &str) -> usize {
    let mut end = 0;
    let mut letters_only_single = true; // every segment between periods is one letter: U.S.
    let mut seg_len = 0;
    // A word never runs past whitespace; the cap keeps a huge run without spaces linear (a
    // longer word is cut into pieces).
    let chars: Vec<(usize, char)> =
        s.char_indices().take_while(|&(_, c)| !c.is_whitespace()).take(MAX_WORD).collect();
    let mut k = 0;
    while k < chars.len() {
        let (pos, c) = chars[k];
        if is_word_char(c) {
            end = pos + c.len_utf8();
            seg_len += 1;
            k += 1;
            continue;
        }
        let next_is_word = chars.get(k + 1).is_some_and(|&(_, d)| is_word_char(d));
        match c {
            // A hyphen joins lower-case parts (`well-known`); next to a capitalised part it
            // splits, so that `Russia-Ukraine` gives two names and `Russian-led` one.
            '-' | '‐' | '\u{2011}'
                if next_is_word && !chars[0].1.is_uppercase() && !chars[k + 1].1.is_uppercase() => {
            }
            '\'' | '’' if next_is_word => {
                // Possessive 's splits off; O'Neill and don't stay whole.
                let after = chars.get(k + 2).map(|&(_, d)| d);
                if matches!(chars[k + 1].1, 's' | 'S') && !after.is_some_and(is_word_char) {
                    break;
                }
            }
            '.' | ','
                if next_is_word
                    && chars[k - 1].1.is_ascii_digit()
                    && chars[k + 1].1.is_ascii_digit() => {}
            '.' if seg_len == 1 && letters_only_single && chars[k - 1].1.is_alphabetic() => {
                // U.S. / U.K. / e.g.: keep the period and go on if another letter follows.
                end = pos + 1;
                seg_len = 0;
                k += 1;
                if next_is_word && chars.get(k + 1).is_some_and(|&(_, d)| d == '.') {
                    continue;
                }
                // "U.S." and an initial "J." both keep their period and end here.
                return end;
            }
            '.' => {
                let word = &s[..pos];
                let last = word.rsplit(['-']).next().unwrap_or(word);
                let lower = last.to_lowercase();
                let state =
                    last.starts_with(char::is_uppercase) && STATES.contains(&lower.as_str());
                if (state || ABBREVIATIONS.contains(&lower.as_str())) && !next_is_word {
                    return pos + 1;
                }
                break;
            }
            // A name written with trailing plus signs stays whole: `Google+`, `C++`, `Disney+`.
            '+' if chars[0].1.is_alphabetic() => {
                let mut j = k;
                while chars.get(j).is_some_and(|&(_, d)| d == '+') {
                    j += 1;
                }
                if chars.get(j).is_some_and(|&(_, d)| is_word_char(d)) {
                    break;
                }
                return pos + (j - k);
            }
            _ => break,
        }
        if !matches!(c, '.') {
            letters_only_single = false;
        }
        seg_len = 0;
        k += 1;
    }
    end
}

/// Splits tokens into sentences: ranges of token indices. A sentence ends after `.`, `!`,
/// `?` or `…` (with any closing quotes or brackets) when the next token starts with a capital
/// letter, a digit or an opening quote, and at the end of the tokens.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &text[tokens[i].span.clone()];
        if matches!(t, "." | "!" | "?" | "…" | "..." | "?!" | "!?") {
            let mut j = i + 1;
            while j < tokens.len()
                && matches!(&text[tokens[j].span.clone()], "\"" | "”" | "’" | "'" | ")" | "»")
            {
                j += 1;
            }
            let next_starts = tokens.get(j).map(|n| text[n.span.clone()].chars().next().unwrap());
            if next_starts.is_none_or(|c| {
                c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '«')
            }) {
                out.push(start..j);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t, 0..t.len()).into_iter().map(|k| &t[k.span]).collect()
    }

    #[test]
    fn news_tokens() {
        assert_eq!(
            toks("Dr. Smith's Russia-Ukraine talks."),
            ["Dr.", "Smith", "'s", "Russia", "-", "Ukraine", "talks", "."]
        );
        assert_eq!(toks("Russian-led well-known"), ["Russian", "-", "led", "well-known"]);
        assert_eq!(
            toks("On Nov. 17, 2021 it cost 1,200.50"),
            ["On", "Nov.", "17", ",", "2021", "it", "cost", "1,200.50"]
        );
        assert_eq!(toks("J. K. Rowling"), ["J.", "K.", "Rowling"]);
        assert_eq!(toks("“Hi,” she said—no"), ["“", "Hi", ",", "”", "she", "said", "—", "no"]);
        assert_eq!(toks("O'Neill e-mail: a.b@c.com"), ["O'Neill", "e-mail", ":", "a.b@c.com"]);
        assert_eq!(toks("Google+, C++ and Disney+"), ["Google+", ",", "C++", "and", "Disney+"]);
        assert_eq!(toks("a+b 3+ x+"), ["a", "+", "b", "3", "+", "x+"]);
        assert_eq!(
            toks("Fresno, Calif. He was ill. 2 tbsp. salt"),
            ["Fresno", ",", "Calif.", "He", "was", "ill", ".", "2", "tbsp.", "salt"]
        );
    }

    #[test]
    fn other_scripts_nbsp_and_marks() {
        assert_eq!(toks("Сергей\u{00A0}Лавров, 東京"), ["Сергей", "Лавров", ",", "東京"]);
        assert_eq!(toks("Cafe\u{0301} 👍ok"), ["Cafe\u{0301}", "👍", "ok"]);
    }

    #[test]
    fn sentence_split() {
        let t = "He met Mr. Lavrov in the U.S. on Monday. “Yes,” he said! Then 5 left.";
        let tk = tokenize(t, 0..t.len());
        let s: Vec<String> = sentences(t, &tk)
            .into_iter()
            .map(|r| t[tk[r.start].span.start..tk[r.end - 1].span.end].to_string())
            .collect();
        assert_eq!(
            s,
            ["He met Mr. Lavrov in the U.S. on Monday.", "“Yes,” he said!", "Then 5 left."]
        );
    }

    #[test]
    fn tokens_of_a_news_sentence() {
        let t = "Russia’s U.S. plan: $5 at www.x.org.";
        let toks: Vec<&str> = tokenize(t, 0..t.len()).iter().map(|k| &t[k.span.clone()]).collect();
        assert_eq!(toks, ["Russia", "’s", "U.S.", "plan", ":", "$", "5", "at", "www.x.org", "."]);
    }
}
