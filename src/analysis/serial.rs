//! The test behind an experiment's verdict: a regression of the daily
//! rating on the condition (with or without the factor) whose errors are
//! allowed to run in streaks — an AR(1) process over the experiment's
//! days, so a bad day makes the next one likelier to be bad. Ignoring
//! those runs would make chance look like an effect; modelling them
//! (generalised least squares) keeps the verdict honest.
//!
//! Steps: the two condition means; the correlation of the days'
//! deviations from them from one day to the next (`correlation`: bias-
//! corrected, never below 0, and erring high); the days prewhitened
//! with it (gaps from unrated and washout days respected: the correlation
//! over a gap of k days is ρ^k); ordinary least squares on the result; a
//! Student t test with n − 3 degrees of freedom (two means and ρ).
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
/// Chosen so that, in the simulations of `experiment_sim`, no-effect
/// experiments are called "clearly" different at most 5% of the time for
/// lag-1 correlations up to 0.6 (README, "Experiments").
const RHO_MARGIN: f64 = 0.75;

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

/// The correlation used for runs of days: the larger of two estimates
/// from the deviations from the condition means, both corrected for
/// their small-sample bias (about −(1 + 3ρ)/n) and kept within 0…0.95:
/// the lag-1 correlation, and the AR(1) correlation whose long-run
/// variance matches that of lags 1 to 3 (Bartlett weights). Ratings
/// are whole numbers cut from a smoother daily state, so their
/// correlation fades more slowly than a pure AR(1) would; the second
/// estimate keeps the test from being fooled by that. The larger of the
/// two is then raised by `RHO_MARGIN` standard errors.
fn correlation(points: &[Point]) -> f64 {
    let mean = |with: bool| {
        let v: Vec<f64> = points
            .iter()
            .filter(|p| p.with == with)
            .map(|p| p.value)
            .collect();
        v.iter().sum::<f64>() / v.len().max(1) as f64
    };
    let (mw, mo) = (mean(true), mean(false));
    let r: Vec<(u32, f64)> = points
        .iter()
        .map(|p| (p.day, p.value - if p.with { mw } else { mo }))
        .collect();
    let var = r.iter().map(|(_, e)| e * e).sum::<f64>() / r.len() as f64;
    if var <= 0.0 {
        return 0.0;
    }
    // Lag-k autocorrelation over pairs of days k apart, bias-corrected,
    // with the number of pairs.
    let lag = |k: u32| -> Option<(f64, f64)> {
        let (mut sp, mut n) = (0.0, 0.0);
        for (i, (d, e)) in r.iter().enumerate() {
            let later = r[i + 1..].iter().take_while(|(d2, _)| *d2 <= d + k);
            if let Some((_, f)) = later.filter(|(d2, _)| *d2 == d + k).last() {
                sp += e * f;
                n += 1.0;
            }
        }
        (n >= 4.0).then(|| {
            let raw = (sp / n) / var;
            ((n * raw + 1.0) / (n - 3.0).max(1.0), n)
        })
    };
    let Some((r1, pairs)) = lag(1) else {
        return 0.0;
    };
    let long_run = 1.0
        + 2.0
            * [(1, 0.75), (2, 0.5), (3, 0.25)]
                .iter()
                .map(|&(k, w)| w * lag(k).map_or(0.0, |l| l.0))
                .sum::<f64>()
            / 0.75;
    let matched = if long_run > 1.0 {
        (long_run - 1.0) / (long_run + 1.0)
    } else {
        0.0
    };
    let base = r1.max(matched).clamp(0.0, MAX_RHO);
    (base + RHO_MARGIN * ((1.0 - base * base) / pairs).sqrt()).clamp(0.0, MAX_RHO)
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
    // Prewhitening: the first day as it is, each next one minus φ times
    // the one before, scaled, with φ = ρ^gap.
    let mut rows = Vec::with_capacity(n);
    for (i, p) in points.iter().enumerate() {
        let x = p.with as u8 as f64;
        if i == 0 {
            rows.push((1.0, x, p.value));
            continue;
        }
        let q = points[i - 1];
        let phi = rho.powi((p.day - q.day) as i32);
        let scale = 1.0 / (1.0 - phi * phi).sqrt();
        rows.push((
            (1.0 - phi) * scale,
            (x - phi * q.with as u8 as f64) * scale,
            (p.value - phi * q.value) * scale,
        ));
    }
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
}
