//! Accuracy bench of the trigger analysis (not a test): generated diaries
//! with known planted effects (tests/support/diaries.rs), each case over
//! many seeds, and the share of diaries where the analysis gets it right or
//! wrong. Run in release:
//!
//!     cargo bench --bench insights-accuracy          # this tree's method
//!     SEEDS=300 cargo bench --bench insights-accuracy
//!     bash benches/insights-accuracy.sh              # before (base revision) and after, side by side
//!
//! Prints one line per measure: `id | what | value`. Uses only the
//! library's stable public API so that the script can build it against the
//! revision before the method changed.

#[path = "../tests/support/diaries.rs"]
mod diaries;

use chrono::NaiveDate;
use diaries::{generate, Cause, Delay, Effect, Life};
use gutlog::analysis::{weekly_review, Diary, Direction, Finding, ReviewParams, Verdict};
use gutlog::domain::food::FoodBook;
use std::time::Instant;

/// The ceiling of any method: a planted pair whose own p (its one
/// comparison, as if nothing else were tested) is above this cannot be
/// found while keeping diaries with a false finding to about 1 in 10, even
/// if only the ~100 main comparisons a diary has were tested
/// (1 − 0.9^(1/100) ≈ 0.001).
const CEILING_P: f64 = 0.001;

fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn findings(d: &Diary, days: u32) -> Vec<Finding> {
    let params = ReviewParams::checked(end(), days as i64, 2).expect("valid params");
    weekly_review(d, &params).findings
}

fn names(f: &Finding) -> impl Iterator<Item = &str> {
    std::iter::once(f.factor.as_str()).chain(f.together_with.iter().map(String::as_str))
}

fn strong(f: &Finding) -> bool {
    matches!(f.verdict, Verdict::Likely | Verdict::Helper)
}

/// Is `factor` the planted `cause`, or a food that carries its tag?
fn is_cause(book: &FoodBook, factor: &str, cause: Cause) -> bool {
    match cause {
        Cause::Food(food) => factor == format!("food:{food}"),
        Cause::Tag(tag) => {
            factor == format!("tag:{tag}")
                || factor
                    .strip_prefix("food:")
                    .is_some_and(|food| book.tags_of(food).iter().any(|t| t == tag))
        }
        Cause::ShortSleep => factor == "habit:short_sleep",
        Cause::HighStress => factor == "habit:high_stress",
    }
}

/// Does the finding name (as its factor or together with it) a planted
/// effect on its symptom?
fn planted(book: &FoodBook, f: &Finding, effects: &[Effect]) -> bool {
    effects
        .iter()
        .filter(|e| e.symptom == f.symptom)
        .any(|e| names(f).any(|n| is_cause(book, n, e.cause)))
}

fn pct(n: usize, of: usize) -> String {
    format!("{:.1}%", 100.0 * n as f64 / of.max(1) as f64)
}

fn main() {
    let seeds: u64 = std::env::var("SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let only = std::env::var("CASES").ok();
    let book = FoodBook::bundled();
    // The before/after script joins the two runs on the id: each id once.
    let mut ids = std::collections::HashSet::new();
    let mut push = |id: &str, what: String, value: String| {
        assert!(ids.insert(id.to_string()), "measure id {id} used twice");
        println!("{id:<9}| {what:<100}| {value}");
    };
    let wanted = |case: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|c| c == case))
    };
    let started = Instant::now();

    // 1. No effect, foods and symptoms in runs.
    if wanted("null") {
        for (runs, days) in [(0.0, 56), (0.6, 56), (0.6, 112)] {
            let mut life = Life::new(days, end());
            life.runs = runs;
            let (mut any, mut likely, mut helper) = (0, 0, 0);
            for seed in 0..seeds {
                let f = findings(&generate(&life, seed), days);
                any += f.iter().any(strong) as usize;
                likely += f.iter().any(|f| f.verdict == Verdict::Likely) as usize;
                helper += f.iter().any(|f| f.verdict == Verdict::Helper) as usize;
            }
            let n = seeds as usize;
            let tag = format!("null{}-{days}", (runs * 10.0) as u32);
            push(
                &tag,
                format!(
                    "no effect, runs {runs}, {days} days: diaries with a false likely or helper"
                ),
                pct(any, n),
            );
            push(
                &format!("{tag}L"),
                format!("no effect, runs {runs}, {days} days: … with a false likely"),
                pct(likely, n),
            );
            push(
                &format!("{tag}H"),
                format!("no effect, runs {runs}, {days} days: … with a false helper"),
                pct(helper, n),
            );
        }
    }

    // 2. A bystander: fries with beer, beer the real trigger.
    if wanted("bystander") {
        for runs in [0.0, 0.6] {
            for days in [56, 112, 224] {
                let mut life = Life::new(days, end());
                life.runs = runs;
                life.beer = Some(0.3);
                life.fries_with_beer = Some((0.6, 0.2));
                life.effects = vec![Effect {
                    cause: Cause::Food("beer"),
                    symptom: "bloating",
                    rr: 2.5,
                    delay: Delay::SameDay,
                }];
                let (mut fries, mut grouped, mut beer) = (0, 0, 0);
                for seed in 0..seeds {
                    let f = findings(&generate(&life, 1000 + seed), days);
                    let likely = |f: &&Finding| f.verdict == Verdict::Likely;
                    fries += f.iter().filter(likely).any(|f| f.factor == "food:fries") as usize;
                    grouped += f.iter().filter(likely).any(|f| {
                        names(f).any(|n| n == "food:fries") && names(f).any(|n| n == "food:beer")
                    }) as usize;
                    beer += f
                        .iter()
                        .filter(likely)
                        .any(|f| names(f).any(|n| n == "food:beer" || n == "tag:alcohol"))
                        as usize;
                }
                let n = seeds as usize;
                let tag = format!("fries{}-{days}", (runs * 10.0) as u32);
                push(
                    &tag,
                    format!("bystander (fries on 60%/20% of beer/other days), runs {runs}, {days} days: fries likely"),
                    pct(fries, n),
                );
                push(
                    &format!("{tag}G"),
                    format!("bystander, runs {runs}, {days} days: fries grouped with beer"),
                    pct(grouped, n),
                );
                push(
                    &format!("{tag}B"),
                    format!("bystander, runs {runs}, {days} days: beer (RR 2.5) likely"),
                    pct(beer, n),
                );
            }
        }
    }

    // 3. Power: one planted food on 40% of days, 30% baseline. "wine" is
    // the only alcohol and "pho" the only bone broth (a category of one
    // food: the tag and the food are one factor); "chili" shares its tag
    // with other spicy foods and "sauerkraut" its with other fermented ones
    // (a single food among others of its kind).
    if wanted("power") {
        type Case = (&'static str, f64, Delay, u32, f64);
        let cases: &[Case] = &[
            ("wine", 3.0, Delay::SameDay, 56, 0.0),
            ("wine", 3.0, Delay::SameDay, 56, 0.6),
            ("chili", 3.0, Delay::SameDay, 56, 0.0),
            ("wine", 2.0, Delay::SameDay, 56, 0.0),
            ("wine", 2.0, Delay::SameDay, 112, 0.0),
            ("wine", 2.0, Delay::SameDay, 112, 0.6),
            ("chili", 2.0, Delay::SameDay, 112, 0.0),
            ("wine", 2.0, Delay::SameDay, 168, 0.0),
            ("wine", 2.0, Delay::SameDay, 280, 0.0),
            ("pho", 0.5, Delay::SameDay, 112, 0.0),
            ("pho", 0.5, Delay::SameDay, 280, 0.0),
            ("sauerkraut", 0.5, Delay::SameDay, 280, 0.0),
            ("wine", 3.0, Delay::NextDay, 56, 0.0),
        ];
        for &(food, rr, delay, days, runs) in cases {
            let mut life = Life::new(days, end());
            life.runs = runs;
            life.baseline = Some(0.3);
            life.extra_food = Some((food, 0.4));
            life.effects = vec![Effect {
                cause: Cause::Food(food),
                symptom: "bloating",
                rr,
                delay,
            }];
            let (mut found, mut false_any, mut reachable) = (0, 0, 0);
            for seed in 0..seeds {
                let f = findings(&generate(&life, 2000 + seed), days);
                let want = if rr > 1.0 {
                    Verdict::Likely
                } else {
                    Verdict::Helper
                };
                let way = if rr > 1.0 {
                    Direction::More
                } else {
                    Direction::Less
                };
                reachable += f.iter().any(|f| {
                    f.direction == way && f.p_value <= CEILING_P && planted(&book, f, &life.effects)
                }) as usize;
                found += f
                    .iter()
                    .any(|f| f.verdict == want && planted(&book, f, &life.effects))
                    as usize;
                false_any += f
                    .iter()
                    .any(|f| strong(f) && !planted(&book, f, &life.effects))
                    as usize;
            }
            let n = seeds as usize;
            let lag = if delay == Delay::NextDay {
                ", next day"
            } else {
                ""
            };
            let tag = format!(
                "{food}{}{}{}-{days}",
                (rr * 10.0) as u32,
                (runs * 10.0) as u32,
                if delay == Delay::NextDay { "n" } else { "" }
            );
            push(
                &tag,
                format!("power: {food} RR {rr}{lag}, 30% baseline, 40% exposure, runs {runs}, {days} days: found"),
                pct(found, n),
            );
            push(
                &format!("{tag}F"),
                format!("power: {food} RR {rr}{lag}, runs {runs}, {days} days: another (false) likely/helper"),
                pct(false_any, n),
            );
            push(
                &format!("{tag}C"),
                format!("power: {food} RR {rr}{lag}, runs {runs}, {days} days: ceiling, its own p ≤ {CEILING_P}"),
                pct(reachable, n),
            );
        }
    }

    // 4. Check-ins skipped on fatigue days, no effect anywhere.
    if wanted("skip") {
        for days in [56, 112] {
            let mut life = Life::new(days, end());
            life.runs = 0.6;
            life.skip_checkin_on = Some("fatigue");
            let (mut water, mut named, mut any) = (0, 0, 0);
            for seed in 0..seeds {
                let f = findings(&generate(&life, 3000 + seed), days);
                let water_sleep = |f: &&Finding| {
                    f.symptom == "fatigue"
                        && f.direction == Direction::Less
                        && names(f).any(|n| n == "habit:hydration_sleep")
                };
                water += f.iter().filter(water_sleep).any(strong) as usize;
                named += f.iter().any(|f| water_sleep(&f)) as usize;
                any += f.iter().any(strong) as usize;
            }
            let n = seeds as usize;
            push(
                &format!("skip-{days}"),
                format!("check-in skipped on 70% of fatigue days, runs 0.6, {days} days: water and sleep a helper for fatigue"),
                pct(water, n),
            );
            push(
                &format!("skip-{days}P"),
                format!("check-in skipped on fatigue days, {days} days: water and sleep a helper for fatigue, any verdict (possible too)"),
                pct(named, n),
            );
            push(
                &format!("skip-{days}A"),
                format!(
                    "check-in skipped on fatigue days, {days} days: any false likely or helper"
                ),
                pct(any, n),
            );
        }
    }

    // 5. The demo diary.
    if wanted("demo") {
        let effects = demo_effects();
        let d = diaries::demo(3660, 1, end());
        let f = findings(&d, 3660);
        let likely: Vec<&Finding> = f.iter().filter(|f| f.verdict == Verdict::Likely).collect();
        let unplanted: Vec<&Finding> = f
            .iter()
            .filter(|f| strong(f) && !planted(&book, f, &effects))
            .collect();
        push(
            "demo10",
            "10-year demo (seed 1), 3660 days: likely findings".into(),
            likely.len().to_string(),
        );
        push(
            "demo10U",
            "10-year demo, 3660 days: likely or helper for a factor with no planted effect".into(),
            format!(
                "{} ({})",
                unplanted.len(),
                unplanted
                    .iter()
                    .take(6)
                    .map(|f| format!("{}→{}", f.factor, f.symptom))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        let n = seeds.min(100) as usize;
        let mut found = vec![0usize; effects.len()];
        let mut false_any = 0;
        let mut none = 0;
        for seed in 0..n as u64 {
            let d = diaries::demo(56, 10 + seed, end());
            let f = findings(&d, 56);
            for (i, e) in effects.iter().enumerate() {
                found[i] += f.iter().any(|f| {
                    f.verdict == Verdict::Likely
                        && f.direction == Direction::More
                        && f.symptom == e.symptom
                        && names(f).any(|x| is_cause(&book, x, e.cause))
                }) as usize;
            }
            false_any += f.iter().any(|f| strong(f) && !planted(&book, f, &effects)) as usize;
            none += !f.iter().any(|f| f.verdict == Verdict::Likely) as usize;
        }
        for (i, e) in effects.iter().enumerate() {
            push(
                &format!("demo56-{i}"),
                format!(
                    "demo, 56 days ({n} seeds): {:?} → {} (RR {}) likely",
                    e.cause, e.symptom, e.rr
                ),
                pct(found[i], n),
            );
        }
        push(
            "demo56U",
            format!("demo, 56 days ({n} seeds): a likely or helper with no planted effect"),
            pct(false_any, n),
        );
        push(
            "demo56N",
            format!("demo, 56 days ({n} seeds): nothing likely at all"),
            pct(none, n),
        );
    }
    eprintln!(
        "{} measures, {seeds} seeds per case, in {:.1} s",
        ids.len(),
        started.elapsed().as_secs_f64()
    );
}

/// The effects `gutlog demo` plants (src/demo.rs), as causes.
fn demo_effects() -> Vec<Effect> {
    let e = |cause, symptom, rr, delay| Effect {
        cause,
        symptom,
        rr,
        delay,
    };
    vec![
        e(Cause::Tag("dairy"), "bloating", 8.1, Delay::SameDay),
        e(Cause::ShortSleep, "fatigue", 8.1, Delay::SameDay),
        e(Cause::Tag("alcohol"), "headache", 12.0, Delay::NextDay),
        e(Cause::HighStress, "heartburn", 5.0, Delay::SameDay),
        e(Cause::Tag("high_fodmap"), "gas", 3.0, Delay::SameDay),
    ]
}
