//! A tiny deterministic PRNG (SplitMix64): the same index always gives the
//! same workbook, on every machine, without a crate.

use rust_decimal::Decimal;

/// `SplitMix64` (Steele, Lea, Flood 2014): small, fast, good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator whose stream depends only on `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        let mut rng = Self {
            state: seed ^ 0x6a09_e667_f3bc_c909,
        };
        // Warm up so that neighbouring seeds diverge at once.
        rng.next_u64();
        rng.next_u64();
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A whole number in `lo..=hi` (returns `lo` when `hi < lo`).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo).cast_unsigned() + 1;
        lo + (self.next_u64() % span).cast_signed()
    }

    /// An index in `0..len` (0 when `len` is 0).
    pub fn below(&mut self, len: usize) -> usize {
        if len == 0 {
            return 0;
        }
        // The remainder is below `len`, so it fits.
        usize::try_from(self.next_u64() % len as u64).unwrap_or(0)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.next_u64() % 100 < u64::from(percent)
    }

    /// One element of a non-empty slice (the first when empty is impossible).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A label chosen by weights: `[("好", 60), ("较好", 40)]`.
    pub fn weighted<'a>(&mut self, choices: &[(&'a str, u32)]) -> &'a str {
        let total: u32 = choices.iter().map(|(_, w)| *w).sum();
        let mut roll = self.range(0, i64::from(total.max(1)) - 1);
        for (label, weight) in choices {
            roll -= i64::from(*weight);
            if roll < 0 {
                return label;
            }
        }
        choices.first().map_or("", |(label, _)| label)
    }

    /// A fraction in basis points (1/10000) within `lo..=hi`, as a Decimal: 9750 → 0.9750.
    pub fn ratio_bp(&mut self, lo: i64, hi: i64) -> Decimal {
        Decimal::new(self.range(lo, hi), 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_ranges_hold() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let mut c = Rng::new(8);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
        for _ in 0..1000 {
            let v = a.range(-3, 4);
            assert!((-3..=4).contains(&v));
            assert!(a.below(5) < 5);
        }
        assert_eq!(a.range(5, 5), 5);
        assert_eq!(a.range(5, 1), 5);
    }

    #[test]
    fn weighted_respects_zero_weights() {
        let mut r = Rng::new(1);
        for _ in 0..200 {
            assert_eq!(r.weighted(&[("a", 0), ("b", 3), ("c", 0)]), "b");
        }
    }
}
