//! The segmenter's feature spaces, every dense position named: a line's own features
//! ([`line`]), the copies of its neighbours' ([`NEIGH_SRC`]), the hashed words' block, the
//! document context of stages 2 and 3 ([`ctx`], [`look`]), and the headline's features
//! ([`title`]). [`FEATURES`] and [`title::NAMES`] are the names in model order: the model files
//! record them, and the build script refuses a model trained with another list (reordering two
//! features here without retraining is a build error, not a silently wrong model).
//!
//! Depends on nothing else in the crate, so that `build.rs` can include it.

/// Declares a group of dense positions: one `usize` constant per feature, numbered in order
/// from 0 within the group, whose first position in the feature space is `START`; `COUNT`, and
/// `NAMES` (the names the model files use).
macro_rules! positions {
    ($(#[$doc:meta])* $m:ident from $first:expr; $($(#[$fdoc:meta])* $c:ident = $n:literal,)*) => {
        $(#[$doc])*
        pub mod $m {
            #[allow(clippy::upper_case_acronyms, non_camel_case_types)]
            #[repr(usize)]
            enum At {
                $($c,)*
            }
            /// The group's first position in the feature space: feature `X` is at `START + X`.
            pub const START: usize = $first;
            $($(#[$fdoc])* pub const $c: usize = At::$c as usize;)*
            /// How many positions the group has.
            pub const COUNT: usize = [$($n),*].len();
            /// Their names, in order.
            pub const NAMES: [&str; COUNT] = [$($n),*];
        }
    };
}

positions! {
    /// A line's own dense features, stage 1's first positions (`features::dense` writes them).
    line from 0;
    /// Always 1.
    BIAS = "bias",
    /// ln(1 + characters) / 6.
    CHARS = "chars",
    /// ln(1 + words) / 4.
    WORDS = "words",
    /// 0 or 1 words (one of [`WORDS_0_1`] to [`WORDS_40_UP`] is set).
    WORDS_0_1 = "words_0_1",
    /// 2 words.
    WORDS_2 = "words_2",
    /// 3 to 5 words.
    WORDS_3_5 = "words_3_5",
    /// 6 to 9 words.
    WORDS_6_9 = "words_6_9",
    /// 10 to 19 words.
    WORDS_10_19 = "words_10_19",
    /// 20 to 39 words.
    WORDS_20_39 = "words_20_39",
    /// 40 words or more.
    WORDS_40_UP = "words_40_up",
    /// Share of stopwords.
    STOPWORDS = "stopwords",
    /// Title-Case share of alphabetic words.
    TITLE_CASE = "title_case",
    /// Share of digits.
    DIGITS = "digits",
    /// Share of punctuation.
    PUNCT = "punct",
    /// Share of upper case among letters.
    UPPER = "upper",
    /// Share of CJK characters.
    CJK = "cjk",
    /// Ends like a sentence.
    SENTENCE_END = "sentence_end",
    /// Ends on a colon.
    COLON_END = "colon_end",
    /// Ends on an ellipsis.
    ELLIPSIS = "ellipsis",
    /// Ends on a comma or a semicolon.
    COMMA_END = "comma_end",
    /// ln(1 + sentence ends inside the line) / 2.
    INNER_ENDS = "inner_ends",
    /// Holds a quotation mark.
    QUOTES = "quotes",
    /// Starts with a bullet or a list number.
    BULLET = "bullet",
    /// Indented.
    INDENTED = "indented",
    /// No blank line before it.
    NO_BLANK_BEFORE = "no_blank_before",
    /// One blank line before it.
    ONE_BLANK_BEFORE = "one_blank_before",
    /// Two or more blank lines before it.
    BLANKS_BEFORE = "blanks_before",
    /// No letters.
    NO_LETTERS = "no_letters",
    /// Holds a URL.
    URL = "url",
    /// Holds an e-mail address.
    EMAIL = "email",
    /// Holds a date.
    DATE = "date",
    /// A short line that is a time of day.
    TIME_ONLY = "time_only",
    /// Holds a phone number.
    PHONE = "phone",
    /// A copyright line.
    COPYRIGHT = "copyright",
    /// ln(1 + pipes).
    PIPES = "pipes",
    /// The first of two or more copies of the line.
    REPEAT_FIRST = "repeat_first",
    /// A later copy of a line.
    REPEAT_LATER = "repeat_later",
    /// Its start is repeated elsewhere (a teaser of a longer line, or the longer line).
    PREFIX_REPEAT = "prefix_repeat",
    /// A teaser: ends on an ellipsis and its start is repeated.
    TEASER = "teaser",
    /// A section marker ("Related items").
    MARKER = "marker",
    /// Position in the page, 0 to 1.
    POSITION = "position",
    /// [`POSITION`] squared.
    POSITION_SQ = "position_sq",
    /// One of the first three lines.
    FIRST_LINES = "first_lines",
    /// One of the last three lines.
    LAST_LINES = "last_lines",
    /// ln(1 + lines of the page) / 8.
    PAGE_LINES = "page_lines",
    /// Prose: 10 words or more, stopwords, a sentence end.
    PROSE = "prose",
    /// 25 words or more.
    LONG = "long",
    /// Starts in lower case.
    LOWERCASE_START = "lowercase_start",
    /// Short, in Title Case, no sentence end: a headline's shape.
    HEADLINE_CASE = "headline_case",
    /// Starts with "By", "Von", "Par" or "Por".
    BY = "by",
    /// Starts with a digit, 3 words at most.
    NUMBER_START = "number_start",
    /// Stopword share times ln(1 + words), / 3.
    STOPWORD_MASS = "stopword_mass",
    /// CJK text of 40 characters or more.
    CJK_TEXT = "cjk_text",
    /// 3 words at most, no sentence end.
    SHORT_NO_END = "short_no_end",
    /// Holds "http" or ".com".
    LINK_TEXT = "link_text",
    /// Ends on a question or an exclamation mark.
    EXCLAIM_END = "exclaim_end",
    /// A comment cue ("X says:", "Reply").
    COMMENT_CUE = "comment_cue",
    /// An archive or category entry with its post count ("Politics (24)").
    POST_COUNT = "post_count",
}

/// Number of dense features of one line.
pub const DENSE: usize = line::COUNT;
/// Neighbour offsets whose features are copied, in the order of their blocks.
pub const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
/// Dense features copied from each neighbour.
pub const NEIGH: usize = NEIGH_SRC.len();

/// Declares the neighbour copies: which line features each neighbour's block holds
/// ([`NEIGH_SRC`]) and the blocks' names ([`NEIGH_NAMES`]), checked against [`line::NAMES`].
macro_rules! neighbours {
    ($($c:ident = $n:literal,)*) => {
        /// Which dense features are copied for each neighbour, in the order of its block. The
        /// block's first position also reads -1 when the neighbour is missing (before the
        /// first or after the last line).
        pub const NEIGH_SRC: [usize; [$($n),*].len()] = [$(line::$c),*];
        /// Names of the neighbour copies: `p2.` (two lines up), `p1.`, `n1.`, `n2.` (two lines
        /// down) and the copied feature's name, in [`OFFSETS`] order.
        pub const NEIGH_NAMES: [&str; OFFSETS.len() * NEIGH] = [
            $(concat!("p2.", $n),)* $(concat!("p1.", $n),)* $(concat!("n1.", $n),)* $(concat!("n2.", $n),)*
        ];
        const _: () = {
            let (src, names) = (NEIGH_SRC, [$($n),*]);
            let mut k = 0;
            while k < src.len() {
                assert!(same(line::NAMES[src[k]], names[k]), "a neighbour copy is misnamed");
                k += 1;
            }
        };
    };
}

neighbours! {
    CHARS = "chars",
    WORDS = "words",
    STOPWORDS = "stopwords",
    TITLE_CASE = "title_case",
    SENTENCE_END = "sentence_end",
    ELLIPSIS = "ellipsis",
    BULLET = "bullet",
    NO_BLANK_BEFORE = "no_blank_before",
    NO_LETTERS = "no_letters",
    REPEAT_LATER = "repeat_later",
    MARKER = "marker",
    PROSE = "prose",
    LOWERCASE_START = "lowercase_start",
    SHORT_NO_END = "short_no_end",
}

/// First index of the hashed lexical features (stage 1), and of the document context (stages
/// 2 and 3): the line's dense features and its neighbours' come first.
pub const HASH_BASE: usize = DENSE + NEIGH * OFFSETS.len();
/// Number of buckets for hashed lexical features (a power of two).
pub const HASH_SIZE: usize = 1 << 14;
/// Size of the stage-1 feature space.
pub const STAGE1_DIM: usize = HASH_BASE + HASH_SIZE;

positions! {
    /// Stages 2 and 3's document context of a line, from [`HASH_BASE`] on,
    /// read off the previous stage's log-odds `s` and probabilities `p` (`context::stage2_each`
    /// writes them). "The run" is the densest contiguous run of likely-body lines.
    ctx from super::HASH_BASE;
    /// The line's own score, s / 8, within ±2.
    SCORE = "ctx.score",
    /// p two lines up.
    P_PREV2 = "ctx.p_prev2",
    /// p one line up.
    P_PREV1 = "ctx.p_prev1",
    /// p one line down.
    P_NEXT1 = "ctx.p_next1",
    /// p two lines down.
    P_NEXT2 = "ctx.p_next2",
    /// Mean p of the 5 lines above.
    MEAN_PREV5 = "ctx.mean_prev5",
    /// Mean p of the 5 lines below.
    MEAN_NEXT5 = "ctx.mean_next5",
    /// Mean p of the 15 lines above.
    MEAN_PREV15 = "ctx.mean_prev15",
    /// Mean p of the 15 lines below.
    MEAN_NEXT15 = "ctx.mean_next15",
    /// Highest p of the 10 lines above.
    MAX_PREV10 = "ctx.max_prev10",
    /// Highest p of the 10 lines below.
    MAX_NEXT10 = "ctx.max_next10",
    /// In the run.
    IN_RUN = "ctx.in_run",
    /// Above the run.
    BEFORE_RUN = "ctx.before_run",
    /// Below the run.
    AFTER_RUN = "ctx.after_run",
    /// ln(1 + lines to the run) / 4.
    RUN_DISTANCE = "ctx.run_distance",
    /// A section marker came between the run's start and the line.
    MARKER_IN_RUN = "ctx.marker_in_run",
    /// Share of the page's body mass above the line.
    MASS_BEFORE = "ctx.mass_before",
    /// p when in the run.
    IN_RUN_P = "ctx.in_run_p",
    /// The run's share of the page's lines.
    RUN_SHARE = "ctx.run_share",
    /// ln(1 + lines since the last likely-body line) / 4.
    SINCE_LIKELY = "ctx.since_likely",
    /// ln(1 + lines until the next likely-body line) / 4.
    UNTIL_LIKELY = "ctx.until_likely",
    /// p.
    P = "ctx.p",
    /// The page's highest p.
    MAX_P = "ctx.max_p",
    /// Below the run, past a section marker inside it.
    AFTER_MARKER_RUN = "ctx.after_marker_run",
    /// Share of the page's body mass from the line down.
    MASS_AFTER = "ctx.mass_after",
    /// p in the run, past a section marker inside it.
    MARKER_RUN_P = "ctx.marker_run_p",
    /// ln(1 + comment cues in the run above the line) / 2.
    COMMENTS_BEFORE = "ctx.comments_before",
    /// p when comment cues came in the run above.
    COMMENTS_P = "ctx.comments_p",
    /// ln(1 + comment cues in the 15 lines above) / 2.
    RECENT_COMMENTS = "ctx.recent_comments",
    /// Length against the run's median, on a log scale.
    REL_LEN = "ctx.rel_len",
    /// Stopword share against the run's mean.
    REL_STOP = "ctx.rel_stop",
    /// [`REL_LEN`] below the run.
    REL_LEN_AFTER = "ctx.rel_len_after",
    /// Share of indented lines in the line's section (between markers).
    SECTION_LISTY = "ctx.section_listy",
    /// An indented line past a marker in the run.
    MARKER_LISTY = "ctx.marker_listy",
    /// Indented, against the run's share of indented lines.
    LISTY_VS_RUN = "ctx.listy_vs_run",
    /// [`SECTION_LISTY`] past a marker in the run.
    MARKER_SECTION_LISTY = "ctx.marker_section_listy",
    /// Share of the line's content words that the run's other lines use.
    OVERLAP = "ctx.overlap",
    /// [`OVERLAP`] below the run.
    OVERLAP_AFTER = "ctx.overlap_after",
    /// [`OVERLAP`] - 0.5 for a line of 8 content words or more.
    OVERLAP_WORDY = "ctx.overlap_wordy",
    /// ln(1 + time stamps in the 15 lines above) / 2.
    STAMPS_BEFORE = "ctx.stamps_before",
    /// ln(1 + time stamps in the 15 lines below) / 2.
    STAMPS_AFTER = "ctx.stamps_after",
    /// ln(1 + time stamps from the run's 4th line to the line) / 2.
    STAMPS_IN_RUN = "ctx.stamps_in_run",
}

positions! {
    /// The second look (`context::second_look`): where the line lies against the article that
    /// the previous stage's scores decode to, after [`ctx`]. All 0 when no article is found.
    look from super::HASH_BASE + super::ctx::COUNT;
    /// A body line of the article.
    IN_ARTICLE = "look.in_article",
    /// A line in one of the article's gaps.
    IN_GAP = "look.in_gap",
    /// Lines below the article, as a share of its length (at most 3, / 3).
    BELOW_LINES = "look.below_lines",
    /// Lines above the article, the same.
    ABOVE_LINES = "look.above_lines",
    /// Characters from the article's end, as a share of its characters (at most 3, / 3).
    BELOW_CHARS = "look.below_chars",
    /// A section marker between the article and the line below it.
    BELOW_MARKER = "look.below_marker",
    /// A comment cue or a time stamp between the article and the line below it.
    BELOW_COMMENT = "look.below_comment",
    /// A section marker between the line above the article and the article.
    ABOVE_MARKER = "look.above_marker",
    /// Mean score of the lines between the article and the line below it.
    BELOW_GAP_MEAN = "look.below_gap_mean",
    /// Least score of those lines.
    BELOW_GAP_MIN = "look.below_gap_min",
    /// Share of prose lines from the article's end to the line.
    BELOW_PROSE = "look.below_prose",
    /// The line's score against the article's mean.
    VS_ARTICLE = "look.vs_article",
    /// Mean score of the lines between the line above the article and the article.
    ABOVE_GAP_MEAN = "look.above_gap_mean",
    /// Below the article with neither a marker nor a comment between.
    BELOW_CLEAR = "look.below_clear",
    /// The line's score, when [`BELOW_CLEAR`].
    BELOW_CLEAR_SCORE = "look.below_clear_score",
    /// ln(1 + the article's lines) / 5.
    ARTICLE_LINES = "look.article_lines",
    /// Where in the article the line lies, 0 to 1.
    ARTICLE_POS = "look.article_pos",
    /// ln(1 + the article's characters) / 10.
    ARTICLE_CHARS = "look.article_chars",
    /// An indented line outside an unindented article.
    STRAY_INDENT = "look.stray_indent",
    /// Indented lines between the article and the line.
    INDENT_BETWEEN = "look.indent_between",
}

/// Number of document-context features of stages 2 and 3 ([`ctx`] and [`look`]).
pub const CTX: usize = ctx::COUNT + look::COUNT;
/// Size of the stage-2 (and stage-3) feature space: the non-hashed stage-1 features, then the
/// context. Every position of it is dense and named in [`FEATURES`].
pub const STAGE2_DIM: usize = HASH_BASE + CTX;

/// The names of the dense positions `0..STAGE2_DIM` in order: [`line::NAMES`],
/// [`NEIGH_NAMES`], [`ctx::NAMES`], [`look::NAMES`]. Stage 1 reads the first [`HASH_BASE`]
/// (then hashed words), stages 2 and 3 all of them. `models/seg.model` records this list.
pub const FEATURES: [&str; STAGE2_DIM] = {
    let mut out = [""; STAGE2_DIM];
    let mut i = 0;
    while i < STAGE2_DIM {
        out[i] = if i < DENSE {
            line::NAMES[i]
        } else if i < HASH_BASE {
            NEIGH_NAMES[i - DENSE]
        } else if i < look::START {
            ctx::NAMES[i - ctx::START]
        } else {
            look::NAMES[i - look::START]
        };
        i += 1;
    }
    out
};

const _: () = {
    assert!(DENSE <= 64, "a line's dense features are one bit each in a u64");
    assert!(line::START == 0 && ctx::START == HASH_BASE && look::START + look::COUNT == STAGE2_DIM);
    assert!(title::START == 0 && title::NAMES.len() == title::COUNT);
    // Names are unique: the model file's list is compared name by name.
    let mut i = 0;
    while i < STAGE2_DIM {
        let mut j = i + 1;
        while j < STAGE2_DIM {
            assert!(!same(FEATURES[i], FEATURES[j]), "two features share a name");
            j += 1;
        }
        i += 1;
    }
};

positions! {
    /// The headline's features of a candidate line (`title::candidates` writes them), in the
    /// order of `models/title.model`'s weights.
    title from 0;
    /// Share of its content words that the article uses.
    OVERLAP = "overlap",
    /// Content words the article uses (at most 6, / 6).
    HITS = "hits",
    /// None of its content words in the article.
    NO_HIT = "no_hit",
    /// Lines from the first line of prose, / 25.
    DISTANCE = "distance",
    /// Right above the first body line or the first line of prose.
    ADJACENT = "adjacent",
    /// A date or byline in the two lines below.
    META_BELOW = "meta_below",
    /// A date or byline right above.
    META_ABOVE = "meta_above",
    /// Words past 12, / 10.
    LONG = "long",
    /// A photo caption or credit ("Photo:").
    CAPTION = "caption",
    /// Words (at most 30, / 20).
    WORDS = "words",
    /// Share of capitalised words.
    TITLE_CASE = "title_case",
    /// A site-name suffix (" | Site", " - Site").
    SITE_SUFFIX = "site_suffix",
    /// Repeats of it near the article.
    DUP_NEAR = "dup_near",
    /// Repeats of it in the page (at most 4).
    DUP_PAGE = "dup_page",
    /// Contained in a longer line near the article.
    CONTAINED = "contained",
    /// Contains a shorter line near the article.
    CONTAINS = "contains",
    /// In capitals.
    ALL_CAPS = "all_caps",
    /// Holds a digit.
    DIGITS = "digits",
    /// Candidates nearer the article (at most 10, / 10).
    RANK = "rank",
    /// A body line.
    IN_BODY = "in_body",
    /// Ends on a question or an exclamation mark.
    QUESTION = "question",
    /// Share of short function words.
    STOPWORDS = "stopwords",
    /// Words of a page's furniture ("Sign in", "Share this").
    UI = "ui",
    /// A photo credit or agency cue.
    CREDIT = "credit",
    /// Share of its content words that the first line of prose uses.
    LEAD = "lead",
    /// After the first line of prose.
    AFTER = "after",
}

/// Whether two strings are equal (in constant evaluation).
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
