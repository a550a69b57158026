//! Boilerplate roles on the two real pastes in `tests/fixtures/seeds/`, line by line as a
//! reader of those pages would name them (hand-checked; the rules were written with these
//! pages in view, so this guards behaviour, it does not measure accuracy).

use clipmark::BlockLabel;
use clipmark::Role;

fn roles(path: &str) -> Vec<(String, BlockLabel, Option<Role>)> {
    let text = std::fs::read_to_string(path).unwrap();
    let a = clipmark::analyze(&text);
    a.blocks.iter().map(|b| (text[b.span.clone()].to_string(), b.label, b.role)).collect()
}

fn role_of(blocks: &[(String, BlockLabel, Option<Role>)], line: &str) -> Option<Role> {
    blocks.iter().find(|b| b.0.starts_with(line)).unwrap_or_else(|| panic!("no line {line:?}")).2
}

#[test]
fn only_boilerplate_has_roles() {
    for path in [
        "tests/fixtures/seeds/000_0586b9b838e24ecf.txt",
        "tests/fixtures/seeds/004_4a37522199f6be1e.txt",
    ] {
        for (line, label, role) in roles(path) {
            assert!(
                label == BlockLabel::Boilerplate || role.is_none(),
                "{line:?} is {label:?} with {role:?}"
            );
        }
    }
}

#[test]
fn related_stories_calendar_about_and_contact_blocks() {
    let b = roles("tests/fixtures/seeds/000_0586b9b838e24ecf.txt");
    for line in [
        "Related items",
        "• Russian Foreign Minister announced",
        "• Turkey to host next round",
        "MOST READ",
    ] {
        assert_eq!(role_of(&b, line), Some(Role::Related), "{line}");
    }
    for line in
        ["« October 2022 »", "Mon Tue Wed Thu Fri Sat Sun", "1 2", "10 11 12 13 14 15 16", "31"]
    {
        assert_eq!(role_of(&b, line), Some(Role::Calendar), "{line}");
    }
    assert_eq!(role_of(&b, "About"), Some(Role::Footer));
    for line in ["Contact", "NEWSDAY Ltd.", "Phone:", "E-mail:"] {
        assert_eq!(role_of(&b, line), Some(Role::Contact), "{line}");
    }
    assert_eq!(role_of(&b, "Social Media"), Some(Role::Share));
    assert_eq!(role_of(&b, "Read 301 times"), None);
}

#[test]
fn menus_and_captions_pasted_twice() {
    let b = roles("tests/fixtures/seeds/004_4a37522199f6be1e.txt");
    for line in ["XS", "SM", "MD", "LG"] {
        assert_eq!(role_of(&b, line), Some(Role::Navigation), "{line}");
    }
    assert_eq!(role_of(&b, "FILE - A Ukrainian soldier"), Some(Role::Caption));
    assert_eq!(role_of(&b, "Accessibility links"), Some(Role::Navigation));
}
