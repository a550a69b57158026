//! Reading the model file's compact layout (see `model.rs`) and building the in-memory
//! tables from it. Self-contained (std only): the crate reads `--model FILE` with it, and the
//! build script (`build.rs`) decodes `models/ner.model` with it at build time, so that the
//! embedded model is compiled in already in its in-memory form and loads for free.

/// A model file, decoded but not checked against the crate's feature set.
pub struct Decoded<'a> {
    pub bits: u32,
    pub labels: u32,
    pub ns: u32,
    pub nd: u32,
    pub scale: f32,
    /// `(labels + 1) × labels` transitions, row-major.
    pub trans: Vec<f32>,
    pub levels: Vec<(u16, u16)>,
    /// Lexicon entries `(key, value)`, keys strictly rising.
    pub lexicon: Vec<(u32, u32)>,
    /// Brown entries `(key, path)`, keys strictly rising.
    pub brown: Vec<(u32, u32)>,
    /// Stored rows: `(row, labels weight bytes)`, rows strictly rising and below `1 << bits`.
    pub rows: Vec<(usize, &'a [u8])>,
}

/// The file's magic.
pub const MAGIC: &[u8; 8] = b"CMNER004";

/// Decodes a model file; `None` if the bytes are not one.
pub fn decode(b: &[u8]) -> Option<Decoded<'_>> {
    let mut r = Reader { b, i: 0 };
    if r.take(8)? != MAGIC {
        return None;
    }
    let bits = r.u32()?;
    let (labels, ns, nd) = (r.u32()?, r.u32()?, r.u32()?);
    if !(8..=26).contains(&bits) || !(1..=255).contains(&labels) {
        return None;
    }
    let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
    let ntrans = (labels as usize + 1) * labels as usize;
    let trans = r.take(ntrans * 4)?.chunks_exact(4).map(|x| f32::from_le_bytes(x.try_into().expect("4 bytes"))).collect();
    let nlev = r.u32()? as usize;
    let mut levels = Vec::with_capacity(nlev.min(1 << 16));
    for _ in 0..nlev {
        let m = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
        let c = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
        levels.push((m, c));
    }
    let lexicon = r.keyed(Reader::u32)?;
    let brown = r.keyed(|r| u32::try_from(r.leb128()?).ok())?;
    let nrows = r.u32()? as usize;
    let size = 1usize << bits;
    let mut rows = Vec::with_capacity(nrows.min(size));
    let mut row = 0usize;
    for n in 0..nrows {
        let gap = r.leb128()?;
        row = if n == 0 { gap } else { row.checked_add(gap)?.checked_add(1)? };
        if row >= size {
            return None;
        }
        rows.push((row, r.take(labels as usize)?));
    }
    Some(Decoded { bits, labels, ns, nd, scale, trans, levels, lexicon, brown, rows })
}

impl Decoded<'_> {
    /// The dense weight table: `(1 << bits) × labels` bytes (`i8` weights), row-major, zero
    /// where no row is stored.
    pub fn dense(&self) -> Vec<u8> {
        let l = self.labels as usize;
        // Written once, front to back: zeros up to each stored row, then the row (zeroing the
        // whole table first cost as much again in wasm).
        let mut w = Vec::with_capacity((1usize << self.bits) * l);
        for &(r, bytes) in &self.rows {
            w.resize(r * l, 0);
            w.extend_from_slice(bytes);
        }
        w.resize((1usize << self.bits) * l, 0);
        w
    }
}

/// Buckets of a key index: the top 16 bits of a key pick its bucket.
pub const BUCKETS: usize = 1 << 16;
/// Bytes of a key index's bucket directory: `BUCKETS + 1` `u32` record indices.
pub const DIR_BYTES: usize = (BUCKETS + 1) * 4;
/// Bytes of a record: the key's low 16 bits (`u16`), then the value (`u32`).
pub const RECORD: usize = 6;

/// A static index of `entries` (keys strictly rising), little endian: the directory (the
/// index of each bucket's first record, and the number of records at the end), then the
/// records in key order. Keys are uniform (upper halves of hashes), so a bucket holds a
/// couple of records; empty if there are no entries. About half the size of an open-addressing
/// table, which matters in the wasm binary (and for the browser's cache of it).
pub fn key_index(entries: &[(u32, u32)]) -> Vec<u8> {
    if entries.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(DIR_BYTES + entries.len() * RECORD);
    let mut next = 0usize;
    for b in 0..=BUCKETS {
        while next < entries.len() && ((entries[next].0 >> 16) as usize) < b {
            next += 1;
        }
        out.extend_from_slice(&(next as u32).to_le_bytes());
    }
    for &(k, v) in entries {
        out.extend_from_slice(&(k as u16).to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
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
