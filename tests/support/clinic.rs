//! A 90-day fixture diary for the report to a clinician and the CSV export,
//! built from simple rules so every figure is known by construction (the
//! tests count them from these rules, not from gutlog's code).
#![allow(dead_code)]

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use gutlog::analysis::Diary;
use gutlog::domain::{
    Bristol, CheckIn, Intake, IntakeKind, Meal, PlanRun, PlanTick, RedFlagEntry, Severity, Slot,
    Stool, SymptomRating,
};
use gutlog::exchange::Exchange;

/// The report's last day and the pinned "now".
pub const END: &str = "2026-11-22";
pub const NOW: &str = "2026-11-22T21:00:00";
pub const DAYS: i64 = 90;
/// A meal note with every character HTML must escape.
pub const SCRIPT_NOTE: &str = "<script>alert(1)</script> & \"x\"";
/// A symptom note with a comma, quotes, a newline and an emoji.
pub const AWKWARD_NOTE: &str = "Worse after dinner, 2 hours later;\n\"sharp\" pain 😣";
pub const CHECKIN_NOTE: &str = "Stressful week at work";

pub fn end() -> NaiveDate {
    NaiveDate::parse_from_str(END, "%Y-%m-%d").unwrap()
}

pub fn start() -> NaiveDate {
    end() - Duration::days(DAYS - 1)
}

pub fn day(i: i64) -> NaiveDate {
    start() + Duration::days(i)
}

fn at(i: i64, h: u32, m: u32) -> NaiveDateTime {
    day(i).and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

/// Days nobody logged: 7, 22, 37, 52, 67, 82.
pub fn logged(i: i64) -> bool {
    i % 15 != 7
}

/// Pasta (gluten, dairy) for dinner every third day.
pub fn pasta(i: i64) -> bool {
    i % 3 == 0
}

/// Bloating: 2 after pasta (3 every sixth day), 1 on other days divisible by 5, else 0.
pub fn bloating(i: i64) -> u8 {
    if pasta(i) {
        if i % 6 == 0 {
            3
        } else {
            2
        }
    } else if i % 5 == 0 {
        1
    } else {
        0
    }
}

/// Gas: rated only on even days, mild on every fourth.
pub fn gas(i: i64) -> Option<u8> {
    (i % 2 == 0).then_some(if i % 4 == 0 { 1 } else { 0 })
}

/// Bristol types: one stool a day, plus a loose one on every fourth day.
pub fn stools(i: i64) -> Vec<u8> {
    let first = [4, 4, 3, 6, 4, 5, 7, 4, 2, 4][(i % 10) as usize];
    if i % 4 == 0 {
        vec![first, 6]
    } else {
        vec![first]
    }
}

pub fn ibuprofen(i: i64) -> bool {
    [10, 40, 70].contains(&i)
}

pub fn amoxicillin(i: i64) -> bool {
    (20..=26).contains(&i)
}

/// Omeprazole on days 60–73, forgotten on day 65.
pub fn omeprazole(i: i64) -> bool {
    (60..=73).contains(&i) && i != 65
}

/// Fever on days 50 and 53, blood in stool on day 80.
pub fn red_flags() -> Vec<(i64, &'static str)> {
    vec![(50, "fever"), (53, "fever"), (80, "blood_in_stool")]
}

pub fn mood(i: i64) -> u8 {
    (1 + i % 5) as u8
}

fn id(kind: &str, i: i64, n: usize) -> String {
    format!("{kind}-{i:03}-{n}")
}

pub fn exchange() -> Exchange {
    let mut ex = Exchange::empty();
    for i in 0..DAYS {
        if !logged(i) {
            continue;
        }
        ex.meals.push(Meal {
            id: id("meal", i, 0),
            at: at(i, 7, 30),
            slot: Slot::Breakfast,
            foods: vec!["oats".into(), "banana".into()],
            tags: vec!["whole_food".into()],
            note: None,
        });
        ex.meals.push(Meal {
            id: id("meal", i, 1),
            at: at(i, 19, 0),
            slot: Slot::Dinner,
            foods: if pasta(i) {
                vec!["pasta".into(), "parmesan".into()]
            } else {
                vec!["rice".into(), "chicken".into()]
            },
            tags: if pasta(i) {
                vec!["gluten".into(), "dairy".into()]
            } else {
                vec!["whole_food".into()]
            },
            note: (i == 85).then(|| SCRIPT_NOTE.to_string()),
        });
        ex.symptoms.push(SymptomRating {
            id: id("sym", i, 0),
            at: at(i, 21, 0),
            symptom: "bloating".into(),
            severity: Severity::new(bloating(i) as i64).unwrap(),
            note: (i == 86).then(|| AWKWARD_NOTE.to_string()),
        });
        if let Some(g) = gas(i) {
            ex.symptoms.push(SymptomRating {
                id: id("sym", i, 1),
                at: at(i, 21, 0),
                symptom: "gas".into(),
                severity: Severity::new(g as i64).unwrap(),
                note: None,
            });
        }
        // Heartburn is rated every day and never present.
        ex.symptoms.push(SymptomRating {
            id: id("sym", i, 2),
            at: at(i, 21, 0),
            symptom: "heartburn".into(),
            severity: Severity::new(0).unwrap(),
            note: None,
        });
        for (n, kind) in stools(i).into_iter().enumerate() {
            ex.stools.push(Stool {
                id: id("stool", i, n),
                at: at(i, 8 + 6 * n as u32, 0),
                bristol: Bristol::new(kind as i64).unwrap(),
            });
        }
        ex.checkins.push(CheckIn {
            date: day(i),
            mood: Some(mood(i)),
            energy: Some(3),
            stress: Some(if i % 7 == 0 { 5 } else { 2 }),
            sleep_hours: Some(7.5),
            water_glasses: Some(6),
            movement_minutes: Some(30),
            note: (i == 88).then(|| CHECKIN_NOTE.to_string()),
        });
        for (name, kind, taken) in [
            ("ibuprofen", IntakeKind::Nsaid, ibuprofen(i)),
            ("amoxicillin", IntakeKind::Antibiotic, amoxicillin(i)),
            ("omeprazole", IntakeKind::Antacid, omeprazole(i)),
        ] {
            if taken {
                ex.intakes.push(Intake {
                    id: id(name, i, 0),
                    at: at(i, 9, 0),
                    name: name.into(),
                    kind,
                });
            }
        }
    }
    for (i, flag) in red_flags() {
        ex.red_flags.push(RedFlagEntry {
            date: day(i),
            flag: flag.into(),
        });
    }
    ex.plan_runs.push(PlanRun {
        id: "plan-1".into(),
        started_on: day(78),
        ticks: (1..=5)
            .map(|d| PlanTick {
                day: d,
                done_at: at(78 + d as i64 - 1, 21, 30),
            })
            .collect(),
        reflection: Some("Felt calmer, 🍵 helped".into()),
        created_at: None,
    });
    ex
}

/// The same records as the analysis reads them.
pub fn diary() -> Diary {
    let ex = exchange();
    Diary {
        meals: ex.meals,
        symptoms: ex.symptoms,
        stools: ex.stools,
        checkins: ex.checkins,
        intakes: ex.intakes,
        red_flags: ex.red_flags,
        habit_ticks: ex.habits,
        plan_runs: ex.plan_runs,
        food_tags: vec![],
        food_parts: vec![],
    }
}
