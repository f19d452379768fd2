//! The test behind an experiment's verdict: a regression of the daily
//! rating on the condition (with or without the factor) whose errors are
//! allowed to run in streaks — an AR(1) process over the experiment's
//! days, so a bad day makes the next one likelier to be bad. Ignoring
//! those runs would make chance look like an effect; modelling them
//! (generalised least squares) keeps the verdict honest.
//!
//! Steps: the correlation of the days from one day to the next
//! (`correlation`: the restricted maximum-likelihood (REML) estimate of
//! the AR(1) model, within 0–0.95, then raised a little so as to err
//! high); the days prewhitened with it (gaps from unrated and washout
//! days respected: the correlation over a gap of k days is ρ^k);
//! ordinary least squares on the result; a Student t test with n − 3
//! degrees of freedom (two means and ρ).
//! The interval is the estimate ± t·SE; the detectable difference is
//! (t(1−α/2) + t(0.8))·SE, found 4 times in 5.

use serde::Serialize;

/// The smallest residual variance used: ratings are whole numbers, so
/// identical days do not mean an exactly known mean (1/12 is the variance
/// of rounding).
const MIN_VARIANCE: f64 = 1.0 / 12.0;
const MAX_RHO: f64 = 0.95;
/// The correlation allowed for is the estimate plus this many of its
/// standard errors (√((1 − ρ²)/n)): with a few weeks of days the estimate
/// is rough, and too low a value would make chance look like an effect.
/// Chosen (on simulation seeds apart from the ones README reports) so
/// that, in the simulations of `experiment_sim`, no-effect experiments
/// are called "clearly" different at most 5% of the time for lag-1
/// correlations up to 0.6 (README, "Experiments").
const RHO_MARGIN: f64 = 0.5;
/// The REML estimate is the best of the correlations 0, 0.01, …, 0.95.
const RHO_STEPS: u32 = 95;

/// One compared day: its position in the experiment (days after the
/// baseline), its rating, and whether it was a day with the factor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub day: u32,
    pub value: f64,
    pub with: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SerialTest {
    /// Estimated difference (with − without) in the daily rating.
    pub difference: f64,
    pub se: f64,
    pub df: f64,
    pub p_value: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// The lag-1 correlation used.
    pub rho: f64,
    /// A difference the experiment would find 4 times in 5.
    pub detectable: f64,
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7; about 15 digits).
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..300 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// The regularised incomplete beta function I_x(a, b).
fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * beta_cf(a, b, x) / a
    } else {
        1.0 - ln_front.exp() * beta_cf(b, a, 1.0 - x) / b
    }
}

/// P(|T| ≥ |t|) for Student's t with `df` degrees of freedom.
pub fn t_two_sided(t: f64, df: f64) -> f64 {
    incomplete_beta(df / 2.0, 0.5, df / (df + t * t)).clamp(0.0, 1.0)
}

/// The t with P(T ≤ t) = `p` (p ≥ 0.5), by bisection.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    let (mut lo, mut hi) = (0.0, 1e4);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if 1.0 - t_two_sided(mid, df) / 2.0 < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

/// Least squares of y on (1, x): the slope, its variance factor
/// [(X'X)⁻¹]₂₂ and the residual sum of squares. None when x does not vary.
fn ols(rows: &[(f64, f64, f64)]) -> Option<(f64, f64, f64)> {
    // rows: (intercept column, x column, y)
    let (mut s11, mut s12, mut s22, mut s1y, mut s2y) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(a, x, y) in rows {
        s11 += a * a;
        s12 += a * x;
        s22 += x * x;
        s1y += a * y;
        s2y += x * y;
    }
    let det = s11 * s22 - s12 * s12;
    if det.abs() < 1e-12 {
        return None;
    }
    let b0 = (s22 * s1y - s12 * s2y) / det;
    let b1 = (s11 * s2y - s12 * s1y) / det;
    let rss: f64 = rows
        .iter()
        .map(|&(a, x, y)| (y - b0 * a - b1 * x).powi(2))
        .sum();
    Some((b1, s11 / det, rss))
}

/// The days prewhitened at correlation `rho`: rows (intercept column, x
/// column, y) whose errors are independent with equal variance if the
/// days' errors follow AR(1) with `rho` — the first day as it is, each
/// next one minus φ times the one before, scaled by 1/√(1 − φ²), with
/// φ = ρ^gap — and Σ ln(1 − φ²), the log-determinant of the days'
/// correlation matrix.
fn whiten(points: &[Point], rho: f64) -> (Vec<(f64, f64, f64)>, f64) {
    let mut rows = Vec::with_capacity(points.len());
    let mut log_det = 0.0;
    for (i, p) in points.iter().enumerate() {
        let x = p.with as u8 as f64;
        if i == 0 {
            rows.push((1.0, x, p.value));
            continue;
        }
        let q = points[i - 1];
        let phi = rho.powi((p.day - q.day) as i32);
        let scale = 1.0 / (1.0 - phi * phi).sqrt();
        log_det += (1.0 - phi * phi).ln();
        rows.push((
            (1.0 - phi) * scale,
            (x - phi * q.with as u8 as f64) * scale,
            (p.value - phi * q.value) * scale,
        ));
    }
    (rows, log_det)
}

/// The restricted (REML) log-likelihood of the AR(1) regression at
/// `rho`, with the variance profiled out, up to a constant:
/// −½ [(n − 2) ln(RSS/(n − 2)) + ln|R| + ln|X'R⁻¹X|]. Unlike the
/// ordinary likelihood it allows for the two means being estimated from
/// the same days, which is what biases short-series estimates of ρ
/// towards 0.
fn restricted_log_likelihood(points: &[Point], rho: f64) -> Option<f64> {
    let (rows, log_det) = whiten(points, rho);
    let (_, _, rss) = ols(&rows)?;
    let (mut s11, mut s22, mut s12) = (0.0, 0.0, 0.0);
    for &(a, x, _) in &rows {
        s11 += a * a;
        s22 += x * x;
        s12 += a * x;
    }
    let det = s11 * s22 - s12 * s12;
    let n = points.len() as f64;
    let s2 = (rss / (n - 2.0)).max(1e-12);
    Some(-0.5 * ((n - 2.0) * s2.ln() + log_det + det.ln()))
}

/// The REML estimate of the days' lag-1 correlation: the ρ in 0…0.95
/// (steps of 0.01) that maximises `restricted_log_likelihood`.
pub fn reml_rho(points: &[Point]) -> f64 {
    let mut best = (f64::NEG_INFINITY, 0.0);
    for k in 0..=RHO_STEPS {
        let rho = MAX_RHO * f64::from(k) / f64::from(RHO_STEPS);
        if let Some(l) = restricted_log_likelihood(points, rho) {
            if l > best.0 {
                best = (l, rho);
            }
        }
    }
    best.1
}

/// The correlation used for runs of days: the REML estimate raised by
/// `RHO_MARGIN` of its standard error, √((1 − ρ²)/n), within 0…0.95.
fn correlation(points: &[Point]) -> f64 {
    let base = reml_rho(points);
    let n = points.len().max(1) as f64;
    (base + RHO_MARGIN * ((1.0 - base * base) / n).sqrt()).clamp(0.0, MAX_RHO)
}

/// Runs the test over the compared days, sorted by day, at level `alpha`.
/// None with fewer than 2 days in either condition.
pub fn test(points: &[Point], alpha: f64) -> Option<SerialTest> {
    fit(points, correlation(points), alpha)
}

/// The regression for a given correlation `rho`.
fn fit(points: &[Point], rho: f64, alpha: f64) -> Option<SerialTest> {
    let nw = points.iter().filter(|p| p.with).count();
    let n = points.len();
    if nw < 2 || n - nw < 2 {
        return None;
    }
    let (rows, _) = whiten(points, rho);
    let (difference, factor, rss) = ols(&rows)?;
    let s2 = (rss / (n as f64 - 2.0)).max(MIN_VARIANCE);
    let se = (s2 * factor).sqrt();
    let df = (n as f64 - 3.0).max(1.0);
    let p_value = t_two_sided(difference / se, df);
    let q = t_quantile(1.0 - alpha / 2.0, df);
    Some(SerialTest {
        difference,
        se,
        df,
        p_value,
        ci_low: difference - q * se,
        ci_high: difference + q * se,
        rho,
        detectable: (q + t_quantile(0.8, df)) * se,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_t_distribution_matches_tables() {
        // R: 2 * pt(-2, 10) = 0.07338803; qt(0.975, 10) = 2.228139;
        // qt(0.975, 30) = 2.042272; 2 * pt(-3.5, 4) = 0.02489...
        assert!((t_two_sided(2.0, 10.0) - 0.073_388_03).abs() < 1e-7);
        assert!((t_quantile(0.975, 10.0) - 2.228_139).abs() < 1e-5);
        assert!((t_quantile(0.975, 30.0) - 2.042_272).abs() < 1e-5);
        assert!((t_two_sided(3.5, 4.0) - 0.024_896_7).abs() < 1e-5);
        assert!((t_two_sided(0.0, 7.0) - 1.0).abs() < 1e-12);
    }

    fn points(values: &[(f64, bool)]) -> Vec<Point> {
        values
            .iter()
            .enumerate()
            .map(|(i, &(value, with))| Point {
                day: i as u32,
                value,
                with,
            })
            .collect()
    }

    #[test]
    fn without_runs_it_is_the_two_sample_t_test() {
        // With ρ = 0, OLS on (1, x) is the pooled two-sample t test. By
        // hand: means 13/6 and 1/3; sums of squares 17/6 and 4/3, pooled
        // variance (25/6)/10 = 5/12; SE = √(5/12 · (1/6 + 1/6)) = 0.372678;
        // t = (11/6)/0.372678 = 4.919350.
        let with = [2.0, 3.0, 1.0, 2.0, 3.0, 2.0];
        let without = [0.0, 1.0, 0.0, 1.0, 0.0, 0.0];
        let v: Vec<(f64, bool)> = with
            .iter()
            .zip(&without)
            .flat_map(|(&w, &o)| [(w, true), (o, false)])
            .collect();
        let r = fit(&points(&v), 0.0, 0.05).unwrap();
        assert!((r.difference - 1.8333333).abs() < 1e-6);
        // Same estimate and SE as the pooled t test; one df fewer for ρ.
        assert!((r.se - 0.372_678).abs() < 1e-6, "{r:?}");
        assert!((r.difference / r.se - 4.919_350).abs() < 1e-5, "{r:?}");
        assert!((r.p_value - t_two_sided(4.919_35, 9.0)).abs() < 1e-8);
        assert_eq!(r.df, 9.0);
        assert!(r.ci_low > 0.0 && r.p_value < 0.01);
    }

    #[test]
    fn runs_widen_the_interval() {
        // The same twenty values, in two long runs or alternating.
        let mut v = vec![(0.0, false); 10];
        v.extend(vec![(1.0, true); 10]);
        v[3].0 = 1.0;
        v[4].0 = 1.0;
        v[15].0 = 0.0;
        let runs = test(&points(&v), 0.05).unwrap();
        let alt: Vec<(f64, bool)> = (0..10).flat_map(|i| [v[i], v[10 + i]]).collect();
        let apart = test(&points(&alt), 0.05).unwrap();
        assert!(runs.rho > 0.3, "{runs:?}");
        assert!(runs.ci_high - runs.ci_low > apart.ci_high - apart.ci_low);
    }

    /// Days 0, 1, … of a Gaussian AR(1) series with correlation `rho`,
    /// split into alternating blocks of 10 with and without.
    fn ar1_series(rho: f64, n: u32, seed: u64) -> Vec<Point> {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut normal = || {
            let (u1, u2) = (rng.f64().max(1e-300), rng.f64());
            (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
        };
        let mut z = normal();
        (0..n)
            .map(|day| {
                z = rho * z + (1.0 - rho * rho).sqrt() * normal();
                Point {
                    day,
                    value: z,
                    with: (day / 10) % 2 == 1,
                }
            })
            .collect()
    }

    #[test]
    fn reml_finds_the_correlation_of_a_long_series() {
        for rho in [0.0, 0.3, 0.6] {
            let got = reml_rho(&ar1_series(rho, 4000, 7));
            assert!((got - rho).abs() < 0.04, "rho {rho}: estimated {got}");
        }
        // Gaps (unrated and washout days) count as ρ^gap, not as ρ.
        let gappy: Vec<Point> = ar1_series(0.6, 6000, 8)
            .into_iter()
            .filter(|p| p.day % 3 != 1)
            .collect();
        let got = reml_rho(&gappy);
        assert!((got - 0.6).abs() < 0.04, "with gaps: {got}");
    }

    #[test]
    fn reml_is_nearly_unbiased_in_six_weeks_where_the_lag_one_estimate_is_not() {
        // 32 days of ρ = 0.5: the plain lag-1 autocorrelation of the
        // deviations from the two means averages well below 0.5 (about
        // −(1 + 3ρ)/n too low, and more for the means); REML much less.
        let (mut reml, mut lag1) = (0.0, 0.0);
        let runs = 400;
        for seed in 0..runs {
            let pts = ar1_series(0.5, 32, 100 + seed);
            reml += reml_rho(&pts);
            let mean = |w: bool| {
                let v: Vec<f64> = pts
                    .iter()
                    .filter(|p| p.with == w)
                    .map(|p| p.value)
                    .collect();
                v.iter().sum::<f64>() / v.len() as f64
            };
            let (mw, mo) = (mean(true), mean(false));
            let r: Vec<f64> = pts
                .iter()
                .map(|p| p.value - if p.with { mw } else { mo })
                .collect();
            let var: f64 = r.iter().map(|e| e * e).sum();
            lag1 += r.windows(2).map(|w| w[0] * w[1]).sum::<f64>() / var;
        }
        let (reml, lag1) = (reml / runs as f64, lag1 / runs as f64);
        assert!((reml - 0.5).abs() < 0.06, "REML averages {reml}");
        assert!(lag1 < 0.42, "lag-1 averages {lag1}");
    }

    #[test]
    fn the_correlation_allowed_for_errs_high_by_half_a_standard_error() {
        let pts = ar1_series(0.3, 40, 3);
        let base = reml_rho(&pts);
        let used = correlation(&pts);
        let expected = base + 0.5 * ((1.0 - base * base) / 40.0).sqrt();
        assert!(
            (used - expected.min(MAX_RHO)).abs() < 1e-12,
            "{base} {used}"
        );
        assert!(used > base);
    }
}
