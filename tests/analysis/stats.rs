//! The statistics against reference values computed independently.

// Reference values are pasted at the full precision they were printed with.
#![allow(clippy::excessive_precision)]

use gutlog::analysis::stats::{
    benjamini_hochberg, fisher, mantel_haenszel, normal_isf, normal_sf, phi, reachable,
    relative_risk, runs_inflation, shrink_p, stratified_exact, tarone, weighted_benjamini_hochberg,
    LogFactorials, Table,
};

fn close(got: f64, want: f64, rel: f64) {
    assert!(
        (got - want).abs() <= rel * want.abs().max(1e-300),
        "got {got:e}, want {want:e}"
    );
}

// Reference p-values: exact rationals from the hypergeometric tail sums,
// computed independently with Python 3 (`fractions.Fraction` and
// `math.comb`, no floating point until the final conversion). The first
// row is also R's classic example: fisher.test(matrix(c(3,1,1,3), 2),
// alternative = "greater") gives p = 0.2429 (= 17/70).
#[test]
fn fisher_matches_exact_reference_values() {
    type Case = ((u32, u32, u32, u32), f64, f64);
    let cases: &[Case] = &[
        (
            (3, 4, 1, 4),
            0.242_857_142_857_142_85,
            0.985_714_285_714_285_8,
        ),
        (
            (5, 6, 3, 20),
            0.004_499_847_978_108_847_8,
            0.999_878_382_487_078_2,
        ),
        (
            (25, 36, 2, 15),
            0.000_291_785_112_146_922_9,
            0.999_982_983_084_804_2,
        ),
        ((0, 10, 5, 10), 1.0, 0.016_253_869_969_040_248),
        ((300, 1000, 200, 2000), 2.403_058_527_108_589_5e-41, 1.0),
        ((40, 60, 20, 600), 4.135_323_340_868_497_6e-34, 1.0),
        ((2, 3000, 1, 3000), 0.5, 0.875_062_510_418_403_1),
    ];
    let mut lf = LogFactorials::new();
    for &((a, n1, c, n0), greater, less) in cases {
        let p = fisher(Table::new(a, n1, c, n0), &mut lf);
        close(p.greater, greater, 1e-9);
        close(p.less, less, 1e-9);
    }
}

#[test]
fn fisher_tails_are_probabilities_on_degenerate_tables() {
    let mut lf = LogFactorials::new();
    for t in [
        Table::new(0, 4, 0, 4),
        Table::new(4, 4, 4, 4),
        Table::new(0, 0, 3, 9),
    ] {
        let p = fisher(t, &mut lf);
        close(p.greater, 1.0, 1e-12);
        close(p.less, 1.0, 1e-12);
    }
}

// Reference values from the formula done by hand in Python 3 floats
// (math.log/exp/sqrt; z from statistics.NormalDist().inv_cdf(0.975)):
// RR = a/n1 ÷ c/n0, or with 0.5 added to every cell when one is zero;
// CI = exp(ln RR ± z·SE·√inflation).

#[test]
fn relative_risk_is_plain_unless_a_cell_is_empty() {
    type Case = ((u32, u32, u32, u32), f64, f64, f64, f64, bool);
    let cases: &[Case] = &[
        (
            (5, 6, 3, 20),
            1.0,
            5.555_555_555_555_555,
            1.843_867_162_290_085_7,
            16.738_840_065_100_36,
            false,
        ),
        (
            (25, 36, 2, 15),
            1.0,
            5.208_333_333_333_332,
            1.407_739_134_551_367_2,
            19.269_717_979_216_455,
            false,
        ),
        // Runs of days widen the interval by √inflation.
        (
            (25, 36, 2, 15),
            2.0,
            5.208_333_333_333_332,
            0.818_796_043_969_666_3,
            33.130_028_303_014_2,
            false,
        ),
        (
            (0, 10, 5, 10),
            1.0,
            0.090_909_090_909_090_94,
            0.005_686_257_833_282_948,
            1.453_409_791_153_612_1,
            true,
        ),
        (
            (12, 12, 3, 30),
            1.0,
            8.516_483_516_483_518,
            3.155_980_999_991_575_8,
            22.981_916_395_164_944,
            true,
        ),
    ];
    for &((a, n1, c, n0), inflation, est, lo, hi, empty) in cases {
        let rr = relative_risk(Table::new(a, n1, c, n0), inflation);
        close(rr.estimate, est, 1e-12);
        close(rr.ci_low, lo, 1e-12);
        close(rr.ci_high, hi, 1e-12);
        assert_eq!(rr.from_empty_cell, empty, "{a}/{n1} vs {c}/{n0}");
    }
}

// Mantel–Haenszel RR with the Greenland–Robins variance, by hand in Python.
#[test]
fn mantel_haenszel_matches_the_greenland_robins_formula() {
    let t = |a, n1, c, n0| Table::new(a, n1, c, n0);
    let rr = mantel_haenszel(&[t(8, 10, 9, 12), t(2, 10, 5, 30)], 1.0).unwrap();
    close(rr.estimate, 1.097_872_340_425_532, 1e-12);
    close(rr.ci_low, 0.668_642_728_828_441_6, 1e-12);
    close(rr.ci_high, 1.802_642_313_905_567_8, 1e-12);
    assert!(!rr.from_empty_cell);
    let rr = mantel_haenszel(&[t(3, 5, 1, 4), t(6, 9, 2, 10), t(0, 3, 1, 6)], 1.5).unwrap();
    close(rr.estimate, 2.445_859_872_611_465, 1e-12);
    close(rr.ci_low, 0.700_140_404_494_553_8, 1e-12);
    close(rr.ci_high, 8.544_329_791_636_107, 1e-12);
    // No exposed day had the symptom: 0.5 added to every cell.
    let rr = mantel_haenszel(&[t(0, 5, 3, 4), t(0, 6, 2, 10)], 1.0).unwrap();
    close(rr.estimate, 0.184_925_503_943_908_86, 1e-12);
    close(rr.ci_low, 0.027_060_428_208_621_163, 1e-12);
    close(rr.ci_high, 1.263_743_564_782_678, 1e-12);
    assert!(rr.from_empty_cell);
    // A stratum with only exposed days says nothing.
    assert!(mantel_haenszel(&[t(3, 5, 0, 0)], 1.0).is_none());
}

// Reference p-values of the stratified exact test: the convolution of the
// strata's hypergeometric distributions in exact rationals (Python 3
// `fractions.Fraction`, `math.comb`); the same definition as R's
// mantelhaen.test(exact = TRUE) one-sided. Mid-p = P(T > t) + P(T = t)/2.
#[test]
fn stratified_exact_matches_the_exact_convolution() {
    let t = |a, n1, c, n0| Table::new(a, n1, c, n0);
    type Case = (Vec<Table>, [f64; 6]);
    let cases: Vec<Case> = vec![
        (
            vec![t(8, 10, 9, 12), t(2, 10, 5, 30)],
            [
                0.486_383_829_629_715_2,
                0.763_560_463_291_602_3,
                0.361_411_683_169_056_5,
                0.638_588_316_830_943_5,
                1.935_801_186_249_287_8e-7,
                0.001_044_936_681_241_064_4,
            ],
        ),
        (
            vec![t(3, 5, 1, 4), t(6, 9, 2, 10), t(0, 3, 1, 6)],
            [
                0.063_877_642_825_011_25,
                0.987_514_348_969_457_3,
                0.038_181_646_927_776_96,
                0.961_818_353_072_223_1,
                1.575_078_974_459_779_4e-6,
                3.150_157_948_919_558_7e-6,
            ],
        ),
        // One stratum: Fisher's exact test (R's classic 17/70).
        (
            vec![t(3, 4, 1, 4)],
            [
                0.242_857_142_857_142_85,
                0.985_714_285_714_285_8,
                0.128_571_428_571_428_56,
                0.871_428_571_428_571_4,
                0.014_285_714_285_714_285,
                0.014_285_714_285_714_285,
            ],
        ),
        (
            vec![t(20, 40, 10, 60), t(15, 30, 20, 80), t(5, 5, 0, 10)],
            [
                3.873_942_697_163_562e-7,
                0.999_999_922_605_271_3,
                2.323_944_992_042_436_7e-7,
                0.999_999_767_605_500_8,
                3.728_975_791_883_013e-42,
                3.157_703_180_918_795_7e-16,
            ],
        ),
    ];
    let mut lf = LogFactorials::new();
    for (strata, [g, l, gm, lm, ming, minl]) in cases {
        let p = stratified_exact(&strata, &mut lf);
        close(p.greater, g, 1e-9);
        close(p.less, l, 1e-9);
        close(p.greater_mid, gm, 1e-9);
        close(p.less_mid, lm, 1e-9);
        close(p.min_greater, ming, 1e-9);
        close(p.min_less, minl, 1e-9);
        let (rg, rl) = reachable(&strata, &mut lf);
        close(rg, ming, 1e-9);
        close(rl, minl, 1e-9);
    }
    // Strata without both kinds of day, or without the symptom, say nothing.
    let p = stratified_exact(&[t(0, 4, 0, 4), t(3, 3, 0, 0)], &mut lf);
    assert_eq!((p.greater, p.less), (1.0, 1.0));
}

// Reference values: 0.5·math.erfc(z/√2) and statistics.NormalDist().inv_cdf,
// Python 3 (both independent of libm's erfc as used here for the inverse).
#[test]
fn the_normal_tail_and_its_inverse_match_reference_values() {
    for (z, sf) in [
        (0.0, 0.5),
        (1.0, 0.158_655_253_931_457_07),
        (3.0, 0.001_349_898_031_630_095_7),
        (6.0, 9.865_876_450_377_012e-10),
        (10.0, 7.619_853_024_160_593e-24),
        (-2.0, 0.977_249_868_051_820_8),
    ] {
        close(normal_sf(z), sf, 1e-14);
    }
    for (p, z) in [
        (0.05, 1.644_853_626_951_472_6),
        (1e-3, 3.090_232_306_167_813),
        (1e-8, 5.612_001_244_174_79),
        (0.9, -1.281_551_565_544_600_8),
    ] {
        close(normal_isf(p), z, 1e-12);
    }
    assert!(normal_isf(0.5).abs() < 1e-15);
    // Far into the tail it still inverts normal_sf.
    for p in [1e-20, 1e-100, 1e-300] {
        close(normal_sf(normal_isf(p)), p, 1e-12);
    }
    assert!(normal_isf(0.0).is_infinite() && normal_isf(1.0).is_infinite());
}

// shrink_p(p, f) = sf(isf(p)/√f), reference from Python's NormalDist.
#[test]
fn runs_shrink_the_evidence_by_the_square_root_of_the_inflation() {
    close(shrink_p(1e-4, 2.0), 0.004_272_487_313_437_92, 1e-10);
    close(shrink_p(0.01, 1.5), 0.028_752_333_358_291_266, 1e-10);
    close(shrink_p(0.3, 3.0), 0.381_035_326_145_030_4, 1e-10);
    assert_eq!(shrink_p(0.01, 1.0), 0.01);
    // Bartlett: 1 + 2·Σ rx·ry, never below 1.
    close(runs_inflation(&[0.6, 0.36], &[0.5, 0.25]), 1.78, 1e-12);
    assert_eq!(runs_inflation(&[0.5], &[-0.4]), 1.0);
}

#[test]
fn phi_matches_the_pearson_correlation_of_two_yes_no_series() {
    // (n·both − a·b) / √(a(n−a)·b(n−b)), by hand: 1000/√6e6 and 16/√1120.
    close(phi(30, 40, 50, 100), 0.408_248_290_463_863, 1e-12);
    close(phi(3, 5, 4, 12), 0.478_091_443_733_757_45, 1e-12);
    // Together, apart, unrelated, and a series that never varies.
    close(phi(5, 5, 5, 10), 1.0, 1e-12);
    close(phi(0, 5, 5, 10), -1.0, 1e-12);
    assert_eq!(phi(5, 10, 10, 20), 0.0);
    assert_eq!(phi(4, 4, 10, 10), 0.0);
}

#[test]
fn tarone_counts_only_comparisons_that_could_reach_the_bar() {
    // alpha 0.1: K = 1 counts 3 (> 1); K = 2 counts 3 (> 2); K = 3 counts
    // p_min ≤ 0.0333: 2 ≤ 3. So K = 3.
    assert_eq!(tarone(&[0.001, 0.02, 0.04, 0.5, 0.9], 0.1), 3);
    // Everything could reach the bar: K = number of comparisons.
    assert_eq!(tarone(&[1e-9; 4], 0.1), 4);
    assert_eq!(tarone(&[0.5, 0.9], 0.1), 1);
}

// Reference q-values: R's p.adjust(p, method = "BH"), recomputed with an
// independent Python 3 implementation of its definition (ties take the
// rank of the last tied value).

#[test]
fn benjamini_hochberg_matches_p_adjust() {
    let cases: &[(&[f64], &[f64])] = &[
        (&[0.01, 0.04, 0.03, 0.005], &[0.02, 0.04, 0.04, 0.02]),
        (&[0.01, 0.02, 0.03, 0.04, 0.05], &[0.05; 5]),
        (
            &[0.2, 0.001, 0.5, 0.04, 0.04, 0.9, 0.012],
            &[0.28, 0.007, 0.583_333_333_333_333_3, 0.07, 0.07, 0.9, 0.042],
        ),
        (&[], &[]),
    ];
    for (p, want) in cases {
        let q = benjamini_hochberg(p);
        assert_eq!(q.len(), want.len());
        for (g, w) in q.iter().zip(*want) {
            close(*g, *w, 1e-12);
        }
    }
}

// Weighted BH: R's p.adjust(p / (w / mean(w)), "BH"), recomputed in Python.
#[test]
fn weighted_benjamini_hochberg_divides_by_the_scaled_weights() {
    let q = weighted_benjamini_hochberg(
        &[0.001, 0.02, 0.04, 0.3, 0.0004],
        &[5.0, 1.0, 1.0, 1.0, 5.0],
    );
    let want = [0.0013, 0.086_666_666_666_666_67, 0.13, 0.78, 0.00104];
    for (g, w) in q.iter().zip(want) {
        close(*g, w, 1e-12);
    }
}
