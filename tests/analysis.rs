//! The weekly review and trigger analysis: statistics against independent
//! reference values, planted-effect diaries, a no-effect property test and
//! the edges (thin data, factors that always come together, nothing logged).

// Reference values are pasted at the full precision they were printed with.
#![allow(clippy::excessive_precision)]

#[path = "support/synth.rs"]
mod synth;

use gutlog::analysis::stats::{benjamini_hochberg, fisher, relative_risk, LogFactorials, Table};
use gutlog::analysis::{
    weekly_review, AnalysisStatus, Diary, Direction, Finding, Lag, ReviewParams, Verdict,
};
use gutlog::domain::{Bristol, CheckIn, HabitTick, Intake, IntakeKind, RedFlagEntry, Stool};
use synth::{at, date, diary, meal, random_checkins, rating, TagPlan};

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

const END: &str = "2026-11-22";

fn review(d: &Diary) -> gutlog::analysis::WeeklyReview {
    weekly_review(d, &ReviewParams::new(date(END)))
}

fn finds<'a>(r: &'a [Finding], factor: &str, verdict: Verdict) -> Option<&'a Finding> {
    r.iter().find(|f| {
        f.verdict == verdict && (f.factor == factor || f.together_with.iter().any(|t| t == factor))
    })
}

#[test]
fn planted_trigger_is_likely_and_a_null_tag_is_not() {
    // Dairy raises bloating from 15% to 75% within hours; gluten has the
    // same frequency and no effect. By chance gluten days sometimes overlap
    // dairy days enough to look guilty (the method's known limit: it
    // compares days, it cannot adjust one factor for another), so the null
    // tag is judged over many diaries rather than one.
    let tags = [
        TagPlan {
            tag: "dairy",
            share: 0.4,
        },
        TagPlan {
            tag: "gluten",
            share: 0.4,
        },
    ];
    let runs = 100;
    let (mut dairy_likely, mut gluten_likely) = (0, 0);
    for seed in 0..runs {
        let d = diary(seed, 56, date(END), &tags, &["bloating"], |_, t| {
            if t.contains(&"dairy") {
                0.75
            } else {
                0.15
            }
        });
        let r = review(&d);
        assert_eq!(r.analysis.status, AnalysisStatus::Ok);
        if let Some(f) = finds(&r.findings, "tag:dairy", Verdict::Likely) {
            dairy_likely += 1;
            assert_eq!(f.lag, Lag::SameDay);
            assert_eq!(f.symptom, "bloating");
            assert!(f.q_value <= 0.10 && f.ci_low > 1.0);
            assert!(f.explanation.starts_with(&format!(
                "Bloating (moderate or worse) followed {} of {} days with dairy (",
                f.exposed_with_symptom, f.exposed_days
            )));
        }
        if finds(&r.findings, "tag:gluten", Verdict::Likely).is_some() {
            gluten_likely += 1;
        }
    }
    eprintln!("dairy likely in {dairy_likely}/{runs}, gluten in {gluten_likely}/{runs}");
    assert!(
        dairy_likely >= 98,
        "dairy likely in only {dairy_likely} of {runs}"
    );
    assert!(
        gluten_likely <= 10,
        "gluten likely in {gluten_likely} of {runs}"
    );
}

#[test]
fn protective_tag_is_a_helper() {
    let tags = [TagPlan {
        tag: "fermented",
        share: 0.4,
    }];
    for seed in 1..=10 {
        let d = diary(seed, 56, date(END), &tags, &["bloating"], |_, t| {
            if t.contains(&"fermented") {
                0.1
            } else {
                0.6
            }
        });
        let r = review(&d);
        // "Support your microbiome" is kept exactly on fermented days, so the
        // two are one finding, reported together.
        let f = finds(&r.findings, "tag:fermented", Verdict::Helper)
            .unwrap_or_else(|| panic!("seed {seed}: no helper: {:#?}", r.findings));
        assert_eq!(f.direction, Direction::Less);
        assert!(f.ci_high < 1.0);
        assert!(f.explanation.contains("cannot be told apart"));
    }
}

#[test]
fn reactions_a_day_later_show_on_the_next_day_lag() {
    let tags = [TagPlan {
        tag: "alcohol",
        share: 0.4,
    }];
    let mut d = diary(7, 56, date(END), &tags, &[], |_, _| 0.0);
    let mut rng = fastrand::Rng::with_seed(7);
    let drinking: Vec<_> = d
        .meals
        .iter()
        .filter(|m| m.tags.iter().any(|t| t == "alcohol"))
        .map(|m| m.at.date())
        .collect();
    for m in d
        .meals
        .clone()
        .iter()
        .filter(|m| m.at.format("%H").to_string() == "08")
    {
        let yesterday = m.at.date().pred_opt().unwrap();
        let p = if drinking.contains(&yesterday) {
            0.8
        } else {
            0.1
        };
        let level = if rng.f64() < p { 3 } else { 0 };
        d.symptoms
            .push(rating(at(m.at.date(), 15, 0), "headache", level));
    }
    let r = review(&d);
    let f = finds(&r.findings, "tag:alcohol", Verdict::Likely).expect("next-day finding");
    assert_eq!(f.lag, Lag::NextDay);
    assert!(f.explanation.contains("came the day after"));
    // The strongest alcohol finding is the next-day one (findings are
    // sorted by verdict, then p-value).
    let first = r
        .findings
        .iter()
        .find(|f| f.factor == "tag:alcohol")
        .unwrap();
    assert_eq!(first.lag, Lag::NextDay);
}

#[test]
fn a_symptom_before_the_next_breakfast_belongs_to_the_day_before() {
    // Dinner tagged dairy every other day; bloating at 06:00 next morning,
    // before that day's first meal (08:00): inside the dairy day's window.
    let end = date(END);
    let mut d = Diary::default();
    for i in 0..40 {
        let day = end - chrono::Duration::days(39 - i);
        let dairy = i % 2 == 0;
        d.meals.push(meal(at(day, 8, 0), &["toast"], &[]));
        let tags: &[&str] = if dairy { &["dairy"] } else { &[] };
        d.meals.push(meal(at(day, 19, 0), &["dinner"], tags));
        if dairy {
            let next = day.succ_opt().unwrap();
            d.symptoms.push(rating(at(next, 6, 0), "bloating", 2));
        }
    }
    let r = weekly_review(&d, &ReviewParams::new(end));
    let f = finds(&r.findings, "tag:dairy", Verdict::Likely).expect("dairy found");
    assert_eq!(f.lag, Lag::SameDay);
    assert_eq!((f.exposed_with_symptom, f.exposed_days), (20, 20));
    assert_eq!(f.unexposed_with_symptom, 0);
}

#[test]
fn no_effect_diaries_stay_within_the_false_discovery_rate() {
    let runs = 300;
    let mut with_likely = 0;
    for seed in 0..runs {
        let mut rng = fastrand::Rng::with_seed(10_000 + seed);
        let tags: Vec<TagPlan> = ["dairy", "gluten", "caffeine", "spicy", "fried"]
            .into_iter()
            .map(|tag| TagPlan {
                tag,
                share: 0.2 + 0.4 * rng.f64(),
            })
            .collect();
        let base: Vec<f64> = (0..3).map(|_| 0.1 + 0.3 * rng.f64()).collect();
        let mut d = diary(
            seed,
            56,
            date(END),
            &tags,
            &["bloating", "gas", "fatigue"],
            |s, _| match s {
                "bloating" => base[0],
                "gas" => base[1],
                _ => base[2],
            },
        );
        d.checkins = random_checkins(&mut rng, 56, date(END));
        let r = review(&d);
        if r.findings.iter().any(|f| f.verdict == Verdict::Likely) {
            with_likely += 1;
        }
    }
    // With no effect anywhere every discovery is false, so the FDR is the
    // chance of any discovery: BH at q = 0.10 keeps it at or below 10%.
    // 300 diaries: allow two standard errors of sampling noise (≈ 3.5%).
    let share = with_likely as f64 / runs as f64;
    eprintln!("{with_likely} of {runs} no-effect diaries had a likely finding");
    assert!(
        share <= 0.135,
        "{with_likely} of {runs} null diaries had a likely finding"
    );
}

#[test]
fn thirteen_days_with_meals_are_not_enough() {
    let tags = [TagPlan {
        tag: "dairy",
        share: 0.5,
    }];
    let d = diary(3, 13, date(END), &tags, &["bloating"], |_, t| {
        if t.contains(&"dairy") {
            1.0
        } else {
            0.0
        }
    });
    let r = review(&d);
    assert_eq!(r.analysis.status, AnalysisStatus::Insufficient);
    assert_eq!(r.analysis.meal_days, 13);
    assert!(r.findings.is_empty());
    let msg = r.analysis.message.as_deref().unwrap();
    assert!(
        msg.contains("13 of the last 56 days") && msg.contains("1 more"),
        "{msg}"
    );

    let d = diary(3, 14, date(END), &tags, &["bloating"], |_, _| 0.5);
    assert_eq!(review(&d).analysis.status, AnalysisStatus::Ok);
}

#[test]
fn factors_that_always_come_together_are_reported_together() {
    let end = date(END);
    let mut rng = fastrand::Rng::with_seed(99);
    let mut d = Diary::default();
    for i in 0..56 {
        let day = end - chrono::Duration::days(i);
        let pizza = rng.f64() < 0.4;
        d.meals.push(meal(at(day, 8, 0), &["toast"], &[]));
        if pizza {
            d.meals
                .push(meal(at(day, 13, 0), &["pizza"], &["dairy", "gluten"]));
        } else {
            d.meals.push(meal(at(day, 13, 0), &["rice"], &[]));
        }
        let p = if pizza { 0.8 } else { 0.1 };
        let level = if rng.f64() < p { 2 } else { 0 };
        d.symptoms.push(rating(at(day, 17, 0), "bloating", level));
    }
    let r = weekly_review(&d, &ReviewParams::new(end));
    let same_day: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.lag == Lag::SameDay && f.direction == Direction::More)
        .collect();
    assert_eq!(same_day.len(), 1, "{same_day:#?}");
    let f = same_day[0];
    let mut all: Vec<&str> = f.together_with.iter().map(String::as_str).collect();
    all.push(&f.factor);
    all.sort();
    assert_eq!(all, ["food:pizza", "tag:dairy", "tag:gluten"]);
    assert!(
        f.explanation.contains("cannot be told apart"),
        "{}",
        f.explanation
    );
}

#[test]
fn an_empty_diary_gives_an_honest_report() {
    let r = review(&Diary::default());
    assert_eq!(r.week.start, date("2026-11-16"));
    assert_eq!(r.week.end, date(END));
    assert_eq!(r.coverage.days_logged, 0);
    assert!(r.coverage.message.is_some());
    assert!(r.symptoms.is_empty() && r.red_flags.is_empty() && r.findings.is_empty());
    assert_eq!(r.stools.total, 0);
    assert_eq!(r.analysis.status, AnalysisStatus::Insufficient);
    assert!(r
        .analysis
        .message
        .as_deref()
        .unwrap()
        .contains("0 of the last 56"));
    assert_eq!(r.habits.this_week.mood, None);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["week"]["end"], "2026-11-22");
}

#[test]
fn the_week_is_summarised_against_the_one_before() {
    let end = date(END);
    let mut d = Diary::default();
    let day = |n: i64| end - chrono::Duration::days(n);
    // This week: bloating on two days (2 and 3), zeros on another.
    d.symptoms.push(rating(at(day(0), 20, 0), "bloating", 2));
    d.symptoms.push(rating(at(day(1), 20, 0), "bloating", 3));
    d.symptoms.push(rating(at(day(1), 9, 0), "bloating", 1));
    d.symptoms.push(rating(at(day(2), 20, 0), "bloating", 0));
    // Last week: once, mild.
    d.symptoms.push(rating(at(day(9), 20, 0), "bloating", 1));
    for (n, mood, sleep, water) in [(0, 4, 8.0, 9), (3, 2, 6.0, 4), (8, 1, 5.0, 3)] {
        d.checkins.push(CheckIn {
            mood: Some(mood),
            sleep_hours: Some(sleep),
            water_glasses: Some(water),
            ..CheckIn::empty(day(n))
        });
    }
    for (n, k) in [(0, 1), (0, 4), (2, 7), (2, 6), (9, 4)] {
        d.stools.push(Stool {
            id: format!("st{n}{k}"),
            at: at(day(n), 7, 0),
            bristol: Bristol::new(k).unwrap(),
        });
    }
    d.meals
        .push(meal(at(day(0), 8, 0), &["yogurt"], &["dairy", "fermented"]));
    d.intakes.push(Intake {
        id: "i1".into(),
        at: at(day(1), 8, 0),
        name: "L-Glutamine".into(),
        kind: IntakeKind::Supplement,
    });
    d.habit_ticks.push(HabitTick {
        date: day(4),
        habit: "reduce_stress".into(),
    });
    d.red_flags.push(RedFlagEntry {
        date: day(5),
        flag: "fever".into(),
    });
    d.red_flags.push(RedFlagEntry {
        date: day(12),
        flag: "weight_loss".into(),
    });

    let r = weekly_review(&d, &ReviewParams::new(end));
    let b = &r.symptoms[0];
    assert_eq!(b.symptom, "bloating");
    assert_eq!((b.this_week.days_rated, b.this_week.days_present), (3, 2));
    assert_eq!(b.this_week.mean_severity, Some(2.5));
    assert_eq!(b.this_week.worst_severity, Some(3));
    assert_eq!(
        (b.previous_week.days_present, b.previous_week.worst_severity),
        (1, Some(1))
    );
    assert_eq!(r.habits.this_week.mood, Some(3.0));
    assert_eq!(r.habits.this_week.sleep_hours, Some(7.0));
    assert_eq!(r.habits.previous_week.mood, Some(1.0));
    assert_eq!(r.habits.daily.len(), 56);
    assert_eq!(r.habits.daily.last().unwrap().mood, Some(4));
    assert_eq!(r.stools.total, 4);
    assert_eq!(r.stools.previous_week_total, 1);
    assert_eq!(r.stools.by_type[0].count, 1);
    assert_eq!((r.stools.days_hard, r.stools.days_loose), (1, 1));
    let kept = |id: &str| r.plan.habits.iter().find(|h| h.id == id).unwrap().days_kept;
    assert_eq!(kept("support_microbiome"), 1); // fermented yogurt
    assert_eq!(kept("remove_irritants"), 1); // a meal, none irritant-tagged
    assert_eq!(kept("soothe_lining"), 1); // L-glutamine
    assert_eq!(kept("hydration_sleep"), 1); // 9 glasses and 8 h
    assert_eq!(kept("reduce_stress"), 1); // by hand
    assert_eq!(r.coverage.days_logged, 6);
    assert!(r.coverage.message.is_none());
    assert_eq!(r.red_flags.len(), 1);
    assert_eq!(r.red_flags[0].flag, "fever");
    assert!(r.red_flags[0].guidance.contains("doctor"));
}

#[test]
fn store_diary_reads_only_the_dates_asked_for() {
    let mut store = gutlog::Store::open_in_memory().unwrap();
    for (n, d) in ["2026-10-01", "2026-11-01", "2026-11-02", "2026-12-01"]
        .iter()
        .enumerate()
    {
        let m = meal(at(date(d), 12, 0), &["rice"], &[]);
        let m = gutlog::domain::Meal {
            id: format!("m{n}"),
            ..m
        };
        store.add_meal(&m, &[]).unwrap();
        store
            .add_symptom(&rating(at(date(d), 23, 59), "gas", 1))
            .unwrap();
    }
    let d = store.diary(date("2026-11-01"), date("2026-11-02")).unwrap();
    assert_eq!(d.meals.len(), 2);
    assert_eq!(d.symptoms.len(), 2);
    assert!(d.meals.iter().all(|m| m.at.date() >= date("2026-11-01")));
}
