//! The model file: a dense table of hashed weights (quantised to `i8` with one scale),
//! label transitions, and a lexicon (gazetteer bits and word clusters keyed by the hash of a
//! lower-cased word).
//!
//! The file is a model container (`src/model_file.rs`): the header `clipmark-model ner 4`, then
//! `features` and the names of the static and the document templates (`templates::NAMES`),
//! then the payload. Payload layout (little endian): `u32` bits, labels, static templates,
//! document templates; `f32` scale; `(labels + 1) × labels` `f32` transitions in weight units
//! (the last row is the start); the cluster levels: `u32` count, then `(u16 mid, u16 coarse)`
//! per fine cluster; the lexicon: `u32` size, then per entry the LEB128 gap to the previous key and a
//! `u32` value (bits 0-19 gazetteer bits, 20-31 fine cluster + 1); the Brown lexicon: `u32`
//! size, then per entry the LEB128 gap to the previous key and the LEB128 path; `u32` number of stored
//! rows, then for each row the LEB128 gap to the previous row's bucket and `labels` `i8`
//! weights. Rows not stored are zero (pruned). [`mod@format`] reads it.
//!
//! In memory the weights are a dense table (or, for the embedded model in the wasm build,
//! each distinct row once: [`Weights::Shared`]) and the lexicons are [`KeyTable`]s, all plain
//! bytes. The embedded model (`models/ner.model`) is decoded into that form by the build
//! script (`build.rs`, with [`mod@format`]) and compiled in, so [`Model::built_in`] only wraps
//! the borrowed tables (decoding took ~60 ms of a fresh page's first analysis in wasm); a model
//! read by [`Model::from_bytes`] or trained owns them.

use super::features::TokInfo;
#[cfg(any(test, feature = "lab"))]
use super::features::{ND, NS};
use super::format;
#[cfg(any(test, feature = "lab"))]
use super::templates;
#[cfg(any(test, feature = "lab"))]
use crate::model_file::{self, Kind};
use super::L;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Bits of a lexicon value that hold gazetteer bits (two per category); the bits above hold
/// the fine word cluster + 1 (so at most 4,095 fine clusters).
pub const GAZ_BITS: u32 = 20;
/// The gazetteer part of a lexicon value.
pub const GAZ_MASK: u32 = (1 << GAZ_BITS) - 1;

/// A quantised weight (stored as its byte in [`Model::weights`]).
pub type W = i8;
#[cfg(feature = "lab")]
/// The largest quantised weight.
pub const QMAX: f32 = W::MAX as f32;

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
/// A map keyed by hashes.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// A trained tagger model. The embedded model borrows its tables from the binary (decoded
/// at build time, see `build.rs`); a model read from a file or trained owns them.
#[derive(Debug, Clone)]
pub struct Model {
    /// log2 of the number of weight rows.
    pub bits: u32,
    /// `(1 << bits) × L` weights, row-major, each an `i8` ([`W`]) as its byte.
    pub weights: Weights,
#[cfg_attr(not(any(test, feature = "lab")), allow(dead_code))] // read by the lab's writer
    /// What one weight unit is worth (for reporting; decoding works in units).
    pub scale: f32,
    /// Transition scores in weight units: `trans[prev][cur]`, `prev == L` at the start.
    pub trans: [[f32; L]; L + 1],
    /// Gazetteer bits and word clusters.
    pub lexicon: Lexicon,
}

/// The weight table: `(1 << bits)` rows of `L` `i8` weights, each as its byte.
#[derive(Debug, Clone)]
pub enum Weights {
    /// Row-major, every row stored.
    Dense(Cow<'static, [u8]>),
#[cfg_attr(not(any(test, feature = "lab")), allow(dead_code))] // read by the lab's writer
    /// Each distinct row stored once, sparse ([`format::shared_rows`]): `ids` packs a
    /// `width`-bit offset into `rows` for each of the `buckets` buckets. The embedded model in
    /// the wasm build, where the dense table made most of the binary; read-only (the first
    /// write makes it dense).
    Shared { buckets: usize, ids: Cow<'static, [u8]>, width: u32, rows: Cow<'static, [u8]> },
}

impl Weights {
    /// The sum of the rows of `buckets`, in `i16` lanes (at most 64 rows × 127 fits). Dense
    /// rows are summed in a loop the compiler vectorises; the loads of the rows are
    /// independent, so their cache misses overlap.
    #[inline]
    pub fn sum(&self, buckets: impl Iterator<Item = usize>) -> [i16; L] {
        let mut acc = [0i16; L];
        match self {
            Weights::Dense(w) => {
                for b in buckets {
                    let w: &[u8; L] = w[b * L..b * L + L].try_into().expect("rows are L wide");
                    for l in 0..L {
                        acc[l] += i16::from(w[l] as W);
                    }
                }
            }
            Weights::Shared { ids, width, rows, .. } => {
                // In three sweeps over up to 64 rows: the offsets, then the label masks (loads
                // that depend on the offsets), then the sparse sums. The first two have no
                // branch to mispredict, so all their cache misses are in flight at once; the
                // third's loops, whose lengths vary, then read rows already in the cache.
                let mut buckets = buckets.peekable();
                while buckets.peek().is_some() {
                    let mut at = [0usize; 64];
                    let mut n = 0;
                    for b in buckets.by_ref().take(64) {
                        let bit = b * *width as usize;
                        let word = u64::from_le_bytes(
                            ids[bit / 8..bit / 8 + 8].try_into().expect("8 bytes"),
                        );
                        at[n] = ((word >> (bit % 8)) & ((1 << *width) - 1)) as usize;
                        n += 1;
                    }
                    let mut masks = [0u32; 64];
                    for (m, &a) in masks.iter_mut().zip(&at[..n]) {
                        *m = u32::from_le_bytes(rows[a..a + 4].try_into().expect("4 bytes"))
                            & 0xff_ffff;
                    }
                    for (&a, &m) in at[..n].iter().zip(&masks) {
                        let (mut mask, weights) = (m, &rows[a + 3..]);
                        let mut i = 0;
                        while mask != 0 {
                            acc[mask.trailing_zeros() as usize] += i16::from(weights[i] as W);
                            i += 1;
                            mask &= mask - 1;
                        }
                    }
                }
            }
        }
        acc
    }

#[cfg(any(test, feature = "lab"))]
    /// The row of bucket `b`.
    pub fn row(&self, b: usize) -> [u8; L] {
        self.sum(std::iter::once(b)).map(|w| w as W as u8)
    }

#[cfg(any(test, feature = "lab"))]
    /// The dense table to write to (a shared table is expanded first).
    pub fn to_mut(&mut self) -> &mut Vec<u8> {
        if let Weights::Shared { .. } = self {
            *self = Weights::Dense(Cow::Owned(self.to_vec()));
        }
        match self {
            Weights::Dense(w) => w.to_mut(),
            Weights::Shared { .. } => unreachable!("made dense above"),
        }
    }

#[cfg(any(test, feature = "lab"))]
    /// The dense table as a vector.
    pub fn to_vec(&self) -> Vec<u8> {
        match self {
            Weights::Dense(w) => w.to_vec(),
            Weights::Shared { buckets, .. } => (0..*buckets).flat_map(|b| self.row(b)).collect(),
        }
    }
}

/// A static map from 32-bit keys to 32-bit values ([`format::key_index`]): a directory of
/// 2^16 buckets by the key's top bits, then sorted records of the low 16 bits and the value
/// (or its number among the distinct values).
/// The keys are the upper halves of word hashes, so they are uniform already and a bucket
/// holds a couple of records; it is built in one pass over the sorted entries (a `HashMap`
/// took most of the model's load time in wasm). Bytes, so that the embedded model's tables
/// are borrowed as the build script wrote them.
#[derive(Debug, Clone, Default)]
pub struct KeyTable {
    /// The index; empty if there are no entries.
    bytes: Cow<'static, [u8]>,
    /// Number of entries.
    len: usize,
    /// Where its parts lie.
    at: format::KeyLayout,
}

impl KeyTable {
#[cfg(any(test, feature = "lab"))]
    /// A table of `entries`, whose keys rise strictly.
    fn new(entries: &[(u32, u32)]) -> KeyTable {
        KeyTable::from_bytes(Cow::Owned(format::key_index(entries)), entries.len())
            .expect("a key index")
    }

    /// A table of bytes written by [`format::key_index`] holding `len` entries.
    fn from_bytes(bytes: Cow<'static, [u8]>, len: usize) -> Option<KeyTable> {
        let at = format::key_layout(&bytes, len)?;
        Some(KeyTable { bytes, len, at })
    }

    #[inline]
    fn u32_at(&self, i: usize) -> u32 {
        u32::from_le_bytes(self.bytes[i..i + 4].try_into().expect("4 bytes"))
    }

    #[inline]
    fn u16_at(&self, i: usize) -> u16 {
        u16::from_le_bytes(self.bytes[i..i + 2].try_into().expect("2 bytes"))
    }

    /// The index of bucket `b`'s first record (`b` up to [`format::BUCKETS`]).
    #[inline]
    fn start(&self, b: usize) -> usize {
        match self.at.groups {
            Some(g) => {
                self.u32_at(g + b / format::GROUP * 4) as usize
                    + self.u16_at(self.at.dir + b * 2) as usize
            }
            None => self.u32_at(self.at.dir + b * 4) as usize,
        }
    }

    /// The records of bucket `b`.
    #[inline]
    fn bucket(&self, b: usize) -> &[u8] {
        let (lo, hi, r) = (self.start(b), self.start(b + 1), self.at.record);
        &self.bytes[self.at.records + lo * r..self.at.records + hi * r]
    }

    /// The value of a record.
    #[inline]
    fn value(&self, r: &[u8]) -> u32 {
        match self.at.values {
            Some(v) => self.u32_at(v + usize::from(u16::from_le_bytes([r[2], r[3]])) * 4),
            None => u32::from_le_bytes(r[2..6].try_into().expect("4 bytes")),
        }
    }

    #[inline]
    fn get(&self, k: u32) -> Option<u32> {
        if self.len == 0 {
            return None;
        }
        let low = (k as u16).to_le_bytes();
        self.bucket((k >> 16) as usize)
            .chunks_exact(self.at.record)
            .find(|r| r[..2] == low)
            .map(|r| self.value(r))
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

#[cfg(any(test, feature = "lab"))]
    /// The entries, sorted by key.
    fn entries(&self) -> Vec<(u32, u32)> {
        let mut out = Vec::with_capacity(self.len);
        if self.len == 0 {
            return out;
        }
        for b in 0..format::BUCKETS {
            for r in self.bucket(b).chunks_exact(self.at.record) {
                let k = (b as u32) << 16 | u32::from(u16::from_le_bytes([r[0], r[1]]));
                out.push((k, self.value(r)));
            }
        }
        out
    }
}

/// Gazetteer bits and word clusters of lower-cased words, and Brown-cluster paths of words as
/// written.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    map: KeyTable,
    brown_map: KeyTable,
    /// `(mid, coarse)` cluster of each fine cluster.
    pub levels: Cow<'static, [(u16, u16)]>,
}

impl Lexicon {
#[cfg(any(test, feature = "lab"))]
    /// A lexicon from entries (sorted here) and cluster levels.
    pub fn new(mut entries: Vec<(u32, u32)>, levels: Vec<(u16, u16)>) -> Lexicon {
        entries.sort_unstable();
        entries.dedup_by_key(|e| e.0);
        let map = KeyTable::new(&entries);
        Lexicon { map, levels: Cow::Owned(levels), ..Lexicon::default() }
    }

#[cfg(any(test, feature = "lab"))]
    /// The lexicon with Brown-cluster paths `(key, path)` (sorted here; a repeated key keeps
    /// its first path after sorting).
    pub fn with_brown(mut self, mut entries: Vec<(u32, u32)>) -> Lexicon {
        entries.sort_unstable();
        entries.dedup_by_key(|e| e.0);
        self.brown_map = KeyTable::new(&entries);
        self
    }

#[cfg(any(test, feature = "lab"))]
    /// Entries sorted by key: `(key, value)`, key = the upper half of the word's hash.
    pub fn entries(&self) -> Vec<(u32, u32)> {
        self.map.entries()
    }

#[cfg(any(test, feature = "lab"))]
    /// Brown paths sorted by key: `(key, path)`, key = the upper half of the word's case-kept
    /// hash, path with its root in the lowest bit.
    pub fn brown_entries(&self) -> Vec<(u32, u32)> {
        self.brown_map.entries()
    }

#[cfg(feature = "lab")]
    /// Number of Brown-cluster entries.
    pub fn brown_len(&self) -> usize {
        self.brown_map.len
    }

    /// The Brown path of a token: its form as written, else in title case (for words in
    /// capitals), else lower-cased; 0 when none.
    #[inline]
    pub fn brown(&self, t: &TokInfo) -> u32 {
        if self.brown_map.is_empty() {
            return 0;
        }
        for h in [t.word, t.title, t.lower1] {
            if let Some(v) = self.brown_map.get(Self::key(h)) {
                return v;
            }
        }
        0
    }

    /// Whether the Brown lexicon holds the word whose case-kept hash is `word`.
    pub fn has_brown(&self, word: u64) -> bool {
        self.brown_map.get(Self::key(word)).is_some()
    }

#[cfg(feature = "lab")]
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len
    }

#[cfg(feature = "lab")]
    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The key of a word's lower-cased hash.
    #[inline]
    pub fn key(lower: u64) -> u32 {
        (lower >> 32) as u32
    }

    /// Gazetteer bits and `[fine, mid, coarse]` clusters (each + 1; 0 = none) of a word.
    #[inline]
    pub fn lookup(&self, lower: u64) -> (u32, [u16; 3]) {
        match self.map.get(Self::key(lower)) {
            None => (0, [0; 3]),
            Some(v) => {
                let fine = (v >> GAZ_BITS) as u16;
                let (mid, coarse) =
                    match fine.checked_sub(1).and_then(|f| self.levels.get(f as usize)) {
                        Some(&(m, c)) => (m + 1, c + 1),
                        None => (0, 0),
                    };
                (v & GAZ_MASK, [fine, mid, coarse])
            }
        }
    }
}

/// The embedded model's parts as the build script wrote them (`ner_model.rs` in OUT_DIR).
struct Static {
    bits: u32,
    /// The bits of the `f32` scale.
    scale: u32,
    /// The bits of the `f32` transitions, row-major.
    trans: &'static [u32],
    levels: &'static [(u16, u16)],
    weights: StaticWeights,
    /// Key indices ([`format::key_index`]) and their numbers of entries.
    lexicon: (&'static [u8], usize),
    brown: (&'static [u8], usize),
}

/// The embedded weight table as the build script wrote it: dense natively, shared rows in the
/// wasm build (see [`Weights`]).
#[allow(dead_code)] // each target's build script writes one of the two
enum StaticWeights {
    Dense(&'static [u8]),
    Shared { ids: &'static [u8], width: u32, rows: &'static [u8] },
}

mod built {
    use super::{Static, StaticWeights};
    include!(concat!(env!("OUT_DIR"), "/ner_model.rs"));
}

impl Model {
#[cfg(any(test, feature = "lab"))]
    /// A model whose weights are all zero: tags everything `O`.
    pub fn empty(bits: u32) -> Model {
        Model {
            bits,
            weights: Weights::Dense(Cow::Owned(vec![0; (1usize << bits) * L])),
            scale: 1.0,
            trans: [[0.0; L]; L + 1],
            lexicon: Lexicon::default(),
        }
    }

    /// The model compiled into the crate (`models/ner.model`, decoded by the build script):
    /// borrows its tables, so it costs nothing to make. `None` if the file was not a model of
    /// this tagger.
    pub fn built_in() -> Model {
        let s = &built::EMBEDDED;
        let buckets = 1usize << s.bits;
        let weights = match s.weights {
            StaticWeights::Dense(w) if w.len() == buckets * L => Weights::Dense(Cow::Borrowed(w)),
            StaticWeights::Shared { ids, width, rows }
                if (1..=56).contains(&width)
                    && rows.len() >= 4
                    && ids.len() == (buckets * width as usize).div_ceil(8) + 8 =>
            {
                Weights::Shared {
                    buckets,
                    ids: Cow::Borrowed(ids),
                    width,
                    rows: Cow::Borrowed(rows),
                }
            }
            _ => unreachable!("build.rs writes the weight table for the target"),
        };
        let mut trans = [[0.0f32; L]; L + 1];
        for (v, &t) in trans.iter_mut().flatten().zip(s.trans) {
            *v = f32::from_bits(t);
        }
        let lexicon = Lexicon {
            map: KeyTable::from_bytes(Cow::Borrowed(s.lexicon.0), s.lexicon.1).expect("build.rs writes key indices"),
            brown_map: KeyTable::from_bytes(Cow::Borrowed(s.brown.0), s.brown.1).expect("build.rs writes key indices"),
            levels: Cow::Borrowed(s.levels),
        };
        Model { bits: s.bits, weights, scale: f32::from_bits(s.scale), trans, lexicon }
    }

#[cfg(feature = "lab")]
    /// Builds a model from a lexicon, transitions and dense quantised weights.
    pub fn from_parts(
        bits: u32,
        weights: Vec<W>,
        scale: f32,
        trans: [[f32; L]; L + 1],
        lexicon: Lexicon,
    ) -> Model {
        let weights = weights.into_iter().map(|w| w as u8).collect();
        Model { bits, weights: Weights::Dense(Cow::Owned(weights)), scale, trans, lexicon }
    }

#[cfg(any(test, feature = "lab"))]
    /// The bucket of a feature hash.
    #[inline]
    pub fn row(&self, h: u64) -> usize {
        self.bucket(h) * L
    }

    /// The bucket of a feature hash.
    #[inline]
    fn bucket(&self, h: u64) -> usize {
        (h >> (64 - self.bits)) as usize
    }

    /// The sum of the weight rows of feature hashes `hs` (see [`Weights::sum`]: `i16` lanes,
    /// so at most 64 features × 127).
    #[inline]
    pub fn sum_weights(&self, hs: &[u64]) -> [i16; L] {
        debug_assert!(hs.len() <= 64);
        self.weights.sum(hs.iter().map(|&h| self.bucket(h)))
    }

    /// The model's lexicon (gazetteer bits and word clusters).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

#[cfg(feature = "lab")]
    /// Number of non-zero weight rows.
    pub fn rows(&self) -> usize {
        (0..1usize << self.bits).filter(|&b| self.weights.row(b).iter().any(|&w| w != 0)).count()
    }

#[cfg(any(test, feature = "lab"))]
    /// The model file: the container's header (`src/model_file.rs`), then the payload (see the
    /// module docs for its layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = model_file::header(Kind::Ner, &templates::NAMES).into_bytes();
        for v in [self.bits, L as u32, NS as u32, ND as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.trans {
            for v in row {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.lexicon.levels.len() as u32).to_le_bytes());
        for (m, c) in self.lexicon.levels.iter() {
            out.extend_from_slice(&m.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        let sorted = self.lexicon.entries();
        out.extend_from_slice(&(sorted.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for (n, &(k, v)) in sorted.iter().enumerate() {
            leb128(&mut out, if n == 0 { k as usize } else { (k - prev - 1) as usize });
            out.extend_from_slice(&v.to_le_bytes());
            prev = k;
        }
        let brown = self.lexicon.brown_entries();
        out.extend_from_slice(&(brown.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for (n, &(k, v)) in brown.iter().enumerate() {
            leb128(&mut out, if n == 0 { k as usize } else { (k - prev - 1) as usize });
            leb128(&mut out, v as usize);
            prev = k;
        }
        let rows: Vec<usize> = (0..1usize << self.bits)
            .filter(|&r| self.weights.row(r).iter().any(|&w| w != 0))
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut prev = 0usize;
        for (n, &r) in rows.iter().enumerate() {
            leb128(&mut out, if n == 0 { r } else { r - prev - 1 });
            out.extend_from_slice(&self.weights.row(r));
            prev = r;
        }
        out
    }

#[cfg(any(test, feature = "lab"))]
    /// Reads a model file written by [`Model::to_bytes`], through the container's checks
    /// ([`model_file::load`]: a `ner` model of this version, trained with this engine's
    /// templates); the error says why it is not one.
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        let d = model_file::load("the model", b, Kind::Ner, &templates::NAMES, format::decode)?;
        if d.labels as usize != L || d.ns as usize != NS || d.nd as usize != ND {
            return Err(format!(
                "the model has {} labels, {} static and {} document templates; the engine {L}, \
                 {NS} and {ND}",
                d.labels, d.ns, d.nd
            ));
        }
        let mut trans = [[0.0f32; L]; L + 1];
        for (v, &t) in trans.iter_mut().flatten().zip(&d.trans) {
            *v = t;
        }
        let weights = d.dense();
        let lexicon = Lexicon::new(d.lexicon, d.levels).with_brown(d.brown);
        Ok(Model {
            bits: d.bits,
            weights: Weights::Dense(Cow::Owned(weights)),
            scale: d.scale,
            trans,
            lexicon,
        })
    }
}

#[cfg(any(test, feature = "lab"))]
fn leb128(out: &mut Vec<u8>, mut v: usize) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut m = Model::empty(10);
        m.weights.to_mut()[5 * L + 3] = -7i8 as u8;
        m.weights.to_mut()[900 * L] = 120;
        m.trans[L][2] = -1.5;
        m.lexicon =
            Lexicon::new(vec![(77, 1 | (2 << GAZ_BITS)), (3, 9)], vec![(0, 0), (5, 1)]).with_brown(
                vec![(Lexicon::key(super::super::features::word_hash("Paris")), 0b1010100110)],
            );
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).unwrap();
        assert_eq!(back.weights.to_vec(), m.weights.to_vec());
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.lexicon.lookup(77 << 32), (1, [2, 6, 2]));
        assert_eq!(back.lexicon.lookup(3 << 32), (9, [0, 0, 0]));
        assert_eq!(back.lexicon.lookup(4 << 32), (0, [0, 0, 0]));
        assert_eq!(back.lexicon.brown(&super::super::features::tok_info("PARIS")), 0b1010100110);
        assert_eq!(back.lexicon.brown(&super::super::features::tok_info("Lyon")), 0);
        assert_eq!(back.to_bytes(), b);
        let cut = Model::from_bytes(&b[..b.len() - 1]).unwrap_err();
        let expected = "the model: its ner payload does not decode: it is cut short";
        assert!(cut.starts_with(expected), "{cut}");
        let mut long = b.clone();
        long.push(0);
        assert!(Model::from_bytes(&long).unwrap_err().contains("1 bytes follow its end"));
        assert!(Model::from_bytes(b"nonsense").unwrap_err().contains("not a clipmark model"));
        // A model trained with the templates in another order is not this engine's.
        let (_, payload) = model_file::split(&b).unwrap();
        let mut names = templates::NAMES;
        names.swap(1, 2);
        let mut swapped = model_file::header(Kind::Ner, &names).into_bytes();
        swapped.extend_from_slice(payload);
        let e = Model::from_bytes(&swapped).unwrap_err();
        assert!(e.contains("feature 1 is `lower` in the model and `word` in the engine"), "{e}");
    }

    #[test]
    fn the_built_in_model_is_the_model_file() {
        let file: &[u8] = include_bytes!("../../models/ner.model");
        let built = Model::built_in();
        let read = Model::from_bytes(file).unwrap();
        assert_eq!(built.weights.to_vec(), read.weights.to_vec());
        assert_eq!(built.trans, read.trans);
        assert_eq!(built.lexicon.levels, read.lexicon.levels);
        assert_eq!(built.lexicon.map.bytes, read.lexicon.map.bytes);
        assert_eq!(built.lexicon.brown_map.bytes, read.lexicon.brown_map.bytes);
        assert_eq!(built.to_bytes(), file);
    }

    #[test]
    fn shared_rows_give_the_dense_rows() {
        // The wasm build embeds the model this way; natively it is dense, so check it here.
        let file: &[u8] = include_bytes!("../../models/ner.model");
        let read = Model::from_bytes(file).unwrap();
        let dense = read.weights.to_vec();
        let (ids, width, rows) = format::shared_rows(&dense, L).unwrap();
        let buckets = 1usize << read.bits;
        let shared =
            Weights::Shared { buckets, ids: Cow::Owned(ids), width, rows: Cow::Owned(rows) };
        for b in 0..buckets {
            assert_eq!(shared.row(b), read.weights.row(b), "bucket {b}");
        }
        // Sums of many rows at once (more than one sweep of 64), as a token's features are.
        for start in (0..buckets).step_by(4099) {
            let some = (start..buckets).step_by(37).take(150);
            for n in [1, 57, 64, 65, 130, 150] {
                assert_eq!(
                    shared.sum(some.clone().take(n)),
                    read.weights.sum(some.clone().take(n)),
                    "from {start}, {n} rows"
                );
            }
        }
        let mut m = Model { weights: shared, ..read.clone() };
        assert_eq!(m.to_bytes(), file);
        m.weights.to_mut()[7 * L] = 1;
        assert!(matches!(m.weights, Weights::Dense(_)));
        assert_eq!(m.weights.row(7)[0], 1);
        // Widths other than the model's.
        let mut small = vec![0u8; 40 * L];
        for (i, w) in small.iter_mut().enumerate() {
            *w = if i % 3 == 0 { (i / L % 5) as u8 } else { 0 };
        }
        let (ids, width, rows) = format::shared_rows(&small, L).unwrap();
        let shared =
            Weights::Shared { buckets: 40, ids: Cow::Owned(ids), width, rows: Cow::Owned(rows) };
        assert_eq!(shared.to_vec(), small);
    }

    #[test]
    fn key_table_finds_every_entry_and_nothing_else() {
        // Keys sharing a bucket (top bits) or low bits, key 0, the largest key and value.
        let mut entries: Vec<(u32, u32)> = vec![
            (0, 5),
            (1 << 20, 6),
            (2 << 20, 7),
            (3, u32::MAX),
            (u32::MAX, u32::MAX),
            (u32::MAX - 1, 0),
            (3 << 16 | 3, 8),
        ];
        entries.sort_unstable();
        let t = KeyTable::new(&entries);
        for &(k, v) in &entries {
            assert_eq!(t.get(k), Some(v), "key {k}");
        }
        for k in [1, 2, 4 << 20, u32::MAX - 2, 3 << 16, 1 << 16 | 3] {
            assert_eq!(t.get(k), None, "key {k}");
        }
        assert_eq!(t.entries(), entries);
        assert_eq!(KeyTable::new(&[]).get(0), None);
        assert_eq!(KeyTable::new(&[(7, 1)]).get(u32::MAX), None);
        assert!(KeyTable::from_bytes(Cow::Borrowed(&[0u8; 3]), 0).is_none());
        assert!(KeyTable::from_bytes(Cow::Owned(format::key_index(&entries)), entries.len() + 1)
            .is_none());
        // More than 2^16 distinct values (the records hold them) and buckets too full for
        // `u16` directory offsets (a `u32` directory); and few values, shared.
        for many in [
            (0..70_000u32).map(|k| (k * 3, k ^ 0x5555)).collect::<Vec<_>>(),
            (0..70_000u32).map(|k| (k * 3, k % 7)).collect(),
        ] {
            let t = KeyTable::new(&many);
            assert_eq!(t.at.values.is_some(), many[1].1 < 7);
            assert!(t.at.groups.is_none());
            for &(k, v) in many.iter().step_by(97).chain(many.last()) {
                assert_eq!(t.get(k), Some(v), "key {k}");
                assert_eq!(t.get(k + 1), None);
            }
            assert_eq!(t.entries(), many);
        }
    }
}
