//! The model file: a dense table of hashed weights (quantised to `i8` with one scale),
//! label transitions, and a lexicon (gazetteer bits and word clusters keyed by the hash of a
//! lower-cased word).
//!
//! Layout (little endian): magic `CMNER001`; `u32` bits, labels, static templates, document
//! templates; `f32` scale; `(labels + 1) × labels` `f32` transitions in weight units (the last
//! row is the start); `u32` lexicon size, then sorted `(u64 key, u32 value)` pairs; `u32`
//! number of stored rows, then for each row the LEB128 gap to the previous row's bucket and
//! `labels` `i8` weights. Rows not stored are zero (pruned).

use super::features::{ND, NS};
use super::L;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const MAGIC: &[u8; 8] = b"CMNER001";

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
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
pub(crate) type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// A trained tagger model.
#[derive(Debug, Clone)]
pub struct Model {
    /// log2 of the number of weight rows.
    pub(crate) bits: u32,
    /// `(1 << bits) × L` weights, row-major.
    pub(crate) weights: Vec<i8>,
    /// What one weight unit is worth (for reporting; decoding works in units).
    pub(crate) scale: f32,
    /// Transition scores in weight units: `trans[prev][cur]`, `prev == L` at the start.
    pub(crate) trans: [[f32; L]; L + 1],
    /// Lexicon values by lower-cased word hash.
    pub(crate) lexicon: HashKeyed<u32>,
    /// The lexicon as stored, sorted, for writing back.
    pub(crate) lexicon_sorted: Vec<(u64, u32)>,
}

impl Model {
    /// A model whose weights are all zero: tags everything `O`.
    pub fn empty(bits: u32) -> Model {
        Model {
            bits,
            weights: vec![0; (1usize << bits) * L],
            scale: 1.0,
            trans: [[0.0; L]; L + 1],
            lexicon: HashKeyed::default(),
            lexicon_sorted: Vec::new(),
        }
    }

    /// Builds a model from a lexicon, transitions and dense quantised weights.
    pub(crate) fn from_parts(bits: u32, weights: Vec<i8>, scale: f32, trans: [[f32; L]; L + 1], lexicon: Vec<(u64, u32)>) -> Model {
        let map = lexicon.iter().copied().collect();
        Model { bits, weights, scale, trans, lexicon: map, lexicon_sorted: lexicon }
    }

    /// The bucket of a feature hash.
    #[inline]
    pub(crate) fn row(&self, h: u64) -> usize {
        (h >> (64 - self.bits)) as usize * L
    }

    /// Number of non-zero weight rows.
    pub fn rows(&self) -> usize {
        self.weights.chunks(L).filter(|r| r.iter().any(|&w| w != 0)).count()
    }

    /// Serialises the model (see the module docs for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        for v in [self.bits, L as u32, NS as u32, ND as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.trans {
            for v in row {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.lexicon_sorted.len() as u32).to_le_bytes());
        for (k, v) in &self.lexicon_sorted {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        let rows: Vec<usize> = (0..1usize << self.bits)
            .filter(|&r| self.weights[r * L..(r + 1) * L].iter().any(|&w| w != 0))
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut prev = 0usize;
        for (n, &r) in rows.iter().enumerate() {
            let mut gap = if n == 0 { r } else { r - prev - 1 };
            loop {
                let b = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    out.push(b);
                    break;
                }
                out.push(b | 0x80);
            }
            out.extend(self.weights[r * L..(r + 1) * L].iter().map(|&w| w as u8));
            prev = r;
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`]; `None` if the bytes are not one.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        let mut r = Reader { b, i: 0 };
        if r.take(8)? != MAGIC {
            return None;
        }
        let bits = r.u32()?;
        if r.u32()? as usize != L || r.u32()? as usize != NS || r.u32()? as usize != ND || !(8..=26).contains(&bits) {
            return None;
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let mut trans = [[0.0f32; L]; L + 1];
        for row in trans.iter_mut() {
            for v in row.iter_mut() {
                *v = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
            }
        }
        let nlex = r.u32()? as usize;
        let mut lexicon = Vec::with_capacity(nlex.min(1 << 22));
        for _ in 0..nlex {
            let k = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
            let v = r.u32()?;
            lexicon.push((k, v));
        }
        let nrows = r.u32()? as usize;
        let size = 1usize << bits;
        let mut weights = vec![0i8; size * L];
        let mut row = 0usize;
        for n in 0..nrows {
            let mut gap = 0usize;
            let mut shift = 0;
            loop {
                let byte = *r.take(1)?.first()?;
                gap |= ((byte & 0x7f) as usize) << shift;
                shift += 7;
                if byte & 0x80 == 0 || shift > 35 {
                    break;
                }
            }
            row = if n == 0 { gap } else { row + gap + 1 };
            if row >= size {
                return None;
            }
            for (w, &x) in weights[row * L..(row + 1) * L].iter_mut().zip(r.take(L)?) {
                *w = x as i8;
            }
        }
        Some(Model::from_parts(bits, weights, scale, trans, lexicon))
    }
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.i..self.i.checked_add(n)?)?;
        self.i += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut m = Model::empty(10);
        m.weights[5 * L + 3] = -7;
        m.weights[900 * L] = 120;
        m.trans[L][2] = -1.5;
        m.lexicon_sorted = vec![(3, 9), (77, 1)];
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).unwrap();
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.lexicon.get(&77), Some(&1));
        assert_eq!(back.to_bytes(), b);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_none());
        assert!(Model::from_bytes(b"nonsense").is_none());
    }
}
