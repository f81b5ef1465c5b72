//! The integer mixer the hashing stages share.
//!
//! Input: a `u64`. Output: a `u64` with full avalanche. Its own module so
//! that the normaliser (its memo table), the shingler, MinHash and LSH use
//! one function without importing each other. Values it makes reach the
//! outputs (signatures, band keys, shingle sets in archives), so it must
//! never change; the seeds and stable hashes are described in DESIGN.md
//! § Hashing and seeds.

/// murmur3's 64-bit finaliser: a bijection with full avalanche. Used to
/// finish rolling sums and as the cheap "random permutation" of MinHash.
#[inline]
pub(crate) fn mix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pinned values: archives and signatures written by earlier versions
    /// depend on them.
    #[test]
    fn mix64_never_changes() {
        assert_eq!(mix64(0), 0);
        assert_eq!(mix64(1), 0xb456_bcfc_34c2_cb2c);
        assert_eq!(mix64(0x7061_7261_6c6c_6178), mix64(0x7061_7261_6c6c_6178));
    }
}
