//! The trigger analysis's rules one by one, on small hand-made diaries: the
//! words of a finding, grouping, complements, everyday factors, missing
//! check-ins, what could have been seen, and README agreeing with the code.

use super::synth::{at, date, meal, rating};
use super::{review, END};
use gutlog::analysis::explain::{chance_note, days, insufficient, p_text, rr_text};
use gutlog::analysis::{AnalysisStatus, Diary, Direction, Finding, NotTestedReason, Verdict};
use gutlog::domain::CheckIn;

fn finding<'a>(r: &'a [Finding], factor: &str, symptom: &str) -> Option<&'a Finding> {
    r.iter().find(|f| {
        f.symptom == symptom && (f.factor == factor || f.together_with.iter().any(|t| t == factor))
    })
}

/// 56 days; `exposed(i)` says whether day i has the factor's meal.
fn days_of(exposed: impl Fn(usize) -> bool) -> Vec<(chrono::NaiveDate, bool)> {
    (0..56)
        .map(|i| {
            (
                date(END) - chrono::Duration::days(55 - i as i64),
                exposed(i),
            )
        })
        .collect()
}

fn pattern(seed: u64, share: f64) -> Vec<bool> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..56).map(|_| rng.f64() < share).collect()
}

#[test]
fn followed_only_when_the_symptom_came_after() {
    // Heartburn at 10:00 on every bone-broth day, the broth at 19:00: the
    // symptom came first, so the sentence must not say "followed".
    let broth = pattern(1, 0.4);
    let mut d = Diary::default();
    for (day, on) in days_of(|i| broth[i]) {
        d.meals.push(meal(at(day, 8, 0), &["toast"], &[]));
        if on {
            d.meals
                .push(meal(at(day, 19, 0), &["bone broth"], &["bone_broth"]));
            d.symptoms.push(rating(at(day, 10, 0), "heartburn", 2));
        }
    }
    let r = review(&d);
    let f = finding(&r.findings, "tag:bone_broth", "heartburn").expect("a finding");
    assert!(!f.followed);
    assert!(
        f.explanation
            .starts_with("Heartburn (moderate or worse) came on "),
        "{}",
        f.explanation
    );
    assert!(
        f.explanation.contains("only before it"),
        "{}",
        f.explanation
    );
    assert!(!f.explanation.contains("followed"), "{}", f.explanation);
    // One factor: the food and the tag of the same name.
    assert_eq!(f.factor, "tag:bone_broth");
    assert!(!f.together_with.iter().any(|t| t.starts_with("food:")));
    assert!(!f.explanation.contains("Bone broth and bone broth"));

    // The same with the heartburn at 21:00: now it followed.
    for s in &mut d.symptoms {
        s.at = at(s.at.date(), 21, 0);
    }
    let r = review(&d);
    let f = finding(&r.findings, "tag:bone_broth", "heartburn").expect("a finding");
    assert!(f.followed);
    assert!(
        f.explanation
            .starts_with("Heartburn (moderate or worse) followed "),
        "{}",
        f.explanation
    );
}

#[test]
fn verdict_names_say_trigger_or_helper() {
    // Dairy brings bloating; kefir days (fermented) have less gas.
    let dairy = pattern(2, 0.45);
    let kefir = pattern(3, 0.45);
    let mut d = Diary::default();
    let mut rng = fastrand::Rng::with_seed(5);
    for (i, (day, _)) in days_of(|_| true).into_iter().enumerate() {
        d.meals.push(meal(at(day, 8, 0), &["toast"], &[]));
        if dairy[i] {
            d.meals.push(meal(at(day, 12, 0), &["cheese"], &["dairy"]));
        }
        if kefir[i] {
            d.meals
                .push(meal(at(day, 13, 0), &["sauerkraut"], &["fermented"]));
        }
        let bloat = rng.f64() < if dairy[i] { 0.85 } else { 0.1 };
        d.symptoms.push(rating(
            at(day, 18, 0),
            "bloating",
            if bloat { 2 } else { 0 },
        ));
        let gas = rng.f64() < if kefir[i] { 0.05 } else { 0.7 };
        d.symptoms
            .push(rating(at(day, 18, 0), "gas", if gas { 2 } else { 0 }));
    }
    let r = review(&d);
    let trigger = finding(&r.findings, "tag:dairy", "bloating").unwrap();
    assert_eq!(trigger.verdict, Verdict::Likely);
    assert_eq!(trigger.verdict_name, "likely trigger");
    let helper = finding(&r.findings, "tag:fermented", "gas").unwrap();
    assert_eq!(helper.verdict, Verdict::Helper);
    assert_eq!(helper.verdict_name, "likely helper");
    for f in &r.findings {
        let want = match (f.verdict, f.direction) {
            (Verdict::Likely, _) => "likely trigger",
            (Verdict::Helper, _) => "likely helper",
            (Verdict::Possible, Direction::More) => "possible trigger",
            (Verdict::Possible, Direction::Less) => "possible helper",
        };
        assert_eq!(f.verdict_name, want);
        assert_eq!(f.lag_name, f.lag.name());
    }
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["findings"][0]["verdict"], "likely");
    assert!(json["findings"][0]["verdict_name"].is_string());
    assert!(json["findings"][0]["direction"].is_string());
}

#[test]
fn an_rr_from_an_empty_cell_says_so() {
    let plain = rr_text(2.5, 1.2, 5.0, false);
    assert_eq!(plain, "RR 2.50 (95% CI 1.20–5.00)");
    let rough = rr_text(40.0, 2.2, 716.1, true);
    assert!(
        rough.starts_with("RR 40.00 (95% CI 2.20–716.10); "),
        "{rough}"
    );
    assert!(rough.contains("0.5 was added") && rough.contains("rough"));
    // A finding whose unexposed days never had the symptom.
    let dairy = pattern(4, 0.5);
    let mut d = Diary::default();
    for (day, on) in days_of(|i| dairy[i]) {
        d.meals.push(meal(at(day, 8, 0), &["toast"], &[]));
        if on {
            d.meals.push(meal(at(day, 12, 0), &["cheese"], &["dairy"]));
        }
        d.symptoms
            .push(rating(at(day, 18, 0), "bloating", if on { 2 } else { 0 }));
    }
    let r = review(&d);
    let f = finding(&r.findings, "tag:dairy", "bloating").unwrap();
    assert_eq!(f.unexposed_with_symptom, 0);
    assert!(f.rr_from_empty_cell);
    let text = gutlog::cli::report::text(&r, gutlog::domain::water::WaterUnit::default());
    let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains("0.5 was added to each"), "{text}");
}

#[test]
fn small_p_values_and_plurals_read_right() {
    assert_eq!(p_text(0.0004), "< 0.001");
    assert_eq!(p_text(0.0123), "0.012");
    assert_eq!(p_text(1.0), "1.000");
    assert_eq!(days(1), "1 day");
    assert_eq!(days(2), "2 days");
    let msg = insufficient(13, 56);
    assert!(msg.ends_with("Log meals on 1 more day."), "{msg}");
    assert!(insufficient(0, 56).ends_with("Log meals on 14 more days."));
    // The report prints no "p = 0.0000".
    let dairy = pattern(4, 0.5);
    let mut d = Diary::default();
    for (day, on) in days_of(|i| dairy[i]) {
        d.meals.push(meal(at(day, 8, 0), &["toast"], &[]));
        if on {
            d.meals.push(meal(at(day, 12, 0), &["cheese"], &["dairy"]));
        }
        d.symptoms
            .push(rating(at(day, 18, 0), "bloating", if on { 2 } else { 0 }));
    }
    let text = gutlog::cli::report::text(&review(&d), gutlog::domain::water::WaterUnit::default());
    assert!(text.contains("p < 0.001"), "{text}");
    assert!(!text.contains("0.0000"), "{text}");
}

#[test]
fn the_chance_note_counts_both_directions() {
    let mut r = review(&Diary::default());
    r.analysis.tests = 250;
    let note = chance_note(&r.analysis);
    assert!(note.contains("250 comparisons"), "{note}");
    assert!(note.contains("each in both directions"), "{note}");
    // 250 × 2 directions × 5%.
    assert!(note.contains("about 25 would"), "{note}");
    // Never "about 0": 4 × 2 × 5% is fewer than one.
    r.analysis.tests = 4;
    let note = chance_note(&r.analysis);
    assert!(note.contains("fewer than one"), "{note}");
    assert!(!note.contains("about 0"), "{note}");
}

#[test]
fn grouping_counts_the_days_without_either() {
    // Two everyday tags, each on ~90% of days independently: not "together".
    let a = pattern(6, 0.9);
    let b = pattern(7, 0.9);
    let trigger = pattern(8, 0.4);
    let mut d = Diary::default();
    let mut rng = fastrand::Rng::with_seed(9);
    for (i, (day, _)) in days_of(|_| true).into_iter().enumerate() {
        let mut tags = Vec::new();
        if a[i] {
            tags.push("gluten");
        }
        if b[i] {
            tags.push("caffeine");
        }
        d.meals.push(meal(at(day, 8, 0), &["breakfast"], &tags));
        // Pizza always brings dairy, processed and (its wheat base) the
        // fructans FODMAP group: one factor.
        if trigger[i] {
            d.meals
                .push(meal(at(day, 12, 0), &["pizza"], &["dairy", "processed"]));
        }
        let p = if trigger[i] { 0.8 } else { 0.1 };
        let level = if rng.f64() < p { 2 } else { 0 };
        d.symptoms.push(rating(at(day, 18, 0), "bloating", level));
    }
    let r = review(&d);
    let f = finding(&r.findings, "tag:dairy", "bloating").unwrap();
    let mut all: Vec<&str> = f.together_with.iter().map(String::as_str).collect();
    all.push(&f.factor);
    all.sort();
    assert_eq!(
        all,
        [
            "fodmap:fructans",
            "food:pizza",
            "tag:dairy",
            "tag:processed"
        ]
    );
    for f in &r.findings {
        let names: Vec<&str> = std::iter::once(f.factor.as_str())
            .chain(f.together_with.iter().map(String::as_str))
            .collect();
        assert!(
            !(names.contains(&"tag:gluten") && names.contains(&"tag:caffeine")),
            "two everyday tags lumped together: {f:#?}"
        );
    }
}

#[test]
fn a_complement_is_not_a_separate_helper() {
    // Alcohol is the only irritant: "Avoid irritants" is kept exactly on
    // the days without it. Headache follows alcohol; the habit is the same
    // signal, named in `complements`, not a helper of its own.
    let drink = pattern(10, 0.4);
    let mut d = Diary::default();
    let mut rng = fastrand::Rng::with_seed(11);
    for (day, on) in days_of(|i| drink[i]) {
        d.meals
            .push(meal(at(day, 8, 0), &["oats"], &["whole_food"]));
        if on {
            d.meals.push(meal(at(day, 19, 0), &["wine"], &["alcohol"]));
        }
        let level = if rng.f64() < if on { 0.8 } else { 0.1 } {
            2
        } else {
            0
        };
        d.symptoms.push(rating(at(day, 21, 0), "headache", level));
    }
    let r = review(&d);
    let f = finding(&r.findings, "tag:alcohol", "headache").unwrap();
    assert_eq!(f.verdict, Verdict::Likely);
    assert!(
        f.complements.iter().any(|c| c == "habit:remove_irritants"),
        "{:?}",
        f.complements
    );
    assert!(
        r.findings
            .iter()
            .all(|f| f.factor != "habit:remove_irritants"),
        "{:#?}",
        r.findings
    );
}

#[test]
fn everyday_factors_are_not_tested_and_said_so() {
    let mut d = Diary::default();
    let mut rng = fastrand::Rng::with_seed(12);
    for (day, _) in days_of(|_| true) {
        // Coffee every single day.
        d.meals
            .push(meal(at(day, 8, 0), &["coffee"], &["caffeine"]));
        let level = if rng.f64() < 0.3 { 2 } else { 0 };
        d.symptoms.push(rating(at(day, 18, 0), "bloating", level));
    }
    let r = review(&d);
    let caffeine = r
        .analysis
        .not_tested
        .iter()
        .find(|n| n.factor == "tag:caffeine")
        .expect("caffeine not tested");
    assert_eq!(caffeine.reason, NotTestedReason::EveryDay);
    assert_eq!((caffeine.days_with, caffeine.days_known), (56, 56));
    assert!(r.findings.iter().all(|f| f.factor != "tag:caffeine"));
    let text = gutlog::cli::report::text(&r, gutlog::domain::water::WaterUnit::default());
    let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        squeezed.contains("Not tested, on nearly every day: caffeine (56 of 56 days)"),
        "{text}"
    );
}

#[test]
fn a_day_without_a_check_in_is_left_out() {
    // Fatigue on about 40% of days; the check-in (8 glasses, 8 h: "water
    // and sleep" kept) is skipped on every fatigue day. Counted as "not
    // kept", those days would make the habit look like a helper.
    let mut d = Diary::default();
    let mut rng = fastrand::Rng::with_seed(13);
    let mut checkin_days = 0;
    for (day, _) in days_of(|_| true) {
        d.meals.push(meal(at(day, 8, 0), &["toast"], &[]));
        let tired = rng.f64() < 0.4;
        d.symptoms
            .push(rating(at(day, 18, 0), "fatigue", if tired { 2 } else { 0 }));
        if !tired {
            checkin_days += 1;
            d.checkins.push(CheckIn {
                water_glasses: Some(if rng.bool() { 8 } else { 4 }),
                sleep_hours: Some(8.0),
                ..CheckIn::empty(day)
            });
        }
    }
    let r = review(&d);
    assert_eq!(r.analysis.status, AnalysisStatus::Ok);
    for f in r
        .findings
        .iter()
        .filter(|f| f.factor.starts_with("habit:") && f.factor != "habit:reduce_stress")
    {
        assert!(
            f.exposed_days + f.unexposed_days <= checkin_days,
            "{}: {} days counted, {checkin_days} with a check-in",
            f.factor,
            f.exposed_days + f.unexposed_days
        );
    }
    assert!(
        finding(&r.findings, "habit:hydration_sleep", "fatigue").is_none(),
        "{:#?}",
        r.findings
    );
}

#[test]
fn nothing_found_says_what_could_have_been_seen() {
    let mut d = Diary::default();
    let mut rng = fastrand::Rng::with_seed(14);
    let tags = pattern(15, 0.4);
    for (i, (day, _)) in days_of(|_| true).into_iter().enumerate().skip(36) {
        let t: &[&str] = if tags[i] { &["dairy"] } else { &[] };
        d.meals.push(meal(at(day, 12, 0), &["lunch"], t));
        let level = if rng.f64() < 0.3 { 2 } else { 0 };
        d.symptoms.push(rating(at(day, 18, 0), "bloating", level));
    }
    let r = review(&d);
    assert_eq!(r.analysis.meal_days, 20);
    assert!(r.findings.iter().all(|f| f.verdict == Verdict::Possible));
    let det = &r.analysis.detectable[0];
    assert_eq!(det.symptom, "bloating");
    let rr = det.relative_risk.expect("some effect could have shown");
    assert!(rr > 1.5, "{rr}");
    if r.findings.is_empty() {
        let msg = r.analysis.message.as_deref().unwrap();
        assert!(msg.contains("with 20 days with meals"), "{msg}");
        assert!(
            msg.contains(&format!("about {rr:.1} times as common")),
            "{msg}"
        );
    }
    // With no symptom at the threshold, it says there was nothing to compare.
    d.symptoms.clear();
    let r = review(&d);
    assert!(r.analysis.detectable.is_empty());
    let msg = r.analysis.message.as_deref().unwrap();
    assert!(msg.contains("nothing to compare"), "{msg}");
}

#[test]
fn readme_states_the_analysis_constants() {
    use gutlog::analysis::triggers::*;
    use gutlog::analysis::{MIN_LABEL_DAYS, TOGETHER_PHI};
    let readme = include_str!("../../README.md");
    let section = &readme[readme.find("### The trigger analysis").unwrap()
        ..readme
            .find("### What this can and cannot tell you")
            .unwrap()];
    let squeezed: String = section.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        format!("at least {MIN_LABEL_DAYS} days with meals"),
        format!("phi ≥ {TOGETHER_PHI}"),
        format!("phi ≤ −{TOGETHER_PHI}"),
        format!("fewer than {MIN_MEAL_DAYS} days with meals"),
        format!("fewer than {MIN_GROUP_DAYS} exposed or fewer than {MIN_GROUP_DAYS} unexposed"),
        format!("q ≤ {MAX_Q:.2}"),
        format!("p ≤ {MAX_P_POSSIBLE}"),
        format!("k = 1 to {RUNS_MAX_LAG} days"),
        format!("weight {MAIN_WEIGHT}"),
        format!("n·phi² ≥ {RELATED_CHI2}"),
        format!("on {}% of the days", (EXAMPLE_SHARE * 100.0).round()),
        format!("reach {MAX_Q:.2}/K"),
        "1.959964".to_string(),
    ] {
        assert!(squeezed.contains(&needle), "README lacks {needle:?}");
    }
    // The check-in habits' words, as the analysis prints them.
    for h in &gutlog::content::insights().checkin_habits {
        let label = h.label();
        let words = &label[label.find('(').unwrap() + 1..label.len() - 1];
        assert!(
            squeezed.contains(&format!("`{}` ({words})", h.id)),
            "README lacks {}: {words}",
            h.id
        );
    }
}

#[test]
fn checkin_habit_words_come_from_the_same_numbers() {
    for h in &gutlog::content::insights().checkin_habits {
        let limit = h.limit();
        assert!(limit.is_finite(), "{} has no limit", h.id);
        assert!(h.label().contains(&limit.to_string()), "{}", h.label());
        let mut c = CheckIn::empty(date(END));
        c.sleep_hours = Some(limit);
        c.stress = Some(limit as u8);
        c.water_glasses = Some(limit as u32);
        c.movement_minutes = Some(limit as u32);
        // At the limit: "below" is false, "at least" is true.
        assert_eq!(h.holds(&c), Some(h.at_least.is_some()), "{}", h.id);
        assert_eq!(h.holds(&CheckIn::empty(date(END))), None, "{}", h.id);
    }
}

/// FODMAP groups are factors, computed from the foods when the analysis
/// runs: meals logged with no FODMAP tags at all (as old diaries have
/// them) still count, and three different fructan foods add up to one
/// factor that none of them reaches alone.
#[test]
fn fodmap_groups_are_factors_computed_from_the_foods() {
    let trigger = pattern(21, 0.4);
    let mut d = Diary::default();
    let mut rng = fastrand::Rng::with_seed(22);
    let fructans = ["garlic", "onion", "leek"];
    for (i, (day, _)) in days_of(|_| true).into_iter().enumerate() {
        d.meals.push(meal(at(day, 8, 0), &["eggs"], &[]));
        if trigger[i] {
            // Stored without tags, as an old diary might hold it.
            d.meals
                .push(meal(at(day, 13, 0), &[fructans[i % 3], "rice"], &[]));
        }
        let p = if trigger[i] { 0.8 } else { 0.1 };
        let level = if rng.f64() < p { 2 } else { 0 };
        d.symptoms.push(rating(at(day, 18, 0), "bloating", level));
    }
    let r = review(&d);
    let f = finding(&r.findings, "fodmap:fructans", "bloating").expect("a fructans finding");
    assert_eq!(f.verdict, Verdict::Likely, "{f:#?}");
    assert!(
        f.factor_label.contains("fructans (FODMAP)")
            || f.together_with.iter().any(|t| t == "fodmap:fructans"),
        "{f:#?}"
    );
    for food in fructans {
        let one = finding(&r.findings, &format!("food:{food}"), "bloating");
        assert!(
            one.is_none_or(|o| o.verdict != Verdict::Likely || o.factor == "fodmap:fructans"),
            "{food} alone: {one:#?}"
        );
    }
}
