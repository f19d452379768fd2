//! Sets of days as bits (bit i = the i-th date of the analysis window), so
//! that the thousands of 2×2 tables of a long window are counted with a
//! few popcounts each.

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DaySet {
    words: Vec<u64>,
    len: usize,
}

impl DaySet {
    pub fn new(len: usize) -> DaySet {
        DaySet {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    pub fn get(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] >> (i % 64) & 1 == 1
    }

    pub fn count(&self) -> u32 {
        self.words.iter().map(|w| w.count_ones()).sum()
    }

    fn zip(&self, other: &DaySet, f: impl Fn(u64, u64) -> u64) -> DaySet {
        debug_assert_eq!(self.len, other.len);
        DaySet {
            words: self
                .words
                .iter()
                .zip(&other.words)
                .map(|(a, b)| f(*a, *b))
                .collect(),
            len: self.len,
        }
    }

    pub fn and(&self, other: &DaySet) -> DaySet {
        self.zip(other, |a, b| a & b)
    }

    pub fn and_not(&self, other: &DaySet) -> DaySet {
        self.zip(other, |a, b| a & !b)
    }

    pub fn or(&self, other: &DaySet) -> DaySet {
        self.zip(other, |a, b| a | b)
    }

    /// All days of the window.
    pub fn full(len: usize) -> DaySet {
        let mut s = DaySet::new(len);
        for i in 0..len {
            s.set(i);
        }
        s
    }

    /// The set moved by `by` days: bit i of the result is bit i + by of
    /// this set (bits from outside the window are empty).
    pub fn shifted(&self, by: i64) -> DaySet {
        let mut out = DaySet::new(self.len);
        let n = self.words.len();
        let (whole, part) = (
            (by.unsigned_abs() / 64) as usize,
            (by.unsigned_abs() % 64) as u32,
        );
        for (w, slot) in out.words.iter_mut().enumerate() {
            let word = |i: i64| -> u64 {
                if i < 0 || i as usize >= n {
                    0
                } else {
                    self.words[i as usize]
                }
            };
            let w = w as i64;
            let whole = whole as i64;
            *slot = if by >= 0 {
                // bit i of out = bit i + by of self
                let lo = word(w + whole);
                let hi = word(w + whole + 1);
                if part == 0 {
                    lo
                } else {
                    (lo >> part) | (hi << (64 - part))
                }
            } else {
                let hi = word(w - whole);
                let lo = word(w - whole - 1);
                if part == 0 {
                    hi
                } else {
                    (hi << part) | (lo >> (64 - part))
                }
            };
        }
        // Bits past the end stay empty.
        if !self.len.is_multiple_of(64) {
            if let Some(last) = out.words.last_mut() {
                *last &= (1u64 << (self.len % 64)) - 1;
            }
        }
        out
    }

    /// The correlation of this set's yes/no series with itself `k` days
    /// later, over the days in `within` (this set must lie inside it):
    /// Σ (xₜ − m)(xₜ₊ₖ − m) over t, t+k both in `within`, ÷ Σ (xₜ − m)² over
    /// `within`, m the share of `within` in this set. 0 when it never varies.
    pub fn autocorrelation(&self, within: &DaySet, k: i64) -> f64 {
        let n = within.count() as f64;
        let ones = self.count() as f64;
        if n == 0.0 {
            return 0.0;
        }
        let m = ones / n;
        let ss = ones * (1.0 - m) * (1.0 - m) + (n - ones) * m * m;
        if ss <= 0.0 {
            return 0.0;
        }
        let self_k = self.shifted(k);
        let within_k = within.shifted(k);
        let both = DaySet::count_all(&[self, &self_k]) as f64;
        let lead = DaySet::count_all(&[self, &within_k]) as f64;
        let lag = DaySet::count_all(&[&self_k, within]) as f64;
        let pairs = DaySet::count_all(&[within, &within_k]) as f64;
        (both - m * lead - m * lag + m * m * pairs) / ss
    }

    /// How many days are in every one of `sets`.
    pub fn count_all(sets: &[&DaySet]) -> u32 {
        let Some(first) = sets.first() else {
            return 0;
        };
        (0..first.words.len())
            .map(|w| {
                sets.iter()
                    .fold(u64::MAX, |acc, s| acc & s.words[w])
                    .count_ones()
            })
            .sum()
    }

    /// The days in the set, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).filter(|&i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_count_and_shift() {
        let mut a = DaySet::new(130);
        for i in [0, 63, 64, 65, 129] {
            a.set(i);
        }
        assert_eq!(a.count(), 5);
        let b = a.shifted(1);
        assert_eq!(b.iter().collect::<Vec<_>>(), [62, 63, 64, 128]);
        let c = a.shifted(-1);
        assert_eq!(c.iter().collect::<Vec<_>>(), [1, 64, 65, 66]);
        assert_eq!(DaySet::count_all(&[&a, &c]), 2);
        assert_eq!(a.and_not(&c).count(), 3);
        assert_eq!(DaySet::full(130).count(), 130);
        for by in [-130, -70, -64, -63, -1, 0, 1, 5, 63, 64, 65, 129, 200] {
            let slow: Vec<usize> = (0..130)
                .filter(|&i| {
                    let j = i as i64 + by;
                    j >= 0 && a.get(j as usize)
                })
                .collect();
            assert_eq!(a.shifted(by).iter().collect::<Vec<_>>(), slow, "{by}");
        }
    }

    #[test]
    fn autocorrelation_matches_the_series_formula() {
        // Days 0..40; `within` leaves out a few; the set has runs.
        let mut within = DaySet::full(40);
        let mut x = DaySet::new(40);
        for i in [0, 1, 2, 7, 8, 9, 10, 20, 21, 30, 33, 34, 35] {
            x.set(i);
        }
        let mut w2 = DaySet::new(40);
        for i in (0..40).filter(|i| ![5, 6, 21, 39].contains(i)) {
            w2.set(i);
        }
        within = within.and(&w2);
        let x = x.and(&within);
        let series: Vec<Option<f64>> = (0..40)
            .map(|i| within.get(i).then(|| x.get(i) as u8 as f64))
            .collect();
        let vals: Vec<f64> = series.iter().flatten().copied().collect();
        let m = vals.iter().sum::<f64>() / vals.len() as f64;
        let ss: f64 = vals.iter().map(|v| (v - m) * (v - m)).sum();
        for k in 1..5 {
            let cross: f64 = (0..40 - k)
                .filter_map(|t| Some((series[t]? - m) * (series[t + k]? - m)))
                .sum();
            let want = cross / ss;
            let got = x.autocorrelation(&within, k as i64);
            assert!((got - want).abs() < 1e-12, "k {k}: {got} vs {want}");
        }
    }
}
