//! A small, fast hasher for the engine's lookups by unit word and code.
//! The standard `SipHash` guards servers against chosen-key floods; here the
//! keys are a workbook's own short strings, and `SipHash` cost more than the
//! lookups it served. (The multiply-rotate scheme is rustc's `FxHash`.)

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// `FxHash`: one rotate, xor and multiply per 8 bytes.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_sets_work_with_it() {
        let mut map: FxMap<&str, usize> = FxMap::default();
        for (i, unit) in ["份", "次", "件", "份", "篇条目很长的单位名称"]
            .iter()
            .enumerate()
        {
            map.entry(unit).or_insert(i);
        }
        assert_eq!(map.len(), 4);
        assert_eq!(map.get("份"), Some(&0));
        let mut set: FxSet<&str> = FxSet::default();
        assert!(set.insert("A3.1"));
        assert!(!set.insert("A3.1"));
        assert!(set.insert("A3.10"));
    }
}
