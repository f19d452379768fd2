//! The statistics against reference values computed independently.

// Reference values are pasted at the full precision they were printed with.
#![allow(clippy::excessive_precision)]

use gutlog::analysis::stats::{benjamini_hochberg, fisher, relative_risk, LogFactorials, Table};

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

// Reference values from the formula done by hand in Python 3 floats:
// RR = (a+.5)/(n1+1) ÷ (c+.5)/(n0+1), CI = exp(ln RR ± 1.959964·SE).

#[test]
fn relative_risk_uses_half_corrected_cells_and_log_interval() {
    let cases = [
        (
            (5, 6, 3, 20),
            4.714_285_714_285_714,
            1.680_259_274_993_238_8,
            13.226_821_673_701_4,
        ),
        (
            (0, 10, 5, 10),
            0.090_909_090_909_090_9,
            0.005_686_257_833_282_937_6,
            1.453_409_791_153_612_8,
        ),
        (
            (25, 36, 2, 15),
            4.410_810_810_810_81,
            1.384_091_601_944_66,
            14.056_332_674_391_44,
        ),
    ];
    for ((a, n1, c, n0), est, lo, hi) in cases {
        let rr = relative_risk(Table::new(a, n1, c, n0));
        close(rr.estimate, est, 1e-12);
        close(rr.ci_low, lo, 1e-12);
        close(rr.ci_high, hi, 1e-12);
    }
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
