//! clipmark: an article annotator for text pasted from news pages.
//!
//! [`analyze`] runs the whole pipeline, one private module per stage: `text` (lines and
//! offsets) → `blocks` → `segment` (title / meta / body / boilerplate, and the [`Metadata`]) →
//! `roles` (kinds of boilerplate) → `tokens` → `entities` (patterns, and names from the learned
//! tagger in `ner`) → `clusters` → `export` ([`Document`], `clipmark/v1`) → [`convert`]
//! (doccano, Label Studio, spaCy, CoNLL, brat). Inside the crate every offset is a UTF-8 byte
//! offset; [`Document`] converts to code points (files) or UTF-16 (the page) at the edge.
//! `docs/architecture.md` says which file decides what.
//!
//! ```
//! let text = "Blinken meets Lavrov\n\nBy Jane Doe\n\nU.S. Secretary of State Antony Blinken met Russian Foreign Minister Sergey Lavrov in Stockholm on Thursday, the State Department said.\n";
//! let analysis = clipmark::analyze(text);
//! let doc = clipmark::Document::from_analysis(text, &analysis, clipmark::Unit::Codepoint);
//! assert_eq!(doc.format, "clipmark/v1");
//! assert!(doc.blocks.iter().any(|b| b.label == clipmark::BlockLabel::Body));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

/// Declares the pipeline's modules: private to the engine, and public (hidden from the docs) when
/// the `lab` feature is on, for the `clipmark-lab` crate's trainers, scorers and benchmarks.
macro_rules! stages {
    ($($m:ident),* $(,)?) => {$(
        #[cfg(feature = "lab")]
        #[doc(hidden)]
        pub mod $m;
        #[cfg(not(feature = "lab"))]
        mod $m;
    )*};
}

stages!(text, blocks, segment, roles, tokens, patterns, entities, ner, clusters, export);
pub mod convert;
mod error;
// The model files' container, read by the build script and the lab.
#[cfg(feature = "lab")]
#[doc(hidden)]
pub mod model_file;
#[cfg(all(test, not(feature = "lab")))]
mod model_file;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use blocks::{Block, BlockLabel, Source};
pub use clusters::Cluster;
pub use convert::Format;
pub use entities::{Entity, EntityLabel};
pub use error::{Error, ErrorKind, Result};
pub use export::{BlockSpan, ClusterInfo, Document, Engine, EntitySpan, Unit};
pub use roles::Role;
pub use segment::Metadata;
pub use text::{lines, Line, Span};

/// The result of analysing one text. All spans are byte offsets into that text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The non-empty lines.
    pub lines: Vec<Line>,
    /// Labelled blocks covering every line exactly once, in text order.
    pub blocks: Vec<Block>,
    /// Entities, sorted and non-overlapping.
    pub entities: Vec<Entity>,
    /// Mention clusters; `Entity::cluster` indexes this list.
    pub clusters: Vec<Cluster>,
    /// Title, publication date, authors, source URL.
    pub metadata: Metadata,
}

/// Analyses `text`: splits it into blocks and labels them, reads the metadata, tags entities
/// and groups their mentions. Runs on any string, in time linear in its length.
pub fn analyze(text: &str) -> Analysis {
    let lines = text::lines(text);
    let mut blocks = blocks::split(&lines);
    segment::label(text, &lines, &mut blocks);
    roles::assign(text, &mut blocks);
    let metadata = segment::metadata(text, &blocks);
    let mut entities = entities::find(text, &lines);
    let clusters = clusters::cluster(text, &mut entities);
    Analysis { lines, blocks, entities, clusters, metadata }
}
