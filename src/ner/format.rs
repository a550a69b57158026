//! Reading the payload of `models/ner.model` (its compact layout, see `model.rs`; the file's
//! header is the model container's, `src/model_file.rs`) and building the in-memory tables from
//! it. Self-contained (std only): the build script (`build.rs`) decodes `models/ner.model` with
//! it at build time, so that the embedded model is compiled in already in its in-memory form and
//! loads for free; the lab reads `--model FILE` with it. The engine itself only reads the built
//! key tables ([`key_layout`]), so the decoder is dead code in its own build.
#![cfg_attr(not(any(test, feature = "lab")), allow(dead_code))]

/// A model's payload, decoded but not checked against the crate's labels and template counts.
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

/// Decodes a model's payload (what follows the container's header); the error says where it
/// stops making sense.
pub fn decode(b: &[u8]) -> Result<Decoded<'_>, String> {
    let mut r = Reader { b, i: 0 };
    let d = decode_from(&mut r);
    match d {
        Some(d) if r.i == b.len() => Ok(d),
        Some(_) => Err(format!("{} bytes follow its end at byte {}", b.len() - r.i, r.i)),
        None => Err(format!("it is cut short or corrupt at byte {} of {}", r.i, b.len())),
    }
}

fn decode_from<'a>(r: &mut Reader<'a>) -> Option<Decoded<'a>> {
    let bits = r.u32()?;
    let (labels, ns, nd) = (r.u32()?, r.u32()?, r.u32()?);
    if !(8..=26).contains(&bits) || !(1..=255).contains(&labels) {
        return None;
    }
    let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
    let ntrans = (labels as usize + 1) * labels as usize;
    let trans = r
        .take(ntrans * 4)?
        .chunks_exact(4)
        .map(|x| f32::from_le_bytes(x.try_into().expect("4 bytes")))
        .collect();
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

/// The weight table as shared sparse rows ([`Decoded::dense`] with each distinct row stored
/// once, its zero weights left out): `rows` holds the distinct rows, each a 3-byte mask of the
/// labels with a non-zero weight (bit `l` for label `l`) followed by those weights in label
/// order, the zero row (a zero mask) first and one byte of padding last, so that a reader can
/// load a mask as 4 bytes; `ids` packs one `width`-bit offset into `rows` per bucket, little
/// endian, bucket `b` at bit `b × width` (8 zero bytes of padding at the end, so that a reader
/// can always load 8 bytes). `None` for more than 24 labels. The pruned model has 148k
/// non-zero rows of 17 weights but 67k distinct ones with 4.8 non-zero weights on average, so
/// this is 1.1 MB where the dense table is 4.5 MB (and the wasm binary's data section held
/// 2.6 MB of it, its zero runs split off into 100,000 segments).
#[cfg_attr(not(test), allow(dead_code))] // used by build.rs, and by the crate's tests
pub fn shared_rows(dense: &[u8], labels: usize) -> Option<(Vec<u8>, u32, Vec<u8>)> {
    if labels > 24 {
        return None;
    }
    let mut rows = vec![0u8; 3];
    let mut seen: std::collections::HashMap<&[u8], u64> = std::collections::HashMap::new();
    let ids: Vec<u64> = dense
        .chunks_exact(labels)
        .map(|r| {
            if r.iter().all(|&w| w == 0) {
                return 0;
            }
            let at = rows.len() as u64;
            *seen.entry(r).or_insert_with(|| {
                let mask = r
                    .iter()
                    .enumerate()
                    .filter(|(_, &w)| w != 0)
                    .fold(0u32, |m, (l, _)| m | 1 << l);
                rows.extend_from_slice(&mask.to_le_bytes()[..3]);
                rows.extend(r.iter().filter(|&&w| w != 0));
                at
            })
        })
        .collect();
    rows.push(0);
    let width = (u64::BITS - ids.iter().max().copied().unwrap_or(0).leading_zeros()).max(1);
    let mut packed = vec![0u8; (ids.len() * width as usize).div_ceil(8) + 8];
    for (b, &id) in ids.iter().enumerate() {
        let bit = b * width as usize;
        let at = bit / 8;
        let word =
            u64::from_le_bytes(packed[at..at + 8].try_into().expect("8 bytes")) | id << (bit % 8);
        packed[at..at + 8].copy_from_slice(&word.to_le_bytes());
    }
    Some((packed, width, rows))
}

/// Buckets of a key index: the top 16 bits of a key pick its bucket.
pub const BUCKETS: usize = 1 << 16;
/// Buckets per group: a group's first record index is stored as a `u32`, each bucket's as a
/// `u16` offset from it.
pub const GROUP: usize = 256;

/// Where the parts of a key index lie (see [`key_index`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyLayout {
    /// Offset of the distinct values (`u32`), if the records hold value numbers.
    pub values: Option<usize>,
    /// Offset of the groups' first record indices (`u32`), if the directory is of `u16` offsets.
    pub groups: Option<usize>,
    /// Offset of the directory: `BUCKETS + 1` record indices (`u32`) or offsets (`u16`).
    pub dir: usize,
    /// Offset of the records.
    pub records: usize,
    /// Bytes of a record: the key's low 16 bits, then the value (`u32`) or its number (`u16`).
    pub record: usize,
}

/// A static index of `entries` (keys strictly rising), little endian: a `u32` number of
/// distinct values (0 if there are more than 2^16: the records then hold the values), the
/// distinct values (`u32`); a `u32` flag, 1 if the directory is of `u16` offsets, then the
/// `BUCKETS / GROUP + 1` groups' first record indices (`u32`) if it is; the directory (for
/// each bucket and one past the last, its first record's index, as a `u16` offset from its
/// group's or a `u32`); then the records in key order. Keys are uniform (upper halves of
/// hashes), so a bucket holds a couple of records; empty if there are no entries. The lexicon
/// has 160k entries but 9,760 distinct values, the Brown lexicon 75k and 999: 0.81 and
/// 0.43 MB, where `u32` values and directory took 1.22 and 0.71 MB of the wasm binary.
pub fn key_index(entries: &[(u32, u32)]) -> Vec<u8> {
    if entries.is_empty() {
        return Vec::new();
    }
    let mut values: Vec<u32> = entries.iter().map(|e| e.1).collect();
    values.sort_unstable();
    values.dedup();
    if values.len() > 1 << 16 {
        values.clear();
    }
    let mut starts = Vec::with_capacity(BUCKETS + 1);
    let mut next = 0usize;
    for b in 0..=BUCKETS {
        while next < entries.len() && ((entries[next].0 >> 16) as usize) < b {
            next += 1;
        }
        starts.push(next as u32);
    }
    let group = |b: usize| starts[b / GROUP * GROUP];
    let short = (0..=BUCKETS).all(|b| starts[b] - group(b) <= u32::from(u16::MAX));
    let mut out = Vec::new();
    out.extend_from_slice(&(values.len() as u32).to_le_bytes());
    for v in &values {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&u32::from(short).to_le_bytes());
    if short {
        for g in (0..=BUCKETS).step_by(GROUP) {
            out.extend_from_slice(&starts[g].to_le_bytes());
        }
        for (b, &start) in starts.iter().enumerate() {
            out.extend_from_slice(&((start - group(b)) as u16).to_le_bytes());
        }
    } else {
        for s in &starts {
            out.extend_from_slice(&s.to_le_bytes());
        }
    }
    for &(k, v) in entries {
        out.extend_from_slice(&(k as u16).to_le_bytes());
        if values.is_empty() {
            out.extend_from_slice(&v.to_le_bytes());
        } else {
            let n = values.binary_search(&v).expect("a value of the entries") as u16;
            out.extend_from_slice(&n.to_le_bytes());
        }
    }
    out
}

/// The layout of a key index of `len` entries written by [`key_index`]; `None` if the bytes
/// are not one.
pub fn key_layout(b: &[u8], len: usize) -> Option<KeyLayout> {
    if len == 0 {
        return b.is_empty().then_some(KeyLayout::default());
    }
    let u32_at = |i: usize| Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize);
    let nvalues = u32_at(0)?;
    let flag_at = 4 + nvalues * 4;
    let (groups, dir, dir_bytes) = match u32_at(flag_at)? {
        0 => (None, flag_at + 4, (BUCKETS + 1) * 4),
        1 => (Some(flag_at + 4), flag_at + 4 + (BUCKETS / GROUP + 1) * 4, (BUCKETS + 1) * 2),
        _ => return None,
    };
    let record = if nvalues == 0 { 6 } else { 4 };
    let records = dir + dir_bytes;
    (b.len() == records + len * record).then_some(KeyLayout {
        values: (nvalues > 0).then_some(4),
        groups,
        dir,
        records,
        record,
    })
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
