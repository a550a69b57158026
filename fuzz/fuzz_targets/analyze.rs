//! Arbitrary UTF-8 into `analyze`: no panic; entities sorted, non-overlapping, inside the
//! text and on character boundaries. Run with `cargo +nightly fuzz run analyze`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(t) = std::str::from_utf8(data) else { return };
    let a = clipmark::analyze(t);
    let mut last = 0;
    for e in &a.entities {
        assert!(e.span.start < e.span.end && e.span.end <= t.len());
        assert!(t.is_char_boundary(e.span.start) && t.is_char_boundary(e.span.end));
        assert!(e.span.start >= last);
        last = e.span.end;
    }
});
