//! Synthetic diaries for the analysis tests: meals with chosen tags, and a
//! symptom whose chance each day is set by the test, so effects are planted
//! and known. Seeded, so every run sees the same diaries.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use gutlog::analysis::Diary;
use gutlog::domain::{CheckIn, Meal, Severity, Slot, SymptomRating};

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

pub fn meal(when: NaiveDateTime, foods: &[&str], tags: &[&str]) -> Meal {
    Meal {
        id: format!("m-{when}-{}", foods.join("+")),
        at: when,
        slot: Slot::for_time(when),
        foods: foods.iter().map(|s| s.to_string()).collect(),
        tags: tags.iter().map(|s| s.to_string()).collect(),
        note: None,
    }
}

pub fn rating(when: NaiveDateTime, symptom: &str, level: i64) -> SymptomRating {
    SymptomRating {
        id: format!("s-{when}-{symptom}"),
        at: when,
        symptom: symptom.to_string(),
        severity: Severity::new(level).unwrap(),
        note: None,
    }
}

/// A tag put on lunch on a random share of days.
pub struct TagPlan {
    pub tag: &'static str,
    pub share: f64,
}

/// `days` days ending on `end`: breakfast at 08:00 ("toast"), lunch at 12:30
/// ("lunch") carrying the planned tags, and each symptom rated once at 16:00
/// (a few hours after lunch): moderate with the chance `chance(symptom,
/// tags of the day)` returns, else none.
pub fn diary(
    seed: u64,
    days: u32,
    end: NaiveDate,
    tags: &[TagPlan],
    symptoms: &[&str],
    chance: impl Fn(&str, &[&str]) -> f64,
) -> Diary {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut diary = Diary::default();
    for offset in (0..days as i64).rev() {
        let d = end - Duration::days(offset);
        let today: Vec<&str> = tags
            .iter()
            .filter(|t| rng.f64() < t.share)
            .map(|t| t.tag)
            .collect();
        diary.meals.push(meal(at(d, 8, 0), &["toast"], &[]));
        diary.meals.push(meal(at(d, 12, 30), &["lunch"], &today));
        for s in symptoms {
            let level = if rng.f64() < chance(s, &today) { 2 } else { 0 };
            diary.symptoms.push(rating(at(d, 16, 0), s, level));
        }
    }
    diary
}

/// Random check-ins with no link to anything, for the no-effect diaries.
pub fn random_checkins(rng: &mut fastrand::Rng, days: u32, end: NaiveDate) -> Vec<CheckIn> {
    (0..days as i64)
        .map(|offset| CheckIn {
            date: end - Duration::days(offset),
            mood: Some(rng.u8(1..=5)),
            energy: Some(rng.u8(1..=5)),
            stress: Some(rng.u8(1..=5)),
            sleep_hours: Some(rng.u32(10..=18) as f64 / 2.0),
            water_glasses: Some(rng.u32(2..=10)),
            movement_minutes: Some(rng.u32(0..=8) * 5),
            note: None,
        })
        .collect()
}
