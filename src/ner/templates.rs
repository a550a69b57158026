//! The name tagger's feature templates, every one named: the static (per-sentence) templates
//! that [`super::features::static_features`] computes and the document-level ones of
//! [`super::features::doc_features`]. A template's number is mixed into the hash of each of its
//! features, so the numbers are the model's: renumbering a template without retraining changes
//! every feature it makes. [`NAMES`] (the static names, then the document ones) is the list
//! `models/ner.model` records, and the build script refuses a model trained with another list.
//!
//! Depends on nothing else in the crate, so that `build.rs` can include it.
#![cfg_attr(not(any(test, feature = "lab")), allow(dead_code))]

/// Declares a group of templates: one `usize` constant per template holding its number (the
/// value mixed into its hashes), `$count` (how many), `$ids` (their numbers, in order) and
/// `$names` (the names the model file records, in order).
macro_rules! templates {
    ($ids:ident, $names:ident, $count:ident;
     $($(#[$doc:meta])* $c:ident = $id:literal $name:literal,)*) => {
        $($(#[$doc])* pub const $c: usize = $id;)*
        /// How many templates the group has.
        pub const $count: usize = [$($id),*].len();
        /// Their numbers, in order.
        pub const $ids: [usize; $count] = [$($id),*];
        /// Their names, in order.
        pub const $names: [&str; $count] = [$($name),*];
    };
}

// The static templates: the number of each is also its slot in the array of a token's static
// features (checked below). "prev"/"next" are the tokens before and after in the sentence
// ("prev2"/"next2" two away); `+` joins the parts of a conjunction.
templates! {
    STATIC_IDS, STATIC_NAMES, NS;
    /// Always on: the label prior.
    BIAS = 0 "bias",
    /// The word as written (typographic variants normalised).
    WORD = 1 "word",
    /// The word lower-cased.
    LOWER = 2 "lower",
    /// The word's shape (character classes, runs collapsed).
    SHAPE = 3 "shape",
    /// The first character.
    PREFIX1 = 4 "prefix1",
    /// The first two characters.
    PREFIX2 = 5 "prefix2",
    /// The first three characters.
    PREFIX3 = 6 "prefix3",
    /// The first four characters.
    PREFIX4 = 7 "prefix4",
    /// The last character.
    SUFFIX1 = 8 "suffix1",
    /// The last two characters.
    SUFFIX2 = 9 "suffix2",
    /// The last three characters.
    SUFFIX3 = 10 "suffix3",
    /// The last four characters.
    SUFFIX4 = 11 "suffix4",
    /// The previous word, lower-cased.
    PREV_LOWER = 12 "prev_lower",
    /// The next word, lower-cased.
    NEXT_LOWER = 13 "next_lower",
    /// The word two before, lower-cased.
    PREV2_LOWER = 14 "prev2_lower",
    /// The word two after, lower-cased.
    NEXT2_LOWER = 15 "next2_lower",
    /// The previous word's shape and the word's.
    PREV_SHAPE_SHAPE = 16 "prev_shape+shape",
    /// The word's shape and the next word's.
    SHAPE_NEXT_SHAPE = 17 "shape+next_shape",
    /// The shapes of the previous word, the word and the next word.
    PREV_SHAPE_SHAPE_NEXT_SHAPE = 18 "prev_shape+shape+next_shape",
    /// The previous word and the word, lower-cased.
    PREV_LOWER_LOWER = 19 "prev_lower+lower",
    /// The word and the next word, lower-cased.
    LOWER_NEXT_LOWER = 20 "lower+next_lower",
    /// The previous word, lower-cased, and the word's shape.
    PREV_LOWER_SHAPE = 21 "prev_lower+shape",
    /// The word's shape and the next word, lower-cased.
    SHAPE_NEXT_LOWER = 22 "shape+next_lower",
    /// The sentence's mode (capitals, table row, Title Case, list item), the position in the
    /// sentence (first, last, inside) and the shape.
    MODE_POS_SHAPE = 23 "mode+pos+shape",
    /// The sentence's mode and the word, lower-cased.
    MODE_LOWER = 24 "mode+lower",
    /// Whether the word occurs lower-cased elsewhere in the document, whether it is at an edge
    /// of the sentence, and its shape.
    ELSEWHERE_EDGE_SHAPE = 25 "lower_elsewhere+edge+shape",
    /// The gazetteer bits.
    GAZ = 26 "gaz",
    /// The gazetteer bits and the shape.
    GAZ_SHAPE = 27 "gaz+shape",
    /// The shapes of the two words before and the word.
    PREV2_SHAPE_PREV_SHAPE_SHAPE = 28 "prev2_shape+prev_shape+shape",
    /// The shapes of the word and the two words after.
    SHAPE_NEXT_SHAPE_NEXT2_SHAPE = 29 "shape+next_shape+next2_shape",
    /// The word's fine cluster.
    CLUSTER_FINE = 30 "cluster_fine",
    /// The word's mid cluster.
    CLUSTER_MID = 31 "cluster_mid",
    /// The word's coarse cluster.
    CLUSTER_COARSE = 32 "cluster_coarse",
    /// The previous word's mid cluster.
    PREV_CLUSTER_MID = 33 "prev_cluster_mid",
    /// The next word's mid cluster.
    NEXT_CLUSTER_MID = 34 "next_cluster_mid",
    /// The word's fine cluster and its shape.
    CLUSTER_FINE_SHAPE = 35 "cluster_fine+shape",
    /// The coarse clusters of the previous word and the word.
    PREV_CLUSTER_COARSE_CLUSTER_COARSE = 36 "prev_cluster_coarse+cluster_coarse",
    /// The coarse clusters of the word and the next word.
    CLUSTER_COARSE_NEXT_CLUSTER_COARSE = 37 "cluster_coarse+next_cluster_coarse",
    /// The capitalised run the word is in (its length, capped, and the word's place in it) and
    /// the sentence's mode.
    CAP_RUN_MODE = 38 "cap_run+mode",
    /// The sentence's mode, the position in the sentence and the word, lower-cased.
    MODE_POS_LOWER = 39 "mode+pos+lower",
    /// The word, lower-cased, and the next word's shape.
    LOWER_NEXT_SHAPE = 40 "lower+next_shape",
    /// The previous word's shape and the word, lower-cased.
    PREV_SHAPE_LOWER = 41 "prev_shape+lower",
    /// The capitalised run the word is in and its shape.
    CAP_RUN_SHAPE = 42 "cap_run+shape",
    /// The first 4 bits of the word's Brown-cluster path.
    BROWN4 = 43 "brown4",
    /// The first 6 bits of the word's Brown-cluster path.
    BROWN6 = 44 "brown6",
    /// The first 10 bits of the word's Brown-cluster path.
    BROWN10 = 45 "brown10",
    /// The first 20 bits of the word's Brown-cluster path.
    BROWN20 = 46 "brown20",
}

// The document-level templates, in the order a token's document features are written ("doc":
// what the first pass said about the word elsewhere in the document): the first four always,
// then the history and the kinds, and the four context words, when they apply; so a token has
// at most `ND`. (106 and 107 are no longer used.)
templates! {
    DOC_IDS, DOC_NAMES, ND;
    /// The word's document value.
    DOC = 100 "doc",
    /// The previous token's document value and the word's.
    PREV_DOC_DOC = 101 "prev_doc+doc",
    /// The word's document value and the next token's.
    DOC_NEXT_DOC = 102 "doc+next_doc",
    /// The word's document value and its shape.
    DOC_SHAPE = 103 "doc+shape",
    /// The share of each type at the word's other occurrences, and its document value (when
    /// the first pass saw it elsewhere).
    DOC_HIST_DOC = 104 "doc_hist+doc",
    /// The kinds of names the other occurrences were in, and the document value (when they
    /// were mostly in names).
    DOC_KINDS_DOC = 105 "doc_kinds+doc",
    /// The word before the word's first other occurrence (context aggregation).
    FIRST_OTHER_PREV = 108 "first_other_prev",
    /// The word after its first other occurrence.
    FIRST_OTHER_NEXT = 109 "first_other_next",
    /// The word before its nearest other occurrence.
    NEAR_OTHER_PREV = 110 "near_other_prev",
    /// The word after its nearest other occurrence.
    NEAR_OTHER_NEXT = 111 "near_other_next",
}

/// The static features that hold the word itself (as written, lower-cased, with the sentence
/// mode, with the previous or next word): what online learning from corrections changes, so
/// that a correction teaches the word's label without shifting shared features.
pub const LEXICAL: [usize; 5] = [WORD, LOWER, PREV_LOWER_LOWER, LOWER_NEXT_LOWER, MODE_LOWER];

/// The model file's feature list: [`STATIC_NAMES`], then [`DOC_NAMES`].
pub const NAMES: [&str; NS + ND] = {
    let mut all = [""; NS + ND];
    let mut i = 0;
    while i < NS + ND {
        all[i] = if i < NS { STATIC_NAMES[i] } else { DOC_NAMES[i - NS] };
        i += 1;
    }
    all
};

// A static template's number is its slot in a token's static features: 0, 1, 2, … in order.
const _: () = {
    let mut i = 0;
    while i < NS {
        assert!(STATIC_IDS[i] == i, "the static templates are numbered 0.. in order");
        i += 1;
    }
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_words() {
        for (i, a) in NAMES.iter().enumerate() {
            assert!(!a.is_empty() && !a.contains(char::is_whitespace), "{a:?}");
            assert!(!NAMES[..i].contains(a), "{a} twice");
        }
        let ids: Vec<usize> = STATIC_IDS.iter().chain(&DOC_IDS).copied().collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "template numbers are distinct and rising");
    }
}
