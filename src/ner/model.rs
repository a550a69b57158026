//! The model file: a dense table of hashed weights (quantised to `i8` with one scale),
//! label transitions, and a lexicon (gazetteer bits and word clusters keyed by the hash of a
//! lower-cased word).
//!
//! Layout (little endian): magic `CMNER004`; `u32` bits, labels, static templates, document
//! templates; `f32` scale; `(labels + 1) × labels` `f32` transitions in weight units (the last
//! row is the start); the cluster levels: `u32` count, then `(u16 mid, u16 coarse)` per fine
//! cluster; the lexicon: `u32` size, then per entry the LEB128 gap to the previous key and a
//! `u32` value (bits 0-19 gazetteer bits, 20-31 fine cluster + 1); the Brown lexicon: `u32`
//! size, then per entry the LEB128 gap to the previous key and the LEB128 path; `u32` number of stored
//! rows, then for each row the LEB128 gap to the previous row's bucket and `labels` `i8`
//! weights. Rows not stored are zero (pruned).

use super::features::{TokInfo, ND, NS};
use super::L;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const MAGIC: &[u8; 8] = b"CMNER004";

/// Bits of a lexicon value that hold gazetteer bits (two per category); the bits above hold
/// the fine word cluster + 1 (so at most 4,095 fine clusters).
pub(crate) const GAZ_BITS: u32 = 20;
/// The gazetteer part of a lexicon value.
pub(crate) const GAZ_MASK: u32 = (1 << GAZ_BITS) - 1;

/// A quantised weight.
pub(crate) type W = i8;
/// Bytes per weight.
const WB: usize = std::mem::size_of::<W>();
/// The largest quantised weight.
pub(crate) const QMAX: f32 = W::MAX as f32;

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);
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
pub(crate) type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// A trained tagger model.
#[derive(Debug, Clone)]
pub struct Model {
    /// log2 of the number of weight rows.
    pub(crate) bits: u32,
    /// `(1 << bits) × L` weights, row-major.
    pub(crate) weights: Vec<W>,
    /// What one weight unit is worth (for reporting; decoding works in units).
    pub(crate) scale: f32,
    /// Transition scores in weight units: `trans[prev][cur]`, `prev == L` at the start.
    pub(crate) trans: [[f32; L]; L + 1],
    /// Gazetteer bits and word clusters.
    pub(crate) lexicon: Lexicon,
}

/// An open-addressing table from 32-bit keys to 32-bit values. The keys are the upper halves
/// of word hashes, so they are uniform already and index the table directly: it is built in
/// one pass over the sorted entries without hashing or allocating per entry (a `HashMap` took
/// most of the model's load time in wasm), and a lookup takes about one probe.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyTable {
    /// `key << 32 | value`, or [`EMPTY`].
    slots: Vec<u64>,
    mask: usize,
    /// The one entry that would read as an empty slot (`u32::MAX → u32::MAX`), if present.
    max_entry: bool,
}

const EMPTY: u64 = u64::MAX;

impl KeyTable {
    /// A table of `entries`, whose keys are distinct.
    fn new(entries: &[(u32, u32)]) -> KeyTable {
        if entries.is_empty() {
            return KeyTable::default();
        }
        let cap = (entries.len() * 2).next_power_of_two();
        let (mut slots, mask) = (vec![EMPTY; cap], cap - 1);
        let mut max_entry = false;
        for &(k, v) in entries {
            let slot = (u64::from(k) << 32) | u64::from(v);
            if slot == EMPTY {
                max_entry = true;
                continue;
            }
            let mut i = k as usize & mask;
            while slots[i] != EMPTY {
                i = (i + 1) & mask;
            }
            slots[i] = slot;
        }
        KeyTable { slots, mask, max_entry }
    }

    #[inline]
    fn get(&self, k: u32) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mut i = k as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == EMPTY {
                return (self.max_entry && k == u32::MAX).then_some(u32::MAX);
            }
            if (s >> 32) as u32 == k {
                return Some(s as u32);
            }
            i = (i + 1) & self.mask;
        }
    }

    fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

/// Gazetteer bits and word clusters of lower-cased words, and Brown-cluster paths of words as
/// written.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    map: KeyTable,
    brown_map: KeyTable,
    /// Brown paths sorted by key: `(key, path)`, key = the upper half of the word's case-kept
    /// hash, path with its root in the lowest bit.
    pub(crate) brown_sorted: Vec<(u32, u32)>,
    /// Entries sorted by key: `(key, value)`, key = the upper half of the word's hash.
    pub(crate) sorted: Vec<(u32, u32)>,
    /// `(mid, coarse)` cluster of each fine cluster.
    pub(crate) levels: Vec<(u16, u16)>,
}

impl Lexicon {
    /// A lexicon from entries (sorted here) and cluster levels.
    pub fn new(mut entries: Vec<(u32, u32)>, levels: Vec<(u16, u16)>) -> Lexicon {
        entries.sort_unstable();
        entries.dedup_by_key(|e| e.0);
        let map = KeyTable::new(&entries);
        Lexicon { map, sorted: entries, levels, ..Lexicon::default() }
    }

    /// The lexicon with Brown-cluster paths `(key, path)` (sorted here; a repeated key keeps
    /// its first path after sorting).
    pub fn with_brown(mut self, mut entries: Vec<(u32, u32)>) -> Lexicon {
        entries.sort_unstable();
        entries.dedup_by_key(|e| e.0);
        self.brown_map = KeyTable::new(&entries);
        self.brown_sorted = entries;
        self
    }

    /// Number of Brown-cluster entries.
    pub fn brown_len(&self) -> usize {
        self.brown_sorted.len()
    }

    /// The Brown path of a token: its form as written, else in title case (for words in
    /// capitals), else lower-cased; 0 when none.
    #[inline]
    pub(crate) fn brown(&self, t: &TokInfo) -> u32 {
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
    pub(crate) fn has_brown(&self, word: u64) -> bool {
        self.brown_map.get(Self::key(word)).is_some()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// The key of a word's lower-cased hash.
    #[inline]
    pub(crate) fn key(lower: u64) -> u32 {
        (lower >> 32) as u32
    }

    /// Gazetteer bits and `[fine, mid, coarse]` clusters (each + 1; 0 = none) of a word.
    #[inline]
    pub(crate) fn lookup(&self, lower: u64) -> (u32, [u16; 3]) {
        match self.map.get(Self::key(lower)) {
            None => (0, [0; 3]),
            Some(v) => {
                let fine = (v >> GAZ_BITS) as u16;
                let (mid, coarse) = match fine.checked_sub(1).and_then(|f| self.levels.get(f as usize)) {
                    Some(&(m, c)) => (m + 1, c + 1),
                    None => (0, 0),
                };
                (v & GAZ_MASK, [fine, mid, coarse])
            }
        }
    }
}

impl Model {
    /// A model whose weights are all zero: tags everything `O`.
    pub fn empty(bits: u32) -> Model {
        Model {
            bits,
            weights: vec![0; (1usize << bits) * L],
            scale: 1.0,
            trans: [[0.0; L]; L + 1],
            lexicon: Lexicon::default(),
        }
    }

    /// Builds a model from a lexicon, transitions and dense quantised weights.
    pub(crate) fn from_parts(bits: u32, weights: Vec<W>, scale: f32, trans: [[f32; L]; L + 1], lexicon: Lexicon) -> Model {
        Model { bits, weights, scale, trans, lexicon }
    }

    /// The bucket of a feature hash.
    #[inline]
    pub(crate) fn row(&self, h: u64) -> usize {
        (h >> (64 - self.bits)) as usize * L
    }

    /// The model's lexicon (gazetteer bits and word clusters).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
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
        out.extend_from_slice(&(self.lexicon.levels.len() as u32).to_le_bytes());
        for (m, c) in &self.lexicon.levels {
            out.extend_from_slice(&m.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        out.extend_from_slice(&(self.lexicon.sorted.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for (n, &(k, v)) in self.lexicon.sorted.iter().enumerate() {
            leb128(&mut out, if n == 0 { k as usize } else { (k - prev - 1) as usize });
            out.extend_from_slice(&v.to_le_bytes());
            prev = k;
        }
        out.extend_from_slice(&(self.lexicon.brown_sorted.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for (n, &(k, v)) in self.lexicon.brown_sorted.iter().enumerate() {
            leb128(&mut out, if n == 0 { k as usize } else { (k - prev - 1) as usize });
            leb128(&mut out, v as usize);
            prev = k;
        }
        let rows: Vec<usize> = (0..1usize << self.bits)
            .filter(|&r| self.weights[r * L..(r + 1) * L].iter().any(|&w| w != 0))
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut prev = 0usize;
        for (n, &r) in rows.iter().enumerate() {
            leb128(&mut out, if n == 0 { r } else { r - prev - 1 });
            for w in &self.weights[r * L..(r + 1) * L] {
                out.extend_from_slice(&w.to_le_bytes());
            }
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
        let nlev = r.u32()? as usize;
        let mut levels = Vec::with_capacity(nlev.min(1 << 16));
        for _ in 0..nlev {
            let m = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
            let c = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
            levels.push((m, c));
        }
        let lexicon = r.keyed(Reader::u32)?;
        let brown = r.keyed(|r| u32::try_from(r.leb128()?).ok())?;
        let lexicon = Lexicon::new(lexicon, levels).with_brown(brown);
        let nrows = r.u32()? as usize;
        let size = 1usize << bits;
        // Written once, front to back: zeros up to each stored row, then the row (zeroing the
        // whole table first cost as much again in wasm).
        let mut weights: Vec<W> = Vec::with_capacity(size * L);
        let mut row = 0usize;
        for n in 0..nrows {
            let gap = r.leb128()?;
            row = if n == 0 { gap } else { row.checked_add(gap)?.checked_add(1)? };
            if row >= size {
                return None;
            }
            weights.resize(row * L, 0);
            for x in r.take(L * WB)?.chunks_exact(WB) {
                weights.push(W::from_le_bytes(x.try_into().ok()?));
            }
        }
        weights.resize(size * L, 0);
        Some(Model::from_parts(bits, weights, scale, trans, lexicon))
    }
}

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

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.i..self.i.checked_add(n)?)?;
        self.i += n;
        Some(s)
    }
    /// A `u32` count, then that many entries: the LEB128 gap to the previous key (keys rise
    /// strictly) and a value read by `value`.
    fn keyed(&mut self, value: impl Fn(&mut Self) -> Option<u32>) -> Option<Vec<(u32, u32)>> {
        let n = self.u32()? as usize;
        let mut out = Vec::with_capacity(n.min(1 << 22));
        let mut key = 0u32;
        for i in 0..n {
            let gap = u32::try_from(self.leb128()?).ok()?;
            key = if i == 0 { gap } else { key.checked_add(gap)?.checked_add(1)? };
            out.push((key, value(self)?));
        }
        Some(out)
    }

    #[inline]
    fn leb128(&mut self) -> Option<usize> {
        let mut v = 0usize;
        let mut shift = 0;
        loop {
            let byte = *self.take(1)?.first()?;
            v |= ((byte & 0x7f) as usize) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                return Some(v);
            }
            if shift > 35 {
                return None;
            }
        }
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
        m.lexicon = Lexicon::new(vec![(77, 1 | (2 << GAZ_BITS)), (3, 9)], vec![(0, 0), (5, 1)])
            .with_brown(vec![(Lexicon::key(super::super::features::word_hash("Paris")), 0b1010100110)]);
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).unwrap();
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.lexicon.lookup(77 << 32), (1, [2, 6, 2]));
        assert_eq!(back.lexicon.lookup(3 << 32), (9, [0, 0, 0]));
        assert_eq!(back.lexicon.lookup(4 << 32), (0, [0, 0, 0]));
        assert_eq!(back.lexicon.brown(&super::super::features::tok_info("PARIS")), 0b1010100110);
        assert_eq!(back.lexicon.brown(&super::super::features::tok_info("Lyon")), 0);
        assert_eq!(back.to_bytes(), b);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_none());
        assert!(Model::from_bytes(b"nonsense").is_none());
    }

    #[test]
    fn key_table_finds_every_entry_and_nothing_else() {
        // Colliding keys (same low bits), key 0, and the entry that looks like an empty slot.
        let entries: Vec<(u32, u32)> = vec![(0, 5), (1 << 20, 6), (2 << 20, 7), (3, u32::MAX), (u32::MAX, u32::MAX), (u32::MAX - 1, 0)];
        let t = KeyTable::new(&entries);
        for &(k, v) in &entries {
            assert_eq!(t.get(k), Some(v), "key {k}");
        }
        for k in [1, 2, 4 << 20, u32::MAX - 2] {
            assert_eq!(t.get(k), None, "key {k}");
        }
        assert_eq!(KeyTable::new(&[]).get(0), None);
        assert_eq!(KeyTable::new(&[(7, 1)]).get(u32::MAX), None);
    }
}
