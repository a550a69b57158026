//! Every text pattern of the crate (dates, times, money, percentages, URLs, e-mail addresses,
//! phone numbers, counters, bylines), each built once, on first use.
//!
//! The patterns are small trees of [`Node`]s run by a backtracking matcher with the semantics
//! of Perl-style regular expressions: leftmost-first, greedy repetition, alternatives tried in
//! order, `\s` as Unicode white space and `\b` as a Unicode word boundary. They replace the
//! `regex` crate, which made up two fifths of the wasm code and whose compiler ran on the
//! first analysis of every freshly loaded page (60 ms of a cold start in Chromium). The unit
//! tests hold each pattern to the regular expression it was written from (the `regex` crate is
//! a dev-dependency only): the same matches on every fixture text and on generated strings.
//!
//! A backtracking matcher can take time quadratic in a text's length; here the types bound it,
//! not their callers. A [`Pattern`] searched for in a text skips, after a failed start, the
//! starts that would fail the same way. A whole-line [`LinePattern`] (a time stamp, a counter)
//! trims the line and does not match one longer than it could be, so the matcher never sees
//! more than a few dozen bytes of it. The unit tests count the matcher's steps ([`step`]) and
//! fail when doubling a run of spaces, digits, dots, commas or words more than triples the
//! work of any pattern.

use std::ops::Range;
use std::sync::LazyLock;

#[cfg(test)]
thread_local! {
    /// Matcher steps taken on this thread (tests only): see [`step`].
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` steps of work: a node tried, a character scanned or backtracked over. The unit
/// tests read the count to hold every pattern to linear work; outside them this is nothing.
#[inline(always)]
fn step(n: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + n as u64));
    #[cfg(not(test))]
    let _ = n;
}

/// A pattern node.
enum Node {
    /// These exact characters.
    Lit(&'static str),
    /// These ASCII characters in any case, with Unicode simple case folding (`K` also matches
    /// the Kelvin sign, `s` the long s `ſ`), as `(?i)` does.
    LitI(&'static str),
    /// One character of a class.
    Class(fn(char) -> bool),
    /// Each in turn.
    Seq(Vec<Node>),
    /// The first that leads to a match, in order.
    Alt(Vec<Node>),
    /// Greedy repetition, `min..=max` times.
    Rep(Box<Node>, u32, u32),
    /// `\b`: a word character on one side and not on the other.
    WordBoundary,
}

use Node::{Alt, Lit, LitI, WordBoundary};

const MANY: u32 = u32::MAX;

fn seq(nodes: impl Into<Vec<Node>>) -> Node {
    Node::Seq(nodes.into())
}
fn alt(nodes: impl Into<Vec<Node>>) -> Node {
    Alt(nodes.into())
}
fn rep(node: Node, min: u32, max: u32) -> Node {
    Node::Rep(Box::new(node), min, max)
}
fn opt(node: Node) -> Node {
    rep(node, 0, 1)
}
fn class(f: fn(char) -> bool) -> Node {
    Node::Class(f)
}
/// Alternatives of literals, in order.
fn lits(words: &[&'static str]) -> Node {
    alt(words.iter().map(|&w| Lit(w)).collect::<Vec<_>>())
}
/// Alternatives of case-insensitive literals, in order.
fn lits_i(words: &[&'static str]) -> Node {
    alt(words.iter().map(|&w| LitI(w)).collect::<Vec<_>>())
}

fn digit(c: char) -> bool {
    c.is_ascii_digit()
}
fn space(c: char) -> bool {
    c.is_whitespace()
}
/// `\w` of Unicode regular expressions (letters, marks, decimal digits, connector
/// punctuation, joiners).
fn word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::try_is_word_character(c).unwrap_or(c.is_alphanumeric())
    }
}

/// Whether `\b` holds at byte `i` of `s`.
fn boundary(s: &str, i: usize) -> bool {
    s[..i].chars().next_back().is_some_and(word_char)
        != s[i..].chars().next().is_some_and(word_char)
}

/// The end of the run of `f` characters from byte `i` of `s`.
fn run_end(s: &str, i: usize, f: fn(char) -> bool) -> usize {
    let end = s[i..].char_indices().find(|&(_, c)| !f(c)).map_or(s.len(), |(j, _)| i + j);
    step(end - i);
    end
}

/// The next character boundary after byte `i` of `s`.
fn next_char(s: &str, i: usize) -> usize {
    i + s[i..].chars().next().map_or(1, char::len_utf8)
}

/// The case-insensitive equality of a pattern character and a text character.
fn eq_i(p: u8, c: char) -> bool {
    c.eq_ignore_ascii_case(&char::from(p))
        || (p.eq_ignore_ascii_case(&b'k') && c == '\u{212A}')
        || (p.eq_ignore_ascii_case(&b's') && c == '\u{17F}')
}

impl Node {
    /// Whether the node matches `s` at byte `i` such that `k` accepts where it ends; tries
    /// the ends in the order a backtracking regular-expression engine would.
    fn go(&self, s: &str, i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        step(1);
        match self {
            Lit(w) => s[i..].starts_with(w) && k(i + w.len()),
            LitI(w) => {
                let mut j = i;
                for &p in w.as_bytes() {
                    match s[j..].chars().next() {
                        Some(c) if eq_i(p, c) => j += c.len_utf8(),
                        _ => return false,
                    }
                }
                k(j)
            }
            Node::Class(f) => match s[i..].chars().next() {
                Some(c) if f(c) => k(i + c.len_utf8()),
                _ => false,
            },
            Node::Seq(nodes) => seq_go(nodes, s, i, k),
            Alt(nodes) => nodes.iter().any(|n| n.go(s, i, k)),
            Node::Rep(node, min, max) => match **node {
                // A run of one class: no recursion, so a megabyte-long run cannot exhaust
                // the stack.
                Node::Class(f) => {
                    let (mut j, mut n) = (i, 0u32);
                    for c in s[i..].chars() {
                        if n == *max || !f(c) {
                            break;
                        }
                        j += c.len_utf8();
                        n += 1;
                    }
                    step(n as usize);
                    loop {
                        step(1);
                        if n < *min {
                            return false;
                        }
                        if k(j) {
                            return true;
                        }
                        if n == 0 {
                            return false;
                        }
                        j -= s[..j].chars().next_back().map_or(1, char::len_utf8);
                        n -= 1;
                    }
                }
                _ => rep_go(node, *min, *max, 0, s, i, k),
            },
            WordBoundary => boundary(s, i) && k(i),
        }
    }
}

fn seq_go(nodes: &[Node], s: &str, i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    match nodes.split_first() {
        None => k(i),
        Some((first, rest)) => first.go(s, i, &mut |j| seq_go(rest, s, j, k)),
    }
}

fn rep_go(
    node: &Node,
    min: u32,
    max: u32,
    n: u32,
    s: &str,
    i: usize,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
    if n < max && node.go(s, i, &mut |j| j > i && rep_go(node, min, max, n + 1, s, j, k)) {
        return true;
    }
    n >= min && k(i)
}

/// A match: a range of the text searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

/// A compiled pattern.
pub struct Pattern {
    node: Node,
    /// Whether a match can start with this character (a quick test before the matcher runs).
    first: fn(char) -> bool,
    /// Where to try next after a start at byte `i` failed (for most patterns the next
    /// character). A pattern that begins with a long run skips the rest of the run when no
    /// start in it can succeed either, so junk such as a megabyte of `1,1,1,…` takes linear
    /// time rather than quadratic.
    skip: fn(&str, usize) -> usize,
    /// What a text must contain for any match (checked once per search, so that most lines
    /// never reach the matcher): every pattern but the URL needs an ASCII digit or an `@`.
    needs: fn(&str) -> bool,
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

impl Pattern {
    /// The leftmost-first match starting at byte `from` or later.
    fn find_at<'h>(&self, hay: &'h str, from: usize) -> Option<Match<'h>> {
        let mut end = 0;
        let mut i = from;
        while let Some(c) = hay[i..].chars().next() {
            step(1);
            if !(self.first)(c) {
                i += c.len_utf8();
                continue;
            }
            if self.node.go(hay, i, &mut |j| {
                end = j;
                true
            }) {
                return Some(Match { hay, start: i, end });
            }
            i = (self.skip)(hay, i);
        }
        None
    }

    /// The leftmost-first match.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        step(hay.len());
        if (self.needs)(hay) {
            self.find_at(hay, 0)
        } else {
            None
        }
    }

    /// Whether the pattern matches somewhere.
    pub fn is_match(&self, hay: &str) -> bool {
        self.find(hay).is_some()
    }

    /// Successive non-overlapping matches, left to right.
    pub fn find_iter<'p, 'h>(&'p self, hay: &'h str) -> impl Iterator<Item = Match<'h>> + 'p
    where
        'h: 'p,
    {
        step(hay.len());
        let mut from = if (self.needs)(hay) { 0 } else { hay.len() };
        std::iter::from_fn(move || {
            let m = self.find_at(hay, from)?;
            // No pattern matches the empty string, so `end > start` and the search advances.
            from = m.end;
            Some(m)
        })
    }
}

/// Month names and their common abbreviations (English), capitalised or in capitals
/// (`SATURDAY, OCTOBER 20, 2012` heads many blog posts). Not case-insensitive: `may` and
/// `march` are words too.
fn month() -> Node {
    const CAPITALISED: [&str; 14] = [
        "Jan", "uary", "Feb", "ruary", "Mar", "ch", "Apr", "il", "Aug", "ust", "Oct", "ober",
        "Nov", "ember",
    ];
    const CAPITALS: [&str; 14] = [
        "JAN", "UARY", "FEB", "RUARY", "MAR", "CH", "APR", "IL", "AUG", "UST", "OCT", "OBER",
        "NOV", "EMBER",
    ];
    // In the order of the regular expression: `Jan(?:uary|\.)?|…|Apr(?:il|\.)?|May|June?|July?|
    // Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?`,
    // capitalised, then the same in capitals.
    let forms = |w: [&'static str; 14],
                 may,
                 june: [&'static str; 2],
                 july: [&'static str; 2],
                 sep: [&'static str; 3],
                 dec| {
        // `Jan(?:uary|\.)?`
        let abbr =
            |a: &'static str, rest: &'static str| seq([Lit(a), opt(alt([Lit(rest), Lit(".")]))]);
        vec![
            abbr(w[0], w[1]),
            abbr(w[2], w[3]),
            abbr(w[4], w[5]),
            abbr(w[6], w[7]),
            Lit(may),
            seq([Lit(june[0]), opt(Lit(june[1]))]),
            seq([Lit(july[0]), opt(Lit(july[1]))]),
            abbr(w[8], w[9]),
            seq([
                Lit(sep[0]),
                opt(alt([seq([Lit(sep[1]), opt(alt([Lit(sep[2]), Lit(".")]))]), Lit(".")])),
            ]),
            abbr(w[10], w[11]),
            abbr(w[12], w[13]),
            abbr(dec, w[13]),
        ]
    };
    let mut all =
        forms(CAPITALISED, "May", ["Jun", "e"], ["Jul", "y"], ["Sep", "t", "ember"], "Dec");
    all.extend(forms(CAPITALS, "MAY", ["JUN", "E"], ["JUL", "Y"], ["SEP", "T", "EMBER"], "DEC"));
    alt(all)
}

/// Weekday names, capitalised or in capitals, with an optional full stop.
fn weekday() -> Node {
    let days = |mon, tue, tu, wed, nes, thu, rs, fri, sat, ur, sun, day| {
        seq([
            alt([
                Lit(mon),
                seq([Lit(tue), opt(Lit(tu))]),
                seq([Lit(wed), opt(Lit(nes))]),
                seq([Lit(thu), opt(Lit(rs))]),
                Lit(fri),
                seq([Lit(sat), opt(Lit(ur))]),
                Lit(sun),
            ]),
            opt(Lit(day)),
        ])
    };
    seq([
        alt([
            days("Mon", "Tue", "s", "Wed", "nes", "Thu", "rs", "Fri", "Sat", "ur", "Sun", "day"),
            days("MON", "TUE", "S", "WED", "NES", "THU", "RS", "FRI", "SAT", "UR", "SUN", "DAY"),
        ]),
        opt(Lit(".")),
    ])
}

/// A clock time such as `14:44`, `9:46 am`, `10.30 p.m.`, `9:45 PM GMT+3`.
fn time() -> Node {
    let dot = || opt(Lit("."));
    seq([
        rep(class(digit), 1, 2),
        class(|c| matches!(c, ':' | '.')),
        rep(class(digit), 2, 2),
        opt(seq([Lit(":"), rep(class(digit), 2, 2)])),
        opt(seq([
            opt(class(space)),
            class(|c| matches!(c, 'a' | 'A' | 'p' | 'P')),
            dot(),
            class(|c| matches!(c, 'm' | 'M')),
            dot(),
        ])),
        opt(seq([
            opt(class(space)),
            lits(&["GMT", "UTC", "CET", "EST", "EDT", "PST", "PDT", "BST"]),
            opt(seq([class(|c| matches!(c, '+' | '-')), rep(class(digit), 1, 2)])),
        ])),
    ])
}

/// An ordinal suffix: `(?:st|nd|rd|th)?`.
fn ordinal() -> Node {
    opt(lits(&["st", "nd", "rd", "th"]))
}

/// A character a URL may hold.
fn url_char(c: char) -> bool {
    !(c.is_whitespace() || "<>()[]{}“”‘’«»".contains(c))
}

/// `https://…`, `http://…`, `www.…`: stops before trailing punctuation that ends a sentence.
pub static URL: LazyLock<Pattern> = LazyLock::new(|| Pattern {
    node: seq([
        WordBoundary,
        alt([seq([LitI("http"), opt(LitI("s")), Lit("://")]), LitI("www.")]),
        rep(class(url_char), 1, MANY),
        class(|c| url_char(c) && !".,;:!?'\"".contains(c)),
    ]),
    first: |c| matches!(c, 'h' | 'H' | 'w' | 'W'),
    needs: |s| {
        s.contains("://") || s.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"www."))
    },
    skip: next_char,
});

/// An e-mail address.
/// A character of an e-mail address before the `@`.
fn email_local(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

pub static EMAIL: LazyLock<Pattern> = LazyLock::new(|| {
    let local = email_local;
    let label = |c: char| c.is_ascii_alphanumeric() || c == '-';
    Pattern {
        node: seq([
            WordBoundary,
            rep(class(local), 1, MANY),
            Lit("@"),
            rep(class(label), 1, MANY),
            // At most 255 further labels (the regular expression had no bound): deep enough
            // for any address, and no recursion deeper than that on junk.
            rep(seq([Lit("."), rep(class(label), 1, MANY)]), 0, 255),
            Lit("."),
            rep(class(|c| c.is_ascii_alphabetic()), 2, MANY),
            WordBoundary,
        ]),
        first: local,
        needs: |s| s.contains('@'),
        // The part after the `@` does not depend on where the address starts: when a start
        // with `\b` fails, so does every later start in the same run.
        skip: |s, i| if boundary(s, i) { run_end(s, i, email_local) } else { next_char(s, i) },
    }
});

/// An amount of money: a currency sign or code before or after a number, with an optional
/// scale word (`$ 3 billion`, `€5m`, `USD 1.2bn`, `500 euros`).
pub static MONEY: LazyLock<Pattern> = LazyLock::new(|| {
    let number =
        || seq([class(digit), rep(class(|c| c.is_ascii_digit() || c == ',' || c == '.'), 0, MANY)]);
    let big = || lits(&["million", "billion", "trillion", "thousand"]);
    Pattern {
        node: alt([
            seq([
                alt([
                    seq([
                        opt(lits(&["US", "A", "C", "NZ", "HK"])),
                        class(|c| matches!(c, '$' | '€' | '£' | '¥' | '₽' | '₴' | '₹')),
                    ]),
                    seq([
                        WordBoundary,
                        lits(&["USD", "EUR", "GBP", "JPY", "RUB", "UAH", "CHF", "AZN", "GEL"]),
                        WordBoundary,
                    ]),
                ]),
                opt(class(space)),
                number(),
                opt(seq([
                    opt(class(space)),
                    lits(&["million", "billion", "trillion", "thousand", "bn", "mn", "m", "k"]),
                    WordBoundary,
                ])),
            ]),
            seq([
                WordBoundary,
                number(),
                opt(seq([opt(class(space)), big()])),
                class(space),
                alt([
                    Lit("dollars"),
                    Lit("euros"),
                    Lit("pounds"),
                    Lit("yen"),
                    Lit("rubles"),
                    Lit("roubles"),
                    seq([Lit("hryvnia"), opt(Lit("s"))]),
                    seq([Lit("manat"), opt(Lit("s"))]),
                    Lit("lari"),
                ]),
                WordBoundary,
            ]),
        ]),
        first: |c| c.is_ascii_digit() || "UACNHEGJR$€£¥₽₴₹".contains(c),
        needs: has_digit,
        // A start on a digit can only be the second form, `\b` and a number, and what follows
        // the number does not depend on where it starts.
        skip: |s, i| {
            if boundary(s, i) && s.as_bytes()[i].is_ascii_digit() {
                run_end(s, i, |c| c.is_ascii_digit() || c == ',' || c == '.')
            } else {
                next_char(s, i)
            }
        },
    }
});

/// A percentage: `20%`, `3.5 %`, `20 percent`, `12 per cent`.
pub static PERCENT: LazyLock<Pattern> = LazyLock::new(|| Pattern {
    node: seq([
        WordBoundary,
        rep(class(digit), 1, MANY),
        opt(seq([class(|c| c == '.' || c == ','), rep(class(digit), 1, MANY)])),
        opt(class(space)),
        alt([
            Lit("%"),
            seq([Lit("percent"), WordBoundary]),
            seq([Lit("per cent"), WordBoundary]),
            seq([Lit("pct"), WordBoundary]),
        ]),
    ]),
    first: digit,
    needs: has_digit,
    skip: next_char,
});

/// An absolute date, optionally with a weekday and a time: `Friday, 05 February 2021 14:44`,
/// `Nov. 17, 2021`, `23.02.2022 09:46`, `2021-02-05T14:44`, `February 2021`.
pub static DATE: LazyLock<Pattern> = LazyLock::new(|| {
    let spaces = || rep(class(space), 1, MANY);
    let d = |min, max| rep(class(digit), min, max);
    let day_month_year = seq([
        d(1, 2),
        ordinal(),
        spaces(),
        opt(seq([Lit("of"), spaces()])),
        month(),
        opt(Lit(",")),
        spaces(),
        d(4, 4),
    ]);
    let month_day_year = seq([
        month(),
        spaces(),
        d(1, 2),
        ordinal(),
        alt([seq([Lit(","), rep(class(space), 0, MANY)]), spaces()]),
        d(4, 4),
    ]);
    let month_day = seq([month(), spaces(), d(1, 2), ordinal(), WordBoundary]);
    let month_year = seq([month(), spaces(), d(4, 4)]);
    let slash = || class(|c| c == '.' || c == '/');
    let numeric = seq([d(1, 2), slash(), d(1, 2), slash(), d(4, 4)]);
    let iso = seq([
        d(4, 4),
        Lit("-"),
        d(2, 2),
        Lit("-"),
        d(2, 2),
        opt(seq([
            class(|c| c == 'T' || c == ' '),
            d(2, 2),
            Lit(":"),
            d(2, 2),
            opt(seq([Lit(":"), d(2, 2)])),
        ])),
    ]);
    let time_sep = alt([
        seq([opt(Lit(",")), spaces(), opt(seq([Lit("at"), spaces()]))]),
        seq([
            rep(class(space), 0, MANY),
            class(|c| c == '-' || c == '|'),
            rep(class(space), 0, MANY),
        ]),
    ]);
    Pattern {
        node: seq([
            WordBoundary,
            opt(seq([weekday(), opt(Lit(",")), spaces()])),
            alt([day_month_year, month_day_year, numeric, iso, month_year, month_day]),
            opt(seq([time_sep, time()])),
        ]),
        first: |c| c.is_ascii_digit() || "JFMASONDTW".contains(c),
        needs: has_digit,
        skip: next_char,
    }
});

/// A year in context: `in 2014`, `the 2020 election`, `since 1991`, `by early 2022`. The
/// year is the last four characters of the match; the cue word only anchors it.
pub static YEAR: LazyLock<Pattern> = LazyLock::new(|| Pattern {
    node: seq([
        WordBoundary,
        lits_i(&[
            "in", "since", "the", "by", "until", "till", "from", "of", "during", "before", "after",
            "between", "and", "to", "through", "early", "late", "mid", "spring", "summer",
            "autumn", "fall", "winter", "year",
        ]),
        rep(class(|c| c.is_whitespace() || c == '-'), 1, MANY),
        alt([seq([Lit("1"), class(|c| c == '8' || c == '9')]), Lit("20")]),
        rep(class(digit), 2, 2),
        WordBoundary,
    ]),
    // The cue words' first letters, in either case (`ſ` folds to `s`).
    first: |c| "isbtufodaelmwyISBTUFODAELMWYſ".contains(c),
    needs: has_digit,
    skip: next_char,
});

/// A pattern for a whole line: `^\s*NODE\s*$`, or `^NODE\s*$` without `lead`, that holds a
/// digit. Its bound is part of the type: the line is trimmed first (the node neither begins nor
/// ends with white space, so a line matches exactly when its trimmed text does), and a trimmed
/// line longer than `max_len` bytes does not match. The matcher thus never runs on more than
/// `max_len` bytes, and the work on any line is linear in its length: a backtracking matcher
/// given the whole line would take time quadratic in its runs of white space (16,000 spaces
/// after `12:00` took 4.4 s), whoever the caller.
pub struct LinePattern {
    node: Node,
    /// Whether white space may come before the node (`^\s*`).
    lead: bool,
    /// The longest trimmed line that may match, in bytes: longer than any real line the
    /// pattern is for.
    max_len: usize,
}

impl LinePattern {
    /// Whether the whole `line` matches.
    pub fn is_match(&self, line: &str) -> bool {
        let t = trim_end(line);
        let t = if self.lead { trim_start(t) } else { t };
        if t.len() > self.max_len {
            return false;
        }
        step(t.len());
        has_digit(t) && self.node.go(t, 0, &mut |j| j == t.len())
    }
}

/// A line that is only a clock time or a time with a zone (`9:49am, EDT`, `14:44`), at most
/// 59 bytes long once trimmed (the longest in the 1,562 article pages is 12 bytes).
pub static TIME_ONLY: LazyLock<LinePattern> = LazyLock::new(|| LinePattern {
    node: seq([
        opt(seq([Lit("at"), rep(class(space), 1, MANY)])),
        time(),
        blanks(),
        opt(seq([opt(Lit(",")), blanks(), rep(class(|c| c.is_ascii_uppercase()), 2, 4)])),
    ]),
    lead: true,
    max_len: 59,
});

/// `\s*`.
fn blanks() -> Node {
    rep(class(space), 0, MANY)
}

/// A view, read or comment counter standing alone on its line: `Read 301 times`, `Views: 2684`,
/// `1,204 views`, `12 Comments`; at most 39 bytes long once trimmed (the longest in the 1,562
/// article pages is 14 bytes).
pub static COUNTER: LazyLock<LinePattern> = LazyLock::new(|| {
    let number = || {
        seq([
            class(digit),
            rep(class(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ')), 0, MANY),
        ])
    };
    let plural = |w: &'static str| seq([LitI(w), opt(LitI("s"))]);
    LinePattern {
        node: alt([
            seq([
                alt([LitI("read"), LitI("viewed"), plural("view"), plural("hit"), plural("read")]),
                blanks(),
                opt(Lit(":")),
                blanks(),
                number(),
                opt(seq([blanks(), plural("time")])),
            ]),
            seq([
                number(),
                blanks(),
                alt([
                    plural("view"),
                    plural("read"),
                    plural("comment"),
                    plural("share"),
                    LitI("times read"),
                ]),
            ]),
        ]),
        // `^(?:…)\s*$`: no blanks before the counter.
        lead: false,
        max_len: 39,
    }
});

/// A telephone number: `+1 (555) 123-4567`, `+995 32 2 11 11 11`, `(032) 243 11 22`.
pub static PHONE: LazyLock<Pattern> = LazyLock::new(|| {
    let sep = || class(|c| c.is_whitespace() || c == '.' || c == '-');
    let d = |min, max| rep(class(digit), min, max);
    Pattern {
        node: seq([
            opt(seq([Lit("+"), d(1, 3), opt(sep())])),
            opt(seq([Lit("("), d(2, 4), Lit(")"), opt(sep())])),
            d(2, 4),
            rep(seq([sep(), d(2, 4)]), 2, 4),
            WordBoundary,
        ]),
        first: |c| c.is_ascii_digit() || c == '+' || c == '(',
        needs: has_digit,
        skip: next_char,
    }
});

/// A byline: `By Jane Doe`, `By Jane Doe and John Roe`, `von Anna Schmidt`. Returns the names
/// after the leading word (`by`, `von`, `par`, `por`, any case): one to four capitalised
/// words per person, people joined by `,`, `&` or `and`.
///
/// Written by hand rather than as a regular expression: with `\p{L}` and `\p{Lu}` repeated
/// for every name, the regex took 3 ms to compile natively, more than all the other patterns
/// together, and a freshly loaded page pays that several times over in wasm.
pub fn byline(line: &str) -> Option<&str> {
    let lead = line.split(char::is_whitespace).next()?;
    step(lead.len() + 1);
    if !["by", "von", "par", "por"].iter().any(|w| lead.eq_ignore_ascii_case(w)) {
        return None;
    }
    let rest = &line[lead.len()..];
    let names = trim_start(rest);
    if names.len() == rest.len() {
        return None;
    }
    let mut end = person(names, 0)?;
    // Further people: `\s*(,|and|&)\s*` then a person.
    loop {
        let after = trim_start(&names[end..]);
        let sep = if after.starts_with(',') || after.starts_with('&') {
            1
        } else if after.starts_with("and") {
            3
        } else {
            break;
        };
        let next = trim_start(&after[sep..]);
        match person(names, names.len() - next.len()) {
            Some(e) => end = e,
            None => break,
        }
    }
    Some(&names[..end])
}

/// `s` without its leading white space (the work counted).
fn trim_start(s: &str) -> &str {
    let t = s.trim_start();
    step(s.len() - t.len() + 1);
    t
}

/// `s` without its trailing white space (the work counted).
fn trim_end(s: &str) -> &str {
    let t = s.trim_end();
    step(s.len() - t.len() + 1);
    t
}

/// A name word at byte `at` of `s`: an upper-case letter, then one or more letters, `'`, `’`,
/// `.` or `-`. Returns where it ends.
fn name_word(s: &str, at: usize) -> Option<usize> {
    step(1);
    let mut chars = s[at..].char_indices();
    let (_, first) = chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let end = chars
        .take_while(|&(_, c)| c.is_alphabetic() || matches!(c, '\'' | '’' | '.' | '-'))
        .last()
        .map(|(i, c)| at + i + c.len_utf8())?;
    step(end - at);
    Some(end)
}

/// One person: a name word and up to three more after whitespace. Returns where it ends.
fn person(s: &str, at: usize) -> Option<usize> {
    let mut end = name_word(s, at)?;
    for _ in 0..3 {
        let after = trim_start(&s[end..]);
        if after.len() == s.len() - end {
            break;
        }
        match name_word(s, s.len() - after.len()) {
            Some(e) => end = e,
            None => break,
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all<'a>(re: &Pattern, t: &'a str) -> Vec<&'a str> {
        re.find_iter(t).map(|m| m.as_str()).collect()
    }

    #[test]
    fn dates_in_seed_formats() {
        assert_eq!(
            all(&DATE, "Friday, 05 February 2021 14:44\n"),
            ["Friday, 05 February 2021 14:44"]
        );
        assert_eq!(all(&DATE, "press service Nov. 17, 2021."), ["Nov. 17, 2021"]);
        assert_eq!(all(&DATE, "on 23.02.2022 09:46 it"), ["23.02.2022 09:46"]);
        assert_eq!(all(&DATE, "Riga, Latvia, Dec. 1, 2021."), ["Dec. 1, 2021"]);
        assert_eq!(all(&DATE, "by 2021-02-05T14:44 ok"), ["2021-02-05T14:44"]);
        assert!(all(&DATE, "May I help?").is_empty());
        assert_eq!(all(&DATE, "SATURDAY, OCTOBER 20, 2012\n"), ["SATURDAY, OCTOBER 20, 2012"]);
        assert_eq!(all(&DATE, "Posted SEPT. 3, 2012 at 9:45 PM"), ["SEPT. 3, 2012 at 9:45 PM"]);
        assert!(all(&DATE, "you may 20 times over; the march 2012 column").is_empty());
    }

    #[test]
    fn years_in_context() {
        let years = |t: &str| {
            YEAR.find_iter(t).map(|m| m.as_str()[m.range().len() - 4..].to_string()).collect::<Vec<_>>()
        };
        assert_eq!(years("annexed Crimea in 2014 and the 2020 election"), ["2014", "2020"]);
        assert!(years("scored 2014 points; room 1999").is_empty());
    }

    #[test]
    fn money_percent_url_email() {
        assert_eq!(all(&MONEY, "a $ 3 billion deal and €5m more"), ["$ 3 billion", "€5m"]);
        assert_eq!(all(&PERCENT, "rose 20% or 3.5 percent"), ["20%", "3.5 percent"]);
        assert_eq!(
            all(&URL, "Source: https://www.state.gov/a-b/. Next"),
            ["https://www.state.gov/a-b/"]
        );
        assert_eq!(all(&EMAIL, "mail news@example.co.uk."), ["news@example.co.uk"]);
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("By Jane Doe and John Roe"), Some("Jane Doe and John Roe"));
        assert_eq!(
            byline("By Jane Doe, John Roe & Ann Lee, Reuters"),
            Some("Jane Doe, John Roe & Ann Lee, Reuters")
        );
        assert_eq!(byline("BY  Сергей Лавров-Петров in Moscow"), Some("Сергей Лавров-Петров"));
        assert_eq!(byline("von Anna Maria Luise von Schmidt"), Some("Anna Maria Luise"));
        assert_eq!(byline("By O’Neil and"), Some("O’Neil"));
        assert!(byline("by the way").is_none());
        assert!(byline("By:Jane Doe").is_none());
        assert!(byline("Byzantine Empire").is_none());
        assert!(byline("By J").is_none());
        assert!(byline("").is_none());
    }

    // The regular expressions the patterns were written from (the `regex` crate, a
    // dev-dependency), and the tests that hold each pattern to its expression.
    const MONTH: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|JAN(?:UARY|\.)?|FEB(?:RUARY|\.)?|MAR(?:CH|\.)?|APR(?:IL|\.)?|MAY|JUNE?|JULY?|AUG(?:UST|\.)?|SEP(?:T(?:EMBER|\.)?|\.)?|OCT(?:OBER|\.)?|NOV(?:EMBER|\.)?|DEC(?:EMBER|\.)?)";
    const WEEKDAY: &str = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?|(?:MON|TUES?|WED(?:NES)?|THU(?:RS)?|FRI|SAT(?:UR)?|SUN)(?:DAY)?)\.?";
    const TIME: &str = r"[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?(?:\s?(?:[aApP]\.?[mM]\.?))?(?:\s?(?:GMT|UTC|CET|EST|EDT|PST|PDT|BST)(?:[+-][0-9]{1,2})?)?";

    /// A pattern of either type.
    #[derive(Clone, Copy)]
    enum Subject {
        Text(&'static Pattern),
        Line(&'static LinePattern),
    }

    impl Subject {
        /// Its matches in `hay`, as a search for the pattern's callers (a whole-line pattern
        /// matches the whole text or nothing).
        fn ranges(self, hay: &str) -> Vec<Range<usize>> {
            match self {
                Subject::Text(p) => p.find_iter(hay).map(|m| m.range()).collect(),
                Subject::Line(p) => {
                    if p.is_match(hay) {
                        std::iter::once(0..hay.len()).collect()
                    } else {
                        Vec::new()
                    }
                }
            }
        }
    }

    /// Each pattern with the regular expression it must agree with.
    fn references() -> &'static [(&'static str, Subject, regex::Regex)] {
        static REFS: LazyLock<Vec<(&'static str, Subject, regex::Regex)>> =
            LazyLock::new(build_references);
        &REFS
    }

    fn build_references() -> Vec<(&'static str, Subject, regex::Regex)> {
        let day_month_year =
            format!(r"[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+[0-9]{{4}}");
        let month_day_year =
            format!(r"{MONTH}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?(?:,\s*|\s+)[0-9]{{4}}");
        let month_day = format!(r"{MONTH}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?\b");
        let month_year = format!(r"{MONTH}\s+[0-9]{{4}}");
        let numeric = r"[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?";
        let date = format!(
            r"\b(?:{WEEKDAY},?\s+)?(?:{day_month_year}|{month_day_year}|{numeric}|{month_year}|{month_day})(?:(?:,?\s+(?:at\s+)?|\s*[-|]\s*){TIME})?"
        );
        let re = |p: &str| regex::Regex::new(p).unwrap();
        vec![
            (
                "URL",
                Subject::Text(&URL),
                re(
                    r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]{}“”‘’«»]+[^\s<>()\[\]{}“”‘’«».,;:!?'\x22]",
                ),
            ),
            (
                "EMAIL",
                Subject::Text(&EMAIL),
                re(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"),
            ),
            (
                "MONEY",
                Subject::Text(&MONEY),
                re(concat!(
                    r"(?:(?:US|A|C|NZ|HK)?[$€£¥₽₴₹]|\b(?:USD|EUR|GBP|JPY|RUB|UAH|CHF|AZN|GEL)\b)\s?[0-9][0-9,.]*(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|k)\b)?",
                    r"|\b[0-9][0-9,.]*(?:\s?(?:million|billion|trillion|thousand))?\s(?:dollars|euros|pounds|yen|rubles|roubles|hryvnias?|manats?|lari)\b",
                )),
            ),
            (
                "PERCENT",
                Subject::Text(&PERCENT),
                re(r"\b[0-9]+(?:[.,][0-9]+)?\s?(?:%|percent\b|per cent\b|pct\b)"),
            ),
            ("DATE", Subject::Text(&DATE), re(&date)),
            (
                "YEAR",
                Subject::Text(&YEAR),
                re(
                    r"\b(?i:in|since|the|by|until|till|from|of|during|before|after|between|and|to|through|early|late|mid|spring|summer|autumn|fall|winter|year)[\s-]+((?:1[89]|20)[0-9]{2})\b",
                ),
            ),
            (
                "TIME_ONLY",
                Subject::Line(&TIME_ONLY),
                re(&format!(r"^\s*(?:at\s+)?{TIME}\s*(?:,?\s*[A-Z]{{2,4}})?\s*$")),
            ),
            (
                "COUNTER",
                Subject::Line(&COUNTER),
                re(
                    r"(?i)^(?:(?:read|viewed|views?|hits?|reads?)\s*:?\s*[0-9][0-9,. ]*(?:\s*times?)?|[0-9][0-9,. ]*\s*(?:views?|reads?|comments?|shares?|times read))\s*$",
                ),
            ),
            (
                "PHONE",
                Subject::Text(&PHONE),
                re(
                    r"(?:\+[0-9]{1,3}[\s.-]?)?(?:\([0-9]{2,4}\)[\s.-]?)?[0-9]{2,4}(?:[\s.-][0-9]{2,4}){2,4}\b",
                ),
            ),
        ]
    }

    /// Whether `line`, trimmed as `p` trims it, is longer than `p` ever matches.
    fn over_cap(p: &LinePattern, line: &str) -> bool {
        let t = line.trim_end();
        (if p.lead { t.trim_start() } else { t }).len() > p.max_len
    }

    /// Panics unless every pattern finds exactly the matches of its regular expression in
    /// `text` (and, for the year, the same group), in the whole text and in each line. A
    /// whole-line pattern finds none in a line over its length cap.
    fn agree(text: &str) {
        for &(name, subject, ref re) in references() {
            for hay in std::iter::once(text).chain(text.lines()) {
                let ours = subject.ranges(hay);
                let mut theirs: Vec<_> = re.find_iter(hay).map(|m| m.range()).collect();
                if let Subject::Line(p) = subject {
                    if over_cap(p, hay) {
                        theirs.clear();
                    }
                }
                assert_eq!(ours, theirs, "{name} on {hay:?}");
                if name == "YEAR" {
                    let groups: Vec<_> =
                        re.captures_iter(hay).map(|c| c.get(1).unwrap().range()).collect();
                    assert_eq!(
                        ours.iter().map(|r| r.end - 4..r.end).collect::<Vec<_>>(),
                        groups,
                        "{name} group on {hay:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn patterns_agree_with_their_regular_expressions_on_every_fixture() {
        fn texts(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    texts(&path, out);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "txt" || e == "jsonl" || e == "json")
                {
                    out.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut all = Vec::new();
        texts(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut all);
        assert!(all.len() >= 10, "fixtures found: {}", all.len());
        let mut matched = 0;
        for t in &all {
            agree(t);
            matched += references().iter().map(|(_, p, _)| p.ranges(t).len()).sum::<usize>();
        }
        // The fixtures are real pages: the comparison above is not over empty match lists.
        assert!(matched > 100, "{matched}");
    }

    #[test]
    fn patterns_agree_on_hand_picked_edge_cases() {
        for t in [
            "",
            " ",
            "\u{a0}",
            "Jun 2021",
            "June 2021",
            "Jun 12th",
            "Sept. 3, 2012",
            "SEPT 3",
            "Sep.3, 2012",
            "Tues., June 5th, 2018 at 9:45 p.m. GMT+3",
            "Friday,\u{a0}05\u{a0}February\u{a0}2021\u{a0}14:44",
            "5 of March 2020",
            "2021-02-05 14:44:10",
            "1.2.2020",
            "12/31/1999 - 23:59",
            "May 5",
            "May 55",
            "US$5 and NZ$ 3.5bn, HK$1k, $12,000,000mn",
            "USD 1.2 bn",
            "XUSD 5",
            "500 euros",
            "3 million dollars",
            "20 hryvnias, 1 manat",
            "3.5 percent",
            "12 per cent",
            "5pct",
            "5 %",
            "12.5,3%",
            "http://example.com/a.",
            "HTTPS://WWW.EXAMPLE.COM/x?y=1).",
            "ｗww.example.com",
            "www.x.org/‘a’",
            "(see www.state.gov)",
            "a.b-c@d-e.f.gh.",
            "x@y.z",
            "née@example.com",
            "é@example.com",
            "in 2014",
            "ſince 1991",
            "IN 2014.",
            "in-2019",
            "the 2020s",
            "Ⅻin 2014",
            "in 20145",
            "mid-1990",
            "9:49am, EDT",
            " at 14:44 ",
            "14:44 CEST",
            "10.30 p.m.",
            "Read 301 times",
            "Views: 2684",
            "1,204 views",
            "12 Comments",
            "READ 3 TIMES",
            "12 ſhares",
            "3 times read",
            "+1 (555) 123-4567",
            "+995 32 2 11 11 11",
            "(032) 243 11 22",
            "12 34 56 78 90 12",
            "1234-5678-9012",
            "e\u{301} 2014",
            "ke\u{301}in 2014",
            "Mon\u{301}day, May 5",
            "東京 2021年5月5日 May 5, 2021",
            "Пятница, 5 Feb 2021",
            "\r\nMay 5, 2021\r\n",
            "K\u{212A}in 2014",
        ] {
            agree(t);
        }
    }

    /// The whole-line patterns at their length caps: the regular expression matches on both
    /// sides of the cap, the pattern up to it only, however much white space is around.
    #[test]
    fn line_patterns_at_their_length_caps() {
        // A line of `n` bytes: a beginning, spaces, an end.
        for (p, a, b, cap) in [
            (&*TIME_ONLY, "12:00", "EDT", 59),
            (&TIME_ONLY, "at", "9:45 p.m.", 59),
            (&COUNTER, "Read", "1", 39),
            (&COUNTER, "1,204", "views", 39),
        ] {
            assert_eq!(p.max_len, cap);
            let line = |n: usize| format!("{a}{}{b}", " ".repeat(n - a.len() - b.len()));
            let (at, over) = (line(cap), line(cap + 1));
            let pad = |t: &str| {
                let lead = if p.lead { "\u{a0} \t".repeat(500) } else { String::new() };
                format!("{lead}{t}{}", " \r\n\u{2003}".repeat(500))
            };
            // The regular expression matches past the cap: the cap is what stops the pattern.
            let (_, _, re) = references()
                .iter()
                .find(|(_, s, _)| matches!(s, Subject::Line(q) if std::ptr::eq(*q, p)))
                .unwrap();
            assert!(re.is_match(&over) && re.is_match(&pad(&over)));
            for (t, matches) in [(at.clone(), true), (pad(&at), true), (over.clone(), false)] {
                assert_eq!(p.is_match(&t), matches, "{t:?}");
                agree(&t);
            }
            agree(&pad(&over));
        }
    }

    /// The steps `f` takes (see [`step`]).
    fn work(f: impl FnOnce()) -> u64 {
        STEPS.with(|s| s.set(0));
        f();
        STEPS.with(std::cell::Cell::get)
    }

    type Search = Box<dyn Fn(&str) + Send + Sync>;

    /// Every pattern of the module, by name, as the search its callers run.
    fn searches() -> Vec<(&'static str, Search)> {
        let mut out: Vec<(&'static str, Search)> = references()
            .iter()
            .map(|&(name, p, _)| {
                let search = move |t: &str| {
                    let _ = p.ranges(t);
                };
                (name, Box::new(search) as Search)
            })
            .collect();
        out.push((
            "byline",
            Box::new(|t| {
                let _ = byline(t);
            }),
        ));
        out
    }

    /// What the runs are made of: white space, digits, dots, commas, capitalised words, and
    /// mixtures that patterns take one piece at a time.
    const RUNS: &[&str] = &[" ", "\u{a0}", "1", ".", ",", "1 ", "1.", "1,", "May ", "Jane ", "In "];

    /// Text around a run: the beginnings and ends of matches of each pattern.
    const AROUND: &[(&str, &str)] = &[
        ("", ""),
        ("x", "x"),
        ("12:00", "x"),
        ("at ", "12:00"),
        ("Read ", " times"),
        ("1", " views"),
        ("May", "5, 2021"),
        ("in", "2021"),
        ("$", "m"),
        ("12", "%"),
        ("1", " dollars"),
        ("http://", "."),
        ("a@b", ".com"),
        ("By ", " Doe"),
        ("+1 ", "55"),
    ];

    /// The work of `search` on texts holding a run of `unit` of 1k, 2k, 4k, 8k and 16k
    /// characters between `before` and `after`; stops after the first doubling that more
    /// than triples the work.
    fn series(search: &dyn Fn(&str), before: &str, unit: &str, after: &str) -> Vec<u64> {
        let mut out: Vec<u64> = Vec::new();
        for k in 10..=14 {
            let run = unit.repeat((1 << k) / unit.chars().count());
            let t = format!("{before}{run}{after}");
            out.push(work(|| search(&t)));
            if let [.., a, b] = out[..] {
                if b > 3 * a {
                    break;
                }
            }
        }
        out
    }

    /// Counted work, not time: a matcher whose work grows with the square of a run (a run
    /// of spaces in a whole-line pattern once took 4.4 s at 16k characters) takes four times
    /// the steps when the run doubles, and fails here at the first doubling, on any machine.
    #[test]
    fn doubling_a_run_at_most_triples_the_work_of_every_pattern() {
        let results = std::thread::scope(|scope| {
            let handles: Vec<_> = searches()
                .into_iter()
                .map(|(name, search)| {
                    scope.spawn(move || {
                        let mut failures = Vec::new();
                        let mut worst = (Vec::new(), String::new());
                        for &(before, after) in AROUND {
                            for (before, after) in [
                                (before.to_string(), after.to_string()),
                                (format!("Some text {before}"), format!("{after} and more.")),
                            ] {
                                for unit in RUNS {
                                    let w = series(&*search, &before, unit, &after);
                                    let input = format!("{before:?} + {unit:?}… + {after:?}");
                                    if w.windows(2).any(|p| p[1] > 3 * p[0]) {
                                        failures.push(format!("{name} on {input}: {w:?}"));
                                    } else if w.last() > worst.0.last() {
                                        worst = (w, input);
                                    }
                                }
                            }
                        }
                        eprintln!("{name:9} {:?} on {}", worst.0, worst.1);
                        failures
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap()).collect::<Vec<_>>()
        });
        assert!(results.is_empty(), "{} failures:\n{}", results.len(), results.join("\n"));
    }

    /// Megabyte runs: no recursion as deep as the run, and linear work (counted, as above):
    /// sixteen times the run (64 KiB to 1 MiB), four doublings, at most 3⁴ times the steps.
    #[test]
    fn megabyte_runs_take_linear_work_and_do_not_exhaust_the_stack() {
        let runs = [
            ("http://", "a", ""),
            ("", "a", "@"),
            ("a@", ".b", ""),
            ("", "1", ""),
            ("", "1,", ""),
            ("", "1.", ""),
            ("", "a.", ""),
            ("", "in ", ""),
            ("", "May ", ""),
            ("May", "\u{a0}", ""),
            ("By ", "Jane ", ""),
        ];
        for (name, search) in searches() {
            for (before, unit, after) in runs {
                let [small, big] = [16, 20].map(|k| {
                    let run = unit.repeat((1 << k) / unit.chars().count());
                    let t = format!("{before}{run}{after}");
                    work(|| search(&t))
                });
                assert!(
                    big <= 81 * small,
                    "{name} on {before:?} + {unit:?}… + {after:?}: {small} then {big} steps"
                );
            }
        }
    }

    mod generated {
        use super::agree;
        use proptest::prelude::*;

        /// Pieces that the patterns are made of, and their near misses.
        const PIECES: &[&str] = &[
            "Jan",
            "Jan.",
            "January",
            "June",
            "Jun",
            "JUNE",
            "Sep",
            "Sept",
            "Sept.",
            "SEPT",
            "May",
            "march",
            "Mon",
            "Tues",
            "Wednesday",
            "THU",
            "day",
            ".",
            ",",
            ":",
            "-",
            "/",
            "|",
            "+",
            "(",
            ")",
            " ",
            "  ",
            "\u{a0}",
            "\t",
            "\n",
            "\r\n",
            "1",
            "2",
            "05",
            "12",
            "19",
            "20",
            "21",
            "99",
            "2021",
            "1991",
            "st",
            "th",
            "of",
            "at",
            "T",
            "am",
            "p.m.",
            "PM",
            "GMT",
            "UTC",
            "$",
            "€",
            "US",
            "NZ",
            "USD",
            "EUR",
            "m",
            "bn",
            "k",
            "million",
            "dollars",
            "euros",
            "%",
            "percent",
            "per cent",
            "pct",
            "http",
            "https",
            "://",
            "www.",
            "HTTP",
            "a",
            "Z",
            "é",
            "\u{301}",
            "\u{212A}",
            "ſ",
            "東",
            "я",
            "_",
            "@",
            "x.co",
            "in",
            "since",
            "the",
            "by",
            "early",
            "year",
            "Read",
            "views",
            "Comments",
            "times",
            "shares",
            "'",
            "\"",
            "“",
            "»",
            "!",
        ];

        /// Pieces of time stamps and counters, and white space in runs long enough to cross the
        /// length caps of the whole-line patterns.
        const LINE_PIECES: &[&str] = &[
            "12:00",
            "9:45",
            ":",
            "45",
            "at",
            "am",
            "p.m.",
            "EDT",
            "GMT+3",
            ",",
            "AB",
            "Read",
            "Views",
            "views",
            "1",
            "1,204",
            ".",
            "times",
            "Comments",
            "x",
            " ",
            "\t",
            "\n",
            "\u{a0}",
            "                ",
            "\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            #[test]
            fn patterns_agree_on_generated_lines(pieces in proptest::collection::vec(0..LINE_PIECES.len(), 0..12)) {
                let s: String = pieces.iter().map(|&i| LINE_PIECES[i]).collect();
                agree(&s);
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3000))]
            #[test]
            fn patterns_agree_on_generated_strings(pieces in proptest::collection::vec(0..PIECES.len(), 0..14)) {
                let s: String = pieces.iter().map(|&i| PIECES[i]).collect();
                agree(&s);
            }
        }
    }
}
