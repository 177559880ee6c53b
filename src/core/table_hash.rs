//! The hash of the frequency table's index, shared word for word by `build.rs` (which lays the
//! index out at build time) and `frequency.rs` (which probes it): both must agree on every
//! bit, so it is ours, not a crate's whose output could change between its versions.

/// A 64-bit hash of `bytes`: eight bytes at a time, each mixed by a multiply and a shift.
pub fn table_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, w: u64| {
        let h = (h ^ w).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut h = (bytes.len() as u64) ^ 0x243F_6A88_85A3_08D3;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        h = mix(h, u64::from_le_bytes(w));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(w));
    }
    let h = h.wrapping_mul(K);
    h ^ (h >> 32)
}
