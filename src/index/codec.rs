//! Integer vectors ↔ BLOBs, and u64 ↔ SQLite INTEGER.
//!
//! Input: `&[u64]` (signatures, band keys, shingle sets). Output: a BLOB of
//! one width byte (4 or 8) followed by the values little-endian at that
//! width. Invariant: `decode(encode(v)) == v` for every `v`.
//!
//! The width byte exists because many MinHash implementations produce 32-bit
//! values: stored at 4 bytes they halve the signature (128 perms: 512 bytes
//! instead of 1,024), without the caller having to say which kind it has.

/// Encodes `values` at 4 bytes each when they all fit in 32 bits, else 8.
pub(crate) fn encode(values: &[u64]) -> Vec<u8> {
    let narrow = values.iter().all(|&v| v <= u64::from(u32::MAX));
    let width = if narrow { 4 } else { 8 };
    let mut out = Vec::with_capacity(1 + width * values.len());
    out.push(width as u8);
    for &v in values {
        if narrow {
            // Checked above: v fits in u32.
            out.extend_from_slice(&(v as u32).to_le_bytes());
        } else {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out
}

/// Decodes a BLOB made by [`encode`]; `None` when it is malformed (unknown
/// width, or a length that is not a whole number of values).
pub(crate) fn decode(blob: &[u8]) -> Option<Vec<u64>> {
    let (&width, body) = blob.split_first()?;
    match width {
        4 if body.len() % 4 == 0 => Some(
            body.chunks_exact(4)
                .map(|c| u64::from(u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
                .collect(),
        ),
        8 if body.len() % 8 == 0 => Some(
            body.chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect(),
        ),
        _ => None,
    }
}

/// SQLite integers are signed 64-bit: a u64 is stored as the i64 with the
/// same bits (values ≥ 2^63 become negative). Equality and index lookups
/// are unaffected; only SQL-side ordering differs, which we never use.
pub(crate) fn to_sql(v: u64) -> i64 {
    v as i64
}

/// Inverse of [`to_sql`].
pub(crate) fn from_sql(v: i64) -> u64 {
    v as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_values_take_four_bytes() {
        let v = vec![0, 1, u64::from(u32::MAX)];
        let blob = encode(&v);
        assert_eq!(blob.len(), 1 + 3 * 4);
        assert_eq!(decode(&blob), Some(v));
    }

    #[test]
    fn wide_values_round_trip() {
        let v = vec![3, u64::MAX, 1 << 40];
        let blob = encode(&v);
        assert_eq!(blob.len(), 1 + 3 * 8);
        assert_eq!(decode(&blob), Some(v));
        assert_eq!(decode(&encode(&[])), Some(vec![]));
    }

    #[test]
    fn malformed_blobs_are_rejected() {
        assert_eq!(decode(&[]), None);
        assert_eq!(decode(&[4, 1, 2, 3]), None);
        assert_eq!(decode(&[7, 0, 0, 0, 0, 0, 0, 0]), None);
    }

    #[test]
    fn sql_cast_keeps_every_bit() {
        for v in [0, 1, u64::MAX, 1 << 63, 0x8000_0000_0000_0001] {
            assert_eq!(from_sql(to_sql(v)), v);
        }
        assert!(to_sql(u64::MAX) < 0);
    }
}
