//! Roles: what kind of boilerplate a boilerplate block is (navigation, related stories,
//! caption, comments, calendar, contact, tags, share buttons, footer), so the analyst sees
//! why it is not the article.
//!
//! Rules over the segmented page, not a learned model: no gold data labels roles, so their
//! accuracy is not measured. A line's own cues come first (a copyright line is a footer
//! wherever it stands); then the section it sits in (after "Related items" or "MOST READ",
//! related; after "12 Comments" or "Leave a Reply", comments; a section ends at the next
//! marker or at the article); then short lines in a run outside the article are navigation.
//! Blocks that fit none keep no role.

use crate::blocks::{Block, BlockLabel};
use crate::patterns;
use crate::segment::features::{is_comment_cue, is_section_marker};
use serde::{Deserialize, Serialize};

/// The finer kind of a boilerplate block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Menus, section links, breadcrumbs, language and size switches.
    Navigation,
    /// Related, recommended or most-read stories.
    Related,
    /// Photo captions and credits.
    Caption,
    /// Reader comments and their furniture ("Reply", "12 Comments").
    Comments,
    /// A month calendar or archive dates laid out as rows.
    Calendar,
    /// Addresses, telephone numbers, e-mail addresses.
    Contact,
    /// Tag and topic lists.
    Tags,
    /// Share, print and follow buttons.
    Share,
    /// Copyright, legal and cookie lines.
    Footer,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 9] = [
        Role::Navigation,
        Role::Related,
        Role::Caption,
        Role::Comments,
        Role::Calendar,
        Role::Contact,
        Role::Tags,
        Role::Share,
        Role::Footer,
    ];

    /// The role's name as written in `clipmark/v1`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Navigation => "navigation",
            Role::Related => "related",
            Role::Caption => "caption",
            Role::Comments => "comments",
            Role::Calendar => "calendar",
            Role::Contact => "contact",
            Role::Tags => "tags",
            Role::Share => "share",
            Role::Footer => "footer",
        }
    }

    /// Parses a role name as written in `clipmark/v1`.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

const SHARE: [&str; 16] = [
    "share",
    "tweet",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "pinterest",
    "reddit",
    "print",
    "email",
    "e-mail",
    "pin it",
    "share this",
    "print version",
    "send to a friend",
];

const FOOTER: [&str; 8] = [
    "all rights reserved",
    "privacy policy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "cookie",
    "copyright",
    "©",
];

/// A role from the line alone, if its own cues say so.
fn own_role(s: &str) -> Option<Role> {
    let l = s.to_lowercase();
    let bare = l.trim_matches(|c: char| !c.is_alphanumeric());
    let words = s.split_whitespace().count();
    if words <= 14 && FOOTER.iter().any(|f| l.contains(f)) {
        return Some(Role::Footer);
    }
    if is_calendar(s) {
        return Some(Role::Calendar);
    }
    if words <= 12
        && (patterns::EMAIL.is_match(s)
            || (patterns::PHONE.is_match(s) && (s.contains('+') || s.contains('(')))
            || ["phone", "tel.", "tel:", "fax", "e-mail:", "email:", "address:", "contact"]
                .iter()
                .any(|p| l.starts_with(p)))
    {
        return Some(Role::Contact);
    }
    if [
        "photo:",
        "photo by",
        "photograph:",
        "image:",
        "picture:",
        "credit:",
        "(photo",
        "photo credit",
        "getty images",
        "file photo",
    ]
    .iter()
    .any(|p| l.contains(p))
    {
        return Some(Role::Caption);
    }
    if words <= 4
        && (SHARE.contains(&bare)
            || bare.starts_with("share on ")
            || bare.starts_with("follow us")
            || bare == "social media")
    {
        return Some(Role::Share);
    }
    if matches!(
        bare,
        "about" | "about us" | "imprint" | "impressum" | "legal notice" | "disclaimer"
    ) {
        return Some(Role::Footer);
    }
    if words <= 3 && ["image", "photo", "video", "gallery"].iter().any(|w| l.contains(w))
        || l.starts_with("file - ")
        || l.starts_with("file photo")
    {
        return Some(Role::Caption);
    }
    if ["tags:", "tags", "topics:", "keywords:", "filed under"]
        .iter()
        .any(|p| bare == p.trim_end_matches(':') || l.starts_with(p))
        && words <= 30
    {
        return Some(Role::Tags);
    }
    None
}

/// How many day numbers (1 to 31) `s` holds when it holds nothing else; else 0.
fn day_numbers(s: &str) -> usize {
    let mut n = 0;
    for w in s.split_whitespace() {
        if !w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) {
            return 0;
        }
        n += 1;
    }
    n
}

/// A calendar row: only day numbers (at least three, none above 31) or weekday names, or a
/// month heading between arrows (`« October 2022 »`).
fn is_calendar(s: &str) -> bool {
    if day_numbers(s) >= 3 {
        return true;
    }
    let toks: Vec<&str> = s.split_whitespace().collect();
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let days = toks
        .iter()
        .filter(|t| DAYS.iter().any(|d| t.to_lowercase().starts_with(d) && t.len() <= 9))
        .count();
    (days >= 5 && days == toks.len())
        || ((s.starts_with('«') || s.starts_with('<'))
            && (s.ends_with('»') || s.ends_with('>'))
            && toks.len() <= 5)
}

/// Sets the role of every boilerplate block of `blocks` (labelled, over `text`); other blocks
/// get none.
pub fn assign(text: &str, blocks: &mut [Block]) {
    let t = |b: &Block| &text[b.span.clone()];
    let first_body = blocks.iter().position(|b| b.label != BlockLabel::Boilerplate);
    let last_body = blocks.iter().rposition(|b| b.label != BlockLabel::Boilerplate);
    let short = |s: &str| {
        s.split_whitespace().count() <= 5
            && !s.ends_with(['.', '!', '?'])
            && s.chars().count() <= 60
    };
    let tiny = |s: &str| s.split_whitespace().count() <= 3 && !s.ends_with(['.', '!', '?']);
    // The open section: its role and how many more blocks it may cover. Comments and related
    // stories run to the article, the next marker, a line with a role of its own or (related)
    // a menu; a heading's section ("Contact", "About", "Tags") covers its next 4 short lines.
    let mut section: Option<(Role, usize)> = None;
    let mut roles: Vec<Option<Role>> = vec![None; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        if b.label != BlockLabel::Boilerplate {
            section = None;
            continue;
        }
        let s = t(b);
        let l = s.to_lowercase();
        let words = s.split_whitespace().count();
        let cue = is_comment_cue(s);
        let comment_marker = cue
            && (l.contains("comment")
                || l.contains("repl")
                || l.contains("responses")
                || l.contains("kommentar"));
        let own = own_role(s);
        if comment_marker || l.starts_with("leave a reply") || l.starts_with("leave a comment") {
            section = Some((Role::Comments, usize::MAX));
        } else if is_section_marker(s) {
            section = Some((Role::Related, usize::MAX));
        } else if let Some(r) = own {
            if words <= 3 && matches!(r, Role::Contact | Role::Footer | Role::Share | Role::Tags) {
                section = Some((r, 5));
            } else if section.is_some_and(|x| x.0 != r) {
                section = None;
            }
        } else if section
            .is_some_and(|x| matches!(x.0, Role::Contact | Role::Footer | Role::Share | Role::Tags))
            && words > 8
        {
            section = None;
        } else if section.is_some_and(|x| x.0 == Role::Related)
            && (i..i + 3).all(|k| {
                blocks.get(k).is_some_and(|b| b.label == BlockLabel::Boilerplate && tiny(t(b)))
            })
        {
            // A menu after the related stories (three very short lines) ends them.
            section = None;
        }
        let open = section.filter(|x| x.1 > 0).map(|x| x.0);
        roles[i] = own.or(open).or_else(|| (open.is_none() && cue).then_some(Role::Comments));
        if let Some(x) = section.as_mut() {
            x.1 = x.1.saturating_sub(1);
        }
    }
    // A calendar's short first and last rows ("1 2", "31") beside its full rows. A line of five
    // words or more pasted twice in a row: a caption when it is a sentence of ten words or more
    // ("FILE - A Ukrainian soldier takes part in a drill …"), else a teaser's headline.
    for i in 0..blocks.len() {
        if blocks[i].label != BlockLabel::Boilerplate {
            continue;
        }
        let near = |k: Option<usize>| {
            k.and_then(|k| blocks.get(k)).filter(|b| b.label == BlockLabel::Boilerplate)
        };
        let (prev, next) = (near(i.checked_sub(1)), near(Some(i + 1)));
        if day_numbers(t(&blocks[i])) > 0
            && [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .any(|k| roles.get(k) == Some(&Some(Role::Calendar)))
        {
            roles[i] = Some(Role::Calendar);
        }
        let s = t(&blocks[i]);
        if s.split_whitespace().nth(4).is_some()
            && [prev, next].into_iter().flatten().any(|b| t(b) == s)
        {
            roles[i] = Some(if s.split_whitespace().nth(9).is_some() {
                Role::Caption
            } else {
                Role::Related
            });
        }
    }
    // Navigation: short lines in a run of three or more outside the article (two above it),
    // or any line split by `|`, that nothing else explained.
    let outside = |i: usize| first_body.is_none_or(|f| i < f) || last_body.is_none_or(|l| i > l);
    let mut i = 0;
    while i < blocks.len() {
        let mut j = i;
        while j < blocks.len()
            && blocks[j].label == BlockLabel::Boilerplate
            && roles[j].is_none()
            && short(t(&blocks[j]))
        {
            j += 1;
        }
        if (j - i >= 3 || (j - i >= 2 && first_body.is_some_and(|f| j <= f))) && (i..j).all(outside)
        {
            for r in &mut roles[i..j] {
                *r = Some(Role::Navigation);
            }
        }
        i = j.max(i + 1);
    }
    for (k, b) in blocks.iter().enumerate() {
        if b.label == BlockLabel::Boilerplate
            && roles[k].is_none()
            && t(b).split(" | ").filter(|p| !p.trim().is_empty()).count() >= 3
        {
            roles[k] = Some(Role::Navigation);
        }
    }
    for (b, r) in blocks.iter_mut().zip(roles) {
        b.role = if b.label == BlockLabel::Boilerplate { r } else { None };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_cues() {
        assert_eq!(own_role("© 2022 NEWSDAY Ltd. All rights reserved"), Some(Role::Footer));
        assert_eq!(own_role("Phone: (+995 32) 257 91 11"), Some(Role::Contact));
        assert_eq!(own_role("E-mail: news@example.com"), Some(Role::Contact));
        assert_eq!(own_role("1 2 3 4 5 6 7"), Some(Role::Calendar));
        assert_eq!(own_role("Mon Tue Wed Thu Fri Sat Sun"), Some(Role::Calendar));
        assert_eq!(own_role("« October 2022 »"), Some(Role::Calendar));
        assert_eq!(own_role("Photo: Reuters/Jane Doe"), Some(Role::Caption));
        assert_eq!(own_role("Share on Facebook"), Some(Role::Share));
        assert_eq!(own_role("Tags: Ukraine, Russia, NATO"), Some(Role::Tags));
        assert_eq!(own_role("The talks in Istanbul follow weeks of contacts."), None);
        assert_eq!(own_role("2022 32 45"), None);
    }

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.as_str()));
        }
        assert_eq!(Role::parse("body"), None);
    }
}
