//! Every regular expression of the crate, each compiled once, on first use.
//!
//! Kept in one place so the cost (compile time, and wasm size for the Unicode classes they
//! use) stays visible. Digits are written `[0-9]`, not `\d`: Unicode `\d` made the date and
//! year patterns 3 to 10 times slower to compile, and the numbers are read as ASCII anyway.

use regex::Regex;
use std::sync::LazyLock;

/// Month names and their common abbreviations (English), capitalised or in capitals
/// (`SATURDAY, OCTOBER 20, 2012` heads many blog posts). Not case-insensitive: `may` and
/// `march` are words too.
const MONTH: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|JAN(?:UARY|\.)?|FEB(?:RUARY|\.)?|MAR(?:CH|\.)?|APR(?:IL|\.)?|MAY|JUNE?|JULY?|AUG(?:UST|\.)?|SEP(?:T(?:EMBER|\.)?|\.)?|OCT(?:OBER|\.)?|NOV(?:EMBER|\.)?|DEC(?:EMBER|\.)?)";
/// Weekday names, capitalised or in capitals.
const WEEKDAY: &str = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?|(?:MON|TUES?|WED(?:NES)?|THU(?:RS)?|FRI|SAT(?:UR)?|SUN)(?:DAY)?)\.?";
/// A clock time such as `14:44`, `9:46 am`, `10.30 p.m.`.
const TIME: &str = r"[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?(?:\s?(?:[aApP]\.?[mM]\.?))?(?:\s?(?:GMT|UTC|CET|EST|EDT|PST|PDT|BST)(?:[+-][0-9]{1,2})?)?";

/// `https://…`, `http://…`, `www.…`: stops before trailing punctuation that ends a sentence.
pub static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]{}“”‘’«»]+[^\s<>()\[\]{}“”‘’«».,;:!?'\x22]").unwrap()
});

/// An e-mail address.
pub static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b").unwrap()
});

/// An amount of money: a currency sign or code before or after a number, with an optional
/// scale word (`$ 3 billion`, `€5m`, `USD 1.2bn`, `500 euros`).
pub static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:(?:US|A|C|NZ|HK)?[$€£¥₽₴₹]|\b(?:USD|EUR|GBP|JPY|RUB|UAH|CHF|AZN|GEL)\b)\s?[0-9][0-9,.]*(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|k)\b)?",
        r"|\b[0-9][0-9,.]*(?:\s?(?:million|billion|trillion|thousand))?\s(?:dollars|euros|pounds|yen|rubles|roubles|hryvnias?|manats?|lari)\b",
    ))
    .unwrap()
});

/// A percentage: `20%`, `3.5 %`, `20 percent`, `12 per cent`.
pub static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[0-9]+(?:[.,][0-9]+)?\s?(?:%|percent\b|per cent\b|pct\b)").unwrap()
});

/// An absolute date, optionally with a weekday and a time: `Friday, 05 February 2021 14:44`,
/// `Nov. 17, 2021`, `23.02.2022 09:46`, `2021-02-05T14:44`, `February 2021`.
pub static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let day_month_year = format!(r"[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+[0-9]{{4}}");
    let month_day_year = format!(r"{MONTH}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?(?:,\s*|\s+)[0-9]{{4}}");
    let month_day = format!(r"{MONTH}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?\b");
    let month_year = format!(r"{MONTH}\s+[0-9]{{4}}");
    let numeric = r"[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?";
    let pattern = format!(
        r"\b(?:{WEEKDAY},?\s+)?(?:{day_month_year}|{month_day_year}|{numeric}|{month_year}|{month_day})(?:(?:,?\s+(?:at\s+)?|\s*[-|]\s*){TIME})?"
    );
    Regex::new(&pattern).unwrap()
});

/// A year in context: `in 2014`, `the 2020 election`, `since 1991`, `by early 2022`. Group 1
/// is the year; the cue word only anchors it (the regex crate has no look-behind).
pub static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?i:in|since|the|by|until|till|from|of|during|before|after|between|and|to|through|early|late|mid|spring|summer|autumn|fall|winter|year)[\s-]+((?:1[89]|20)[0-9]{2})\b").unwrap()
});

/// A line that is only a clock time or a time with a zone (`9:49am, EDT`, `14:44`).
pub static TIME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*(?:at\s+)?{TIME}\s*(?:,?\s*[A-Z]{{2,4}})?\s*$")).unwrap()
});

/// A view, read or comment counter standing alone on its line: `Read 301 times`, `Views: 2684`,
/// `1,204 views`, `12 Comments`.
pub static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:read|viewed|views?|hits?|reads?)\s*:?\s*[0-9][0-9,. ]*(?:\s*times?)?|[0-9][0-9,. ]*\s*(?:views?|reads?|comments?|shares?|times read))\s*$").unwrap()
});

/// A telephone number: `+1 (555) 123-4567`, `+995 32 2 11 11 11`, `(032) 243 11 22`.
pub static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+[0-9]{1,3}[\s.-]?)?(?:\([0-9]{2,4}\)[\s.-]?)?[0-9]{2,4}(?:[\s.-][0-9]{2,4}){2,4}\b").unwrap()
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
    if !["by", "von", "par", "por"].iter().any(|w| lead.eq_ignore_ascii_case(w)) {
        return None;
    }
    let rest = &line[lead.len()..];
    let names = rest.trim_start();
    if names.len() == rest.len() {
        return None;
    }
    let mut end = person(names, 0)?;
    // Further people: `\s*(,|and|&)\s*` then a person.
    loop {
        let after = names[end..].trim_start();
        let sep = if after.starts_with(',') || after.starts_with('&') {
            1
        } else if after.starts_with("and") {
            3
        } else {
            break;
        };
        let next = after[sep..].trim_start();
        match person(names, names.len() - next.len()) {
            Some(e) => end = e,
            None => break,
        }
    }
    Some(&names[..end])
}

/// A name word at byte `at` of `s`: an upper-case letter, then one or more letters, `'`, `’`,
/// `.` or `-`. Returns where it ends.
fn name_word(s: &str, at: usize) -> Option<usize> {
    let mut chars = s[at..].char_indices();
    let (_, first) = chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let end = chars
        .take_while(|&(_, c)| c.is_alphabetic() || matches!(c, '\'' | '’' | '.' | '-'))
        .last()
        .map(|(i, c)| at + i + c.len_utf8())?;
    Some(end)
}

/// One person: a name word and up to three more after whitespace. Returns where it ends.
fn person(s: &str, at: usize) -> Option<usize> {
    let mut end = name_word(s, at)?;
    for _ in 0..3 {
        let after = s[end..].trim_start();
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

    fn all<'a>(re: &Regex, t: &'a str) -> Vec<&'a str> {
        re.find_iter(t).map(|m| m.as_str()).collect()
    }

    #[test]
    fn dates_in_seed_formats() {
        assert_eq!(all(&DATE, "Friday, 05 February 2021 14:44\n"), ["Friday, 05 February 2021 14:44"]);
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
        let years = |t: &str| YEAR.captures_iter(t).map(|c| c.get(1).unwrap().as_str().to_string()).collect::<Vec<_>>();
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
        assert_eq!(byline("By Jane Doe, John Roe & Ann Lee, Reuters"), Some("Jane Doe, John Roe & Ann Lee, Reuters"));
        assert_eq!(byline("BY  Сергей Лавров-Петров in Moscow"), Some("Сергей Лавров-Петров"));
        assert_eq!(byline("von Anna Maria Luise von Schmidt"), Some("Anna Maria Luise"));
        assert_eq!(byline("By O’Neil and"), Some("O’Neil"));
        assert!(byline("by the way").is_none());
        assert!(byline("By:Jane Doe").is_none());
        assert!(byline("Byzantine Empire").is_none());
        assert!(byline("By J").is_none());
        assert!(byline("").is_none());
    }
}
