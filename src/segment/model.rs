//! The body/boilerplate model as loaded: three stacked logistic regressions' weights and the
//! decoder's costs ([`Model`]), embedded from `models/seg.model` ([`embedded_model`]), and how
//! they score a page ([`Model::scores`]) and label it ([`Model::predict`]).
//!
//! * **Stage 1** scores each line from its own features, its neighbours' and hashed words
//!   ([`features::stage1_each`]).
//! * **Stages 2 and 3** rescore each line from its dense features plus document context read off
//!   the previous stage's scores ([`context`](super::context)).
//! * [`decode`] turns the stage-3 log-odds into body lines: the Viterbi pass, then the page-level
//!   rules ([`rules`]).
//!
//! The file is a model container (`src/model_file.rs`: its header, then the text payload of
//! `src/segment/format.rs`); the build script checks and decodes it, and the lab reads and
//! writes it.

use super::context::stage2_each;
use super::decode::{decode, Decoder};
use super::features::{self, LineStats};
use super::layout::{STAGE1_DIM, STAGE2_DIM};
use super::rules;
use crate::text::Line;
use std::sync::LazyLock;

/// A trained segmentation model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Stage-1 weights, [`STAGE1_DIM`] of them.
    pub w1: Vec<f32>,
    /// Stage-2 weights, [`STAGE2_DIM`] of them.
    pub w2: Vec<f32>,
    /// Stage-3 weights, [`STAGE2_DIM`] of them: stage 2's features recomputed from stage-2
    /// scores (a second round of context).
    pub w3: Vec<f32>,
    /// The sequence pass's costs.
    pub decoder: Decoder,
}

/// Sparse dot product, summed from `+0.0` in order: a zero comes out `+0.0`, never `-0.0`
/// (exactly what `sum() + 0.0` gave when a stage's score was its dot product plus an empty
/// forest's base, 0).
pub fn dot(w: &[f32], x: &[(u32, f32)]) -> f32 {
    x.iter().fold(0.0, |s, &(k, v)| s + w.get(k as usize).copied().unwrap_or(0.0) * v)
}

/// The logistic function.
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

impl Model {
    /// Stage-3 (final) log-odds of "body" for every line.
    pub fn scores(&self, text: &str, lines: &[Line]) -> Vec<f32> {
        let st: Vec<LineStats> =
            lines.iter().map(|l| features::stats(&text[l.span.clone()])).collect();
        let mut s1 = vec![0f32; lines.len()];
        // Each line is scored as soon as its features are complete, and no feature vector is
        // kept: later stages read the compact dense rows stage 1 returns, and stage-2/3
        // features are scored as they are built.
        let f1 = features::stage1_each(text, lines, &st, |i, x| s1[i] = dot(&self.w1, x));
        let mut s2 = vec![0f32; lines.len()];
        stage2_each(lines, &st, &f1, &s1, |i, x| s2[i] = dot(&self.w2, x));
        let mut s3 = vec![0f32; lines.len()];
        stage2_each(lines, &st, &f1, &s2, |i, x| s3[i] = dot(&self.w3, x));
        s3
    }

    /// Body (`true`) or boilerplate for every line: [`Model::scores`] then [`decode`].
    ///
    /// When no line comes out as body although some lines read as prose (8 words or more),
    /// the Viterbi pass runs again on scores shifted so that the best prose line reads as body
    /// ([`decode`]): a paste is pasted for its article, and a short clean paste is out of the
    /// training pages' range.
    ///
    /// When the article lies above a comment section, the lines above it are scored and
    /// decoded again as a page of their own ([`rules::before_comments`]).
    pub fn predict(&self, text: &str, lines: &[Line]) -> Vec<bool> {
        let body = decode(&self.scores(text, lines), &self.decoder, text, lines);
        rules::before_comments(body, &self.decoder, text, lines, |c| Some(self.scores(text, &lines[..c])))
    }
}

/// `models/seg.model` as the build script decoded it (`build.rs`, which fails the build when the
/// file does not parse or was trained with another feature list than [`super::layout`]'s): the
/// four decoder costs, then the stages' weights, `f32` little endian. Its type holds its size.
static BUILT: &[u8; 4 * (4 + STAGE1_DIM + 2 * STAGE2_DIM)] =
    include_bytes!(concat!(env!("OUT_DIR"), "/seg_model.bin"));

/// The shipped model, trained by `clipmark-lab train-seg` (see `docs/segmentation.md`).
static EMBEDDED: LazyLock<Model> = LazyLock::new(|| {
    let f: Vec<f32> =
        BUILT.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    let (costs, w) = f.split_at(4);
    let (w1, w) = w.split_at(STAGE1_DIM);
    let (w2, w3) = w.split_at(STAGE2_DIM);
    let decoder = Decoder { switch: costs[0], reenter: costs[1], marker: costs[2], long: costs[3] };
    Model { w1: w1.to_vec(), w2: w2.to_vec(), w3: w3.to_vec(), decoder }
});

/// The model embedded in the crate.
pub fn embedded_model() -> &'static Model {
    &EMBEDDED
}
