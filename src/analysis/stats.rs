//! The statistics behind findings: 2×2 tables, the relative risk with its
//! confidence interval, one-sided Fisher exact tests and Benjamini–Hochberg
//! q-values. Pure numeric code; everything is computed in log space so that
//! tables of thousands of days neither overflow nor lose precision.

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

    fn ln_choose(&mut self, n: u32, k: u32) -> f64 {
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

/// The relative risk and its 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RelativeRisk {
    pub estimate: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// The relative risk with 0.5 added to each of the four cells (so empty
/// cells give finite answers), and its 95% interval by the log method:
/// exp(ln RR ± 1.96 · SE), SE = √(1/a − 1/(a+b) + 1/c − 1/(c+d)) on the
/// corrected cells.
pub fn relative_risk(t: Table) -> RelativeRisk {
    let a = t.exposed_with as f64 + 0.5;
    let b = (t.exposed - t.exposed_with) as f64 + 0.5;
    let c = t.unexposed_with as f64 + 0.5;
    let d = (t.unexposed - t.unexposed_with) as f64 + 0.5;
    let ln_rr = (a / (a + b)).ln() - (c / (c + d)).ln();
    let se = (1.0 / a - 1.0 / (a + b) + 1.0 / c - 1.0 / (c + d)).sqrt();
    const Z: f64 = 1.959_963_984_540_054;
    RelativeRisk {
        estimate: ln_rr.exp(),
        ci_low: (ln_rr - Z * se).exp(),
        ci_high: (ln_rr + Z * se).exp(),
    }
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
