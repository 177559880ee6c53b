//! Lays out the frequency table's index at build time (see `src/core/frequency.rs`), so a
//! fresh process answers its first question from it instead of searching the text or
//! building the index itself.

use std::path::PathBuf;

#[path = "src/core/table_hash.rs"]
mod table_hash;

const TABLE: &str = "src/data/frequency-ar.txt";

fn main() {
    println!("cargo:rerun-if-changed={TABLE}");
    println!("cargo:rerun-if-changed=src/core/table_hash.rs");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(TABLE).expect("the frequency table");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("frequency-index.bin"), index(&text)).expect("write the index");
}

/// The index of `text` (word<TAB>class lines, `#` comments): `size` tag bytes (0 for an empty
/// slot, else 0x80 | the hash's top 7 bits), then `size` little-endian u32 slots (the class in
/// the top 8 bits, the word's byte offset in `text` plus one below), open-addressed by the
/// hash's low bits. Under two thirds full.
fn index(text: &str) -> Vec<u8> {
    let mut entries = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if !body.starts_with('#') {
            if let Some((word, class)) = body.split_once('\t') {
                if let Ok(class) = class.trim().parse::<u8>() {
                    entries.push((at, word, class));
                }
            }
        }
        at += line.len();
    }
    let offset_bits = u32::BITS - (text.len() as u32 + 1).leading_zeros();
    assert!(offset_bits + 8 <= u32::BITS, "a slot holds a line start and a class");
    let size = (entries.len() * 3 / 2 + 1).next_power_of_two();
    let mask = size - 1;
    let (mut tags, mut slots) = (vec![0u8; size], vec![0u32; size]);
    for (offset, word, class) in entries {
        let h = table_hash::table_hash(word.as_bytes());
        let mut i = h as usize & mask;
        while tags[i] != 0 {
            i = (i + 1) & mask;
        }
        tags[i] = 0x80 | (h >> 57) as u8;
        slots[i] = (u32::from(class) << (u32::BITS - 8)) | (offset as u32 + 1);
    }
    let mut bytes = tags;
    bytes.extend(slots.iter().flat_map(|s| s.to_le_bytes()));
    bytes
}
