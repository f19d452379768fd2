//! Light versions of the accuracy bench (`benches/insights_accuracy.rs`,
//! hundreds of seeds, release): a few seeds each, so they run in seconds,
//! with bounds loose enough for so few seeds yet false for the method
//! before issue 11 (which had 67% false findings with runs of days and
//! found nothing `likely` in most 56-day demo diaries).

use super::diaries::{self, generate, Cause, Delay, Effect, Life};
use super::synth::date;
use super::END;
use gutlog::analysis::{weekly_review, Finding, ReviewParams, Verdict};

fn findings(d: &gutlog::analysis::Diary, days: u32) -> Vec<Finding> {
    weekly_review(
        d,
        &ReviewParams::checked(date(END), days as i64, 2).unwrap(),
    )
    .findings
}

fn strong(f: &Finding) -> bool {
    f.verdict != Verdict::Possible
}

fn names(f: &Finding) -> impl Iterator<Item = &str> {
    std::iter::once(f.factor.as_str()).chain(f.together_with.iter().map(String::as_str))
}

#[test]
fn the_generator_makes_runs_of_the_asked_correlation() {
    let c = diaries::threshold(0.3);
    assert!((diaries::normal_sf(c) - 0.3).abs() < 1e-6);
    let phi = diaries::bisect(0.0, 0.999, |p| diaries::binary_corr(0.3, c, p), 0.6);
    // Checked by simulation in Python: phi 0.8206 gives lag-1 correlation 0.6.
    assert!((phi - 0.8206).abs() < 0.002, "{phi}");
}

#[test]
fn runs_of_days_do_not_make_false_findings() {
    // Foods and symptoms in runs (lag-1 correlation 0.6), no effect at all.
    let mut life = Life::new(56, date(END));
    life.runs = 0.6;
    let seeds = 16;
    let false_ones = (0..seeds)
        .filter(|&s| findings(&generate(&life, 900 + s), 56).iter().any(strong))
        .count();
    // The bench measures 3.4% over 500 seeds; the old method 62.6%.
    assert!(false_ones <= 3, "{false_ones} of {seeds} diaries");
}

#[test]
fn a_bystander_is_explained_by_the_trigger() {
    // Beer triples bloating; fries come on 85% of beer days and 10% of
    // others, so in the raw counts fries look guilty too. Over 224 days
    // fries must not be called likely, and the report says why.
    let mut life = Life::new(224, date(END));
    life.beer = Some(0.3);
    life.fries_with_beer = Some((0.85, 0.1));
    life.effects = vec![Effect {
        cause: Cause::Food("beer"),
        symptom: "bloating",
        rr: 3.0,
        delay: Delay::SameDay,
    }];
    let mut explained = 0;
    for seed in 0..6 {
        let r = weekly_review(
            &generate(&life, 1000 + seed),
            &ReviewParams::checked(date(END), 224, 2).unwrap(),
        );
        assert!(
            r.findings
                .iter()
                .any(|f| f.verdict == Verdict::Likely && names(f).any(|n| n == "food:beer")),
            "seed {seed}: beer not found"
        );
        assert!(
            !r.findings.iter().any(|f| f.verdict == Verdict::Likely
                && (f.factor == "food:fries" || f.factor == "tag:fried")),
            "seed {seed}: fries called likely"
        );
        // Fries may be the diary's only fried food (then one factor with
        // the tag `fried`), and beer its only alcohol (named by the tag).
        let fries = |e: &&gutlog::analysis::Explained| {
            e.factor == "food:fries" || e.together_with.iter().any(|t| t == "food:fries")
        };
        if let Some(e) = r.explained.iter().find(fries) {
            explained += 1;
            assert_eq!(e.by, "tag:alcohol");
            assert!(
                e.explanation.starts_with(&format!(
                    "Bloating tracks alcohol, not {}: on days with alcohol it came on ",
                    e.factor_label
                )),
                "{}",
                e.explanation
            );
            assert!(e.adjusted_relative_risk < e.crude_relative_risk);
        }
    }
    assert!(
        explained >= 4,
        "fries explained by beer in {explained} of 6"
    );
}

/// The bench's power case: wine on 2 days in 5 multiplies bloating (30% of
/// other days) by `rr` the same day.
fn wine_with_bloating(days: u32, rr: f64) -> Life {
    let mut life = Life::new(days, date(END));
    life.baseline = Some(0.3);
    life.extra_food = Some(("wine", 0.4));
    life.effects = vec![Effect {
        cause: Cause::Food("wine"),
        symptom: "bloating",
        rr,
        delay: Delay::SameDay,
    }];
    life
}

#[test]
fn a_tripling_on_two_days_in_five_is_found_in_56_days() {
    // Wine is the only alcohol: the food and the tag are one category.
    let life = wine_with_bloating(56, 3.0);
    let seeds = 12;
    let found = (0..seeds)
        .filter(|&s| {
            findings(&generate(&life, 2000 + s), 56).iter().any(|f| {
                f.verdict == Verdict::Likely
                    && f.symptom == "bloating"
                    && names(f).any(|n| n == "food:wine")
            })
        })
        .count();
    // The bench measures 88.6% over 500 seeds; the old method 79.8%.
    assert!(found >= 9, "found in {found} of {seeds}");
}

#[test]
fn the_demo_finds_its_strongest_planted_effects_and_nothing_else() {
    // `gutlog demo` (120 days, seed 1) reviewed with the default 56 days.
    let d = diaries::demo(120, 1, date(END));
    let r = weekly_review(&d, &ReviewParams::new(date(END)));
    let likely = |factor: &str, symptom: &str| {
        r.findings.iter().any(|f| {
            f.verdict == Verdict::Likely && f.symptom == symptom && names(f).any(|n| n == factor)
        })
    };
    assert!(likely("tag:dairy", "bloating"), "{:#?}", r.findings);
    assert!(likely("habit:short_sleep", "fatigue"), "{:#?}", r.findings);
    let planted = [
        ("bloating", "tag:dairy"),
        ("fatigue", "habit:short_sleep"),
        ("headache", "tag:alcohol"),
        ("heartburn", "habit:high_stress"),
        ("gas", "tag:high_fodmap"),
    ];
    for f in r.findings.iter().filter(|f| strong(f)) {
        assert!(
            planted
                .iter()
                .any(|(s, factor)| f.symptom == *s && names(f).any(|n| n == *factor)),
            "no planted effect behind {} → {}",
            f.factor,
            f.symptom
        );
    }
}

#[test]
fn an_unrelated_factor_does_not_hide_a_real_trigger() {
    // Wine doubles bloating over 112 days. Another factor that does not go
    // with wine (another day's stress, a food on unrelated days) cannot
    // explain wine's link, however small its own p happens to be: checking
    // wine against it must not take wine's link out of the report. Before,
    // in 8 of these 40 diaries wine was not listed at all, in 5 of them
    // though its own counts had p ≤ 0.05 (a noise factor with a smaller p
    // "kept more of its evidence" and wine's p became the largest of those
    // checks). Now 5 are left: 3 whose counts do not reach p ≤ 0.05, and 2
    // where "avoid irritants" (days without any irritant, wine one of them:
    // phi −0.41) keeps more of the evidence, which is the same signal.
    let days = 112;
    let life = wine_with_bloating(days, 2.0);
    let seeds = 40;
    let listed = (0..seeds)
        .filter(|&s| {
            findings(&generate(&life, 2000 + s), days).iter().any(|f| {
                f.symptom == "bloating"
                    && f.lag == gutlog::analysis::Lag::SameDay
                    && names(f).any(|n| n == "food:wine")
            })
        })
        .count();
    assert!(listed >= 35, "wine listed in {listed} of {seeds} diaries");
}
