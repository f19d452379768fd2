//! The weekly review and trigger analysis: statistics against independent
//! reference values, planted-effect diaries, a no-effect property test and
//! the edges (thin data, factors that always come together, nothing logged).

#[path = "analysis/accuracy.rs"]
mod accuracy;
#[path = "support/diaries.rs"]
mod diaries;
#[path = "analysis/stats.rs"]
mod stats;
#[path = "support/synth.rs"]
mod synth;
#[path = "analysis/weekly.rs"]
mod weekly;
#[path = "analysis/wording.rs"]
mod wording;

use gutlog::analysis::{
    weekly_review, AnalysisStatus, Diary, Direction, Finding, Lag, ReviewParams, Verdict,
};
use synth::{at, date, diary, meal, random_checkins, rating, TagPlan};

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
    // dairy days enough to look guilty in the raw counts (checking each
    // candidate against the others catches most of these), so the null tag
    // is judged over many diaries rather than one.
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
        assert!(
            f.explanation.contains("cannot tell them apart"),
            "{}",
            f.explanation
        );
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
    // Dinner tagged dairy on about half the days; bloating at 06:00 next
    // morning, before that day's first meal (08:00): inside the dairy day's
    // window.
    let end = date(END);
    let mut d = Diary::default();
    let mut rng = fastrand::Rng::with_seed(4);
    let dairy_days: Vec<bool> = (0..40).map(|_| rng.bool()).collect();
    for i in 0..40 {
        let day = end - chrono::Duration::days(39 - i);
        let dairy = dairy_days[i as usize];
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
    let n = dairy_days.iter().filter(|&&b| b).count() as u32;
    assert_eq!((f.exposed_with_symptom, f.exposed_days), (n, n));
    assert_eq!(f.unexposed_with_symptom, 0);
}

#[test]
fn no_effect_diaries_stay_within_the_false_discovery_rate() {
    let runs = 150;
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
    // 150 diaries: allow 3.5 points of sampling noise.
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
        f.explanation.contains("cannot tell them apart"),
        "{}",
        f.explanation
    );
}
