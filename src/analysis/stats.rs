//! The statistics behind findings: 2×2 tables, relative risks (crude and
//! Mantel–Haenszel) with confidence intervals, one-sided Fisher and
//! stratified exact tests, the normal tail and its inverse, the correction
//! for runs of days, Tarone's count of testable hypotheses and
//! Benjamini–Hochberg q-values. Pure numeric code; probabilities are
//! computed in log space so that tables of thousands of days neither
//! overflow nor lose precision.

use serde::Serialize;

/// A 2×2 table of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Table {
    /// Exposed days with the symptom.
    pub exposed_with: u32,
    /// Exposed days in all.
    pub exposed: u32,
    /// Unexposed days with the symptom.
    pub unexposed_with: u32,
    /// Unexposed days in all.
    pub unexposed: u32,
}

impl Table {
    pub fn new(exposed_with: u32, exposed: u32, unexposed_with: u32, unexposed: u32) -> Table {
        assert!(exposed_with <= exposed && unexposed_with <= unexposed);
        Table {
            exposed_with,
            exposed,
            unexposed_with,
            unexposed,
        }
    }
}

/// phi, the correlation of two yes/no series, from the count of days with
/// both (`both`), with the first (`a`), with the second (`b`) and in all
/// (`n`): 1 when they come and go together, −1 when one is the other's
/// absence, 0 when unrelated or when either never varies.
pub fn phi(both: u32, a: u32, b: u32, n: u32) -> f64 {
    let (both, a, b, n) = (both as f64, a as f64, b as f64, n as f64);
    let den = a * (n - a) * b * (n - b);
    if den <= 0.0 {
        return 0.0;
    }
    (n * both - a * b) / den.sqrt()
}

/// ln(n!) by summing logarithms: exact enough (relative error ~1e-15 per
/// term) and cheap for the table sizes a diary produces.
#[derive(Debug, Clone, Default)]
pub struct LogFactorials(Vec<f64>);

impl LogFactorials {
    pub fn new() -> Self {
        LogFactorials(vec![0.0])
    }

    pub fn get(&mut self, n: u32) -> f64 {
        let n = n as usize;
        while self.0.len() <= n {
            let k = self.0.len();
            let prev = self.0[k - 1];
            self.0.push(prev + (k as f64).ln());
        }
        self.0[n]
    }

    pub fn ln_choose(&mut self, n: u32, k: u32) -> f64 {
        self.get(n) - self.get(k) - self.get(n - k)
    }
}

/// ln of a sum of exponentials, without overflow.
fn log_sum_exp(terms: &[f64]) -> f64 {
    let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln()
}

/// One-sided Fisher exact p-values for a table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FisherP {
    /// P(exposed_with ≥ observed): the symptom is more common when exposed.
    pub greater: f64,
    /// P(exposed_with ≤ observed): the symptom is less common when exposed.
    pub less: f64,
}

/// Fisher's exact test, both one-sided alternatives. With the margins
/// fixed, the count of exposed days with the symptom follows a
/// hypergeometric distribution; each p is a tail sum of its probabilities.
pub fn fisher(t: Table, lf: &mut LogFactorials) -> FisherP {
    let n = t.exposed + t.unexposed; // all days
    let k = t.exposed_with + t.unexposed_with; // days with the symptom
    let m = t.exposed; // exposed days
    let lo = k.saturating_sub(n - m);
    let hi = k.min(m);
    let ln_total = lf.ln_choose(n, m);
    let mut log_p = |x: u32| lf.ln_choose(k, x) + lf.ln_choose(n - k, m - x) - ln_total;
    let a = t.exposed_with;
    let upper: Vec<f64> = (a..=hi).map(&mut log_p).collect();
    let lower: Vec<f64> = (lo..=a).map(&mut log_p).collect();
    FisherP {
        greater: log_sum_exp(&upper).exp().min(1.0),
        less: log_sum_exp(&lower).exp().min(1.0),
    }
}

/// The two-sided 95% normal quantile, Φ⁻¹(0.975).
pub const Z95: f64 = 1.959_963_984_540_054;

/// A relative risk and its 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RelativeRisk {
    pub estimate: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// A count was zero, so 0.5 was added to every cell to get a finite
    /// ratio: the estimate is rough and says so.
    pub from_empty_cell: bool,
}

/// The relative risk (share of exposed days with the symptom ÷ share of
/// unexposed days with it) and its 95% interval by the log method:
/// exp(ln RR ± 1.959964 · SE · √inflation), SE = √(1/a − 1/(a+b) + 1/c −
/// 1/(c+d)). Only when a cell is empty is 0.5 added to each of the four
/// cells (so the ratio is finite), and `from_empty_cell` says so.
/// `inflation` ≥ 1 widens the interval for runs of days (1 = none).
pub fn relative_risk(t: Table, inflation: f64) -> RelativeRisk {
    let (a, b, c, d) = (
        t.exposed_with,
        t.exposed - t.exposed_with,
        t.unexposed_with,
        t.unexposed - t.unexposed_with,
    );
    let empty = a == 0 || b == 0 || c == 0 || d == 0;
    let fix = if empty { 0.5 } else { 0.0 };
    let (a, b, c, d) = (
        a as f64 + fix,
        b as f64 + fix,
        c as f64 + fix,
        d as f64 + fix,
    );
    let ln_rr = (a / (a + b)).ln() - (c / (c + d)).ln();
    let se = (1.0 / a - 1.0 / (a + b) + 1.0 / c - 1.0 / (c + d)).sqrt() * inflation.sqrt();
    RelativeRisk {
        estimate: ln_rr.exp(),
        ci_low: (ln_rr - Z95 * se).exp(),
        ci_high: (ln_rr + Z95 * se).exp(),
        from_empty_cell: empty,
    }
}

/// The Mantel–Haenszel relative risk over strata (each a 2×2 table), with
/// the Greenland–Robins variance of its logarithm:
/// RR = Σ aᵢ·n0ᵢ/Nᵢ ÷ Σ cᵢ·n1ᵢ/Nᵢ,
/// Var ln RR = Σ (n1ᵢ·n0ᵢ·(aᵢ+cᵢ) − aᵢ·cᵢ·Nᵢ)/Nᵢ² ÷ (Σ aᵢ·n0ᵢ/Nᵢ · Σ cᵢ·n1ᵢ/Nᵢ).
/// When either sum is zero, 0.5 is added to every cell of the strata that
/// have both exposed and unexposed days, and `from_empty_cell` says so.
/// None when no stratum has both.
pub fn mantel_haenszel(strata: &[Table], inflation: f64) -> Option<RelativeRisk> {
    let useful: Vec<&Table> = strata
        .iter()
        .filter(|t| t.exposed > 0 && t.unexposed > 0)
        .collect();
    if useful.is_empty() {
        return None;
    }
    let sums = |fix: f64| {
        let (mut r, mut s, mut v) = (0.0, 0.0, 0.0);
        for t in &useful {
            let a = t.exposed_with as f64 + fix;
            let n1 = t.exposed as f64 + 2.0 * fix;
            let c = t.unexposed_with as f64 + fix;
            let n0 = t.unexposed as f64 + 2.0 * fix;
            let n = n1 + n0;
            r += a * n0 / n;
            s += c * n1 / n;
            v += (n1 * n0 * (a + c) - a * c * n) / (n * n);
        }
        (r, s, v)
    };
    let (mut r, mut s, mut v) = sums(0.0);
    let empty = r == 0.0 || s == 0.0;
    if empty {
        (r, s, v) = sums(0.5);
    }
    let ln_rr = (r / s).ln();
    let se = (v / (r * s)).max(0.0).sqrt() * inflation.sqrt();
    Some(RelativeRisk {
        estimate: ln_rr.exp(),
        ci_low: (ln_rr - Z95 * se).exp(),
        ci_high: (ln_rr + Z95 * se).exp(),
        from_empty_cell: empty,
    })
}

/// P(Z > z) for a standard normal Z, accurate to a few ulps far into the
/// tail (through libm's erfc).
pub fn normal_sf(z: f64) -> f64 {
    0.5 * libm::erfc(z / std::f64::consts::SQRT_2)
}

/// The z with P(Z > z) = p: Acklam's rational approximation refined by one
/// Halley step on `normal_sf`, so it is accurate to about 1e-15 relative.
/// ±infinity at p = 0 and p = 1.
pub fn normal_isf(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::INFINITY;
    }
    if p >= 1.0 {
        return f64::NEG_INFINITY;
    }
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    // Acklam approximates the lower quantile x with Φ(x) = q.
    let q = p; // Φ(x) = p for x = −z
    let tail = |q: f64| {
        let r = (-2.0 * q.ln()).sqrt();
        (((((C[0] * r + C[1]) * r + C[2]) * r + C[3]) * r + C[4]) * r + C[5])
            / ((((D[0] * r + D[1]) * r + D[2]) * r + D[3]) * r + 1.0)
    };
    let x = if q < 0.02425 {
        tail(q)
    } else if q > 1.0 - 0.02425 {
        -tail(1.0 - q)
    } else {
        let u = q - 0.5;
        let r = u * u;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * u
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    };
    let mut z = -x;
    // Halley's step on f(z) = sf(z) − p, f' = −φ(z), f'' = z·φ(z).
    let density = (-z * z / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    if density > 0.0 {
        let u = (normal_sf(z) - p) / density;
        z += u / (1.0 - z * u / 2.0);
    }
    z
}

/// A one-sided p-value with its evidence shrunk for runs of days: the
/// normal score of `p` divided by √inflation (inflation ≥ 1; 1 leaves p
/// unchanged). Equivalent to counting the days as `n / inflation`
/// independent ones.
pub fn shrink_p(p: f64, inflation: f64) -> f64 {
    if inflation <= 1.0 {
        return p;
    }
    normal_sf(normal_isf(p) / inflation.sqrt())
}

/// How much runs of days inflate the variance of a comparison of two day
/// series (Bartlett's formula for a cross-correlation): 1 + 2·Σₖ rx(k)·ry(k),
/// where rx(k) and ry(k) are each series' correlation with itself k days
/// later (k = 1, 2, …). Never below 1: the correction only weakens evidence.
pub fn runs_inflation(rx: &[f64], ry: &[f64]) -> f64 {
    let sum: f64 = rx.iter().zip(ry).map(|(a, b)| a * b).sum();
    (1.0 + 2.0 * sum).max(1.0)
}

/// One-sided p-values of a stratified 2×2 comparison, and the smallest
/// p-value each side could have reached with the same margins.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tails {
    /// P(T ≥ observed), T = exposed days with the symptom over all strata.
    pub greater: f64,
    /// P(T ≤ observed).
    pub less: f64,
    /// The mid-p versions: P(T > observed) + ½·P(T = observed), and the
    /// same below. Less conservative than the exact tails on small tables.
    pub greater_mid: f64,
    pub less_mid: f64,
    /// P(T = its largest possible value): the best `greater` could be.
    pub min_greater: f64,
    /// P(T = its smallest possible value).
    pub min_less: f64,
}

/// A stratum's hypergeometric distribution, kept where it is within
/// e^-TRUNCATE of its mode, scaled so the mode is 1.
struct Pmf {
    lo: u32,
    values: Vec<f64>,
    ln_scale: f64,
}

/// Probabilities below e^-50 (about 2e-22) of a stratum's mode are left
/// out of the convolution; their total is far below any p-value shown.
const TRUNCATE: f64 = 50.0;

/// A stratum's hypergeometric distribution near its mode: the mode's
/// probability from log-factorials, its neighbours by the ratio of
/// successive terms, until they fall below e^-TRUNCATE of the mode.
fn pmf(t: &Table, lf: &mut LogFactorials) -> Pmf {
    let (n, k, m) = (
        (t.exposed + t.unexposed) as f64,
        (t.exposed_with + t.unexposed_with) as f64,
        t.exposed as f64,
    );
    let lo = (k - (n - m)).max(0.0);
    let hi = k.min(m);
    let mode = (((k + 1.0) * (m + 1.0) / (n + 2.0)).floor()).clamp(lo, hi);
    let ln_mode = lf.ln_choose(k as u32, mode as u32)
        + lf.ln_choose((n - k) as u32, (m - mode) as u32)
        - lf.ln_choose(n as u32, m as u32);
    let floor = (-TRUNCATE).exp();
    // p(x+1)/p(x) = (k−x)(m−x) / ((x+1)(n−k−m+x+1))
    let mut up = Vec::new();
    let (mut x, mut v) = (mode, 1.0);
    while x < hi {
        v *= (k - x) * (m - x) / ((x + 1.0) * (n - k - m + x + 1.0));
        if v < floor {
            break;
        }
        up.push(v);
        x += 1.0;
    }
    let mut down = Vec::new();
    let (mut x, mut v) = (mode, 1.0);
    while x > lo {
        v *= x * (n - k - m + x) / ((k - x + 1.0) * (m - x + 1.0));
        if v < floor {
            break;
        }
        down.push(v);
        x -= 1.0;
    }
    let first = mode as u32 - down.len() as u32;
    let mut values: Vec<f64> = down.into_iter().rev().collect();
    values.push(1.0);
    values.extend(up);
    Pmf {
        lo: first,
        values,
        ln_scale: ln_mode,
    }
}

/// ln P(X = x) for a stratum's hypergeometric count.
fn ln_hypergeometric(t: &Table, x: u32, lf: &mut LogFactorials) -> f64 {
    let n = t.exposed + t.unexposed;
    let k = t.exposed_with + t.unexposed_with;
    let m = t.exposed;
    lf.ln_choose(k, x) + lf.ln_choose(n - k, m - x) - lf.ln_choose(n, m)
}

fn convolve(a: &Pmf, b: &Pmf) -> Pmf {
    let mut values = vec![0.0; a.values.len() + b.values.len() - 1];
    for (i, x) in a.values.iter().enumerate() {
        for (j, y) in b.values.iter().enumerate() {
            values[i + j] += x * y;
        }
    }
    let top = values.iter().copied().fold(0.0, f64::max);
    values.iter_mut().for_each(|v| *v /= top);
    Pmf {
        lo: a.lo + b.lo,
        values,
        ln_scale: a.ln_scale + b.ln_scale + top.ln(),
    }
}

/// Does a stratum carry information: both exposed and unexposed days, and
/// days with and without the symptom?
fn informative(t: &Table) -> bool {
    let k = t.exposed_with + t.unexposed_with;
    t.exposed > 0 && t.unexposed > 0 && k > 0 && k < t.exposed + t.unexposed
}

/// The normal approximation to the stratified test (the Cochran–Mantel–
/// Haenszel score with a continuity correction of 0.5): one-sided
/// p-values. Cheap; used to skip exact work where p is far from any bar.
pub fn stratified_normal(strata: &[Table]) -> (f64, f64) {
    let (mut obs, mut mean, mut var) = (0.0, 0.0, 0.0);
    for t in strata.iter().filter(|t| informative(t)) {
        let n = (t.exposed + t.unexposed) as f64;
        let k = (t.exposed_with + t.unexposed_with) as f64;
        let (n1, n0) = (t.exposed as f64, t.unexposed as f64);
        obs += t.exposed_with as f64;
        mean += n1 * k / n;
        var += n1 * n0 * k * (n - k) / (n * n * (n - 1.0));
    }
    if var <= 0.0 {
        return (1.0, 1.0);
    }
    let sd = var.sqrt();
    (
        normal_sf((obs - mean - 0.5) / sd).min(1.0),
        normal_sf((mean - obs - 0.5) / sd).min(1.0),
    )
}

/// The exact stratified test (Mantel–Haenszel's exact conditional test, R's
/// `mantelhaen.test(exact = TRUE)` one-sided): with every stratum's margins
/// fixed, T = Σ exposed days with the symptom is a sum of independent
/// hypergeometric counts; its distribution is their convolution, and each
/// p is a tail of it. One stratum gives Fisher's exact test.
pub fn stratified_exact(strata: &[Table], lf: &mut LogFactorials) -> Tails {
    let mut pmfs = Vec::new();
    let (mut observed, mut ln_min_g, mut ln_min_l) = (0u32, 0.0, 0.0);
    for t in strata.iter().filter(|t| informative(t)) {
        let k = t.exposed_with + t.unexposed_with;
        observed += t.exposed_with;
        ln_min_g += ln_hypergeometric(t, k.min(t.exposed), lf);
        ln_min_l += ln_hypergeometric(t, k.saturating_sub(t.unexposed), lf);
        pmfs.push(pmf(t, lf));
    }
    let Some(last) = pmfs.pop() else {
        return Tails {
            greater: 1.0,
            less: 1.0,
            greater_mid: 1.0,
            less_mid: 1.0,
            min_greater: 1.0,
            min_less: 1.0,
        };
    };
    // All strata but the last convolved; the last enters through its
    // cumulative sums, so two strata cost one pass, not a product.
    let rest = pmfs
        .into_iter()
        .reduce(|acc, p| convolve(&acc, &p))
        .unwrap_or(Pmf {
            lo: 0,
            values: vec![1.0],
            ln_scale: 0.0,
        });
    let n = last.values.len();
    let mut below = vec![0.0; n + 1]; // below[j] = Σ values[..j]
    for (j, v) in last.values.iter().enumerate() {
        below[j + 1] = below[j] + v;
    }
    let total_last = below[n];
    let (mut upper, mut lower, mut at, mut sum) = (0.0, 0.0, 0.0, 0.0);
    for (i, &r) in rest.values.iter().enumerate() {
        sum += r * total_last;
        // The last stratum's count that makes T = observed.
        let need = observed as i64 - (rest.lo as i64 + i as i64) - last.lo as i64;
        let j = need.clamp(0, n as i64) as usize;
        let k = (need + 1).clamp(0, n as i64) as usize;
        upper += r * (total_last - below[j]);
        lower += r * below[k];
        if (0..n as i64).contains(&need) {
            at += r * last.values[need as usize];
        }
    }
    let (greater, less, at) = if upper <= 0.0 {
        (stratified_normal(strata).0.min(1e-22), 1.0, 0.0)
    } else if lower <= 0.0 {
        (1.0, stratified_normal(strata).1.min(1e-22), 0.0)
    } else {
        ((upper / sum).min(1.0), (lower / sum).min(1.0), at / sum)
    };
    Tails {
        greater,
        less,
        greater_mid: greater - at / 2.0,
        less_mid: less - at / 2.0,
        min_greater: ln_min_g.exp().min(1.0),
        min_less: ln_min_l.exp().min(1.0),
    }
}

/// The smallest one-sided p-values a stratified table could reach with
/// its margins: (all symptom days on the exposed side as far as the
/// margins allow, the opposite). The product over strata of each
/// stratum's extreme hypergeometric probability.
pub fn reachable(strata: &[Table], lf: &mut LogFactorials) -> (f64, f64) {
    let (mut g, mut l) = (0.0, 0.0);
    for t in strata.iter().filter(|t| informative(t)) {
        let k = t.exposed_with + t.unexposed_with;
        g += ln_hypergeometric(t, k.min(t.exposed), lf);
        l += ln_hypergeometric(t, k.saturating_sub(t.unexposed), lf);
    }
    (g.exp().min(1.0), l.exp().min(1.0))
}

/// Tarone's count of the hypotheses that could reach significance: the
/// smallest K with #{i : p_min(i) ≤ alpha/K} ≤ K. A hypothesis whose
/// smallest reachable p is above alpha/K can never be a discovery, so it
/// is left out of the multiple-comparison count (Tarone 1990; with
/// Benjamini–Hochberg, Gilbert 2005). Returns K.
pub fn tarone(p_min: &[f64], alpha: f64) -> usize {
    let mut sorted: Vec<f64> = p_min.to_vec();
    sorted.sort_by(f64::total_cmp);
    let count = |k: usize| sorted.partition_point(|&p| p <= alpha / k as f64);
    (1..=sorted.len().max(1))
        .find(|&k| count(k) <= k)
        .unwrap_or(sorted.len().max(1))
}

/// Benjamini–Hochberg adjusted p-values (q-values), in the input order:
/// q(i) = min over j with p(j) ≥ p(i) of p(j)·m / rank(j), capped at 1.
/// The same as R's `p.adjust(p, method = "BH")`.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| p[j].total_cmp(&p[i])); // largest first
    let mut q = vec![0.0; m];
    let mut running = 1.0_f64;
    for (pos, &i) in order.iter().enumerate() {
        let rank = m - pos;
        running = running.min(p[i] * m as f64 / rank as f64);
        q[i] = running;
    }
    q
}

/// Weighted Benjamini–Hochberg (Genovese, Roeder & Wasserman 2006): the
/// weights are scaled to a mean of 1, each p is divided by its weight, and
/// the quotients get ordinary q-values. A comparison with weight 2 needs
/// half the evidence; the false-discovery bound is unchanged.
pub fn weighted_benjamini_hochberg(p: &[f64], w: &[f64]) -> Vec<f64> {
    let mean = w.iter().sum::<f64>() / w.len().max(1) as f64;
    let scaled: Vec<f64> = p.iter().zip(w).map(|(p, w)| p / (w / mean)).collect();
    benjamini_hochberg(&scaled)
}
