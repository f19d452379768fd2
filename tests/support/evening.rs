//! The evening of issue 9, as data shared by the flow test
//! (tests/tui_evening.rs) and the real-terminal benchmark
//! (benches/evening.rs): the 14 days of history before it, the keys, and
//! what the diary must hold afterwards.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use gutlog::domain::food::{split_foods, FoodBook};
use gutlog::domain::{
    Bristol, CheckIn, Intake, IntakeKind, Meal, PlanRun, PlanTick, Severity, Slot, Stool,
    SymptomRating,
};
use gutlog::exchange::Exchange;

/// The evening: Friday 20 November 2026, 21:30.
pub const NOW: &str = "2026-11-20T21:30:00";

pub fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M:%S").unwrap()
}

pub enum Step {
    /// Keys that count, in tests/support's key syntax ("a", "<Enter>", "6.5").
    Keys(&'static str),
    /// Food or supplement names, typed as text (not counted; the commas
    /// between foods are counted apart).
    Names(&'static str),
    /// Text on screen to wait for before the next step.
    Wait(&'static str),
}

use Step::{Keys, Names, Wait};

/// breakfast oatmeal, banana, coffee (08:00); lunch cheese sandwich, apple
/// (12:30); dinner pasta, garlic bread, side salad, red wine (19:30);
/// bloating moderate, gas mild, fatigue mild; one stool, Bristol 4;
/// mood 3, energy 2, stress 4, sleep 6.5 h, water 5, movement 20 min;
/// L-glutamine; today's plan step ticked.
pub const EVENING: &[Step] = &[
    Wait("Symptoms"),
    // Meals: the form offers the first meal not logged yet, at its usual
    // time, and after each one the next.
    Keys("a"),
    Wait("Add a meal"),
    Names("oatmeal, banana, coffee"),
    Keys("<Enter>"),
    Wait("Saved: breakfast at 08:00"),
    Names("cheese sandwich, apple"),
    Keys("<Enter>"),
    Wait("Saved: lunch at 12:30"),
    Names("pasta, garlic bread, side salad, red wine"),
    Keys("<Enter>"),
    Wait("Saved: dinner at 19:30"),
    // Symptoms: go there, a digit rates and moves down, / jumps.
    Keys("s21/f1"),
    Wait("Saved: fatigue mild"),
    // Check-in: go there, digits for the scales, typed numbers.
    Keys("c324"),
    Wait("Saved: stress 4/5"),
    Keys("6.5"),
    Wait("Saved: sleep 6.5 h"),
    Keys("5<Enter>"),
    Wait("Saved: water 5 glasses"),
    Keys("20<Enter>"),
    Wait("Saved: movement 20 min"),
    // A stool: go to stools, the Bristol type.
    Keys("b4"),
    Wait("Saved: stool type 4"),
    // The supplement: go to medicines, add, its name.
    Keys("ia"),
    Wait("Add a medicine"),
    Names("L-glutamine"),
    Keys("<Enter>"),
    Wait("Saved: L-glutamine"),
    // Today's plan step.
    Keys("p "),
    Wait("plan day 3 ticked"),
    Keys("q"),
];

/// Keys in a `Keys` spec: "<Enter>" is one key, any other character one.
pub fn key_count(spec: &str) -> usize {
    let mut n = 0;
    let mut in_name = false;
    for c in spec.chars() {
        match (in_name, c) {
            (false, '<') => in_name = true,
            (true, '>') => {
                in_name = false;
                n += 1
            }
            (true, _) => {}
            (false, _) => n += 1,
        }
    }
    n
}

/// (keys beyond the names, commas between foods).
pub fn counts() -> (usize, usize) {
    let keys = EVENING
        .iter()
        .map(|s| match s {
            Keys(k) => key_count(k),
            _ => 0,
        })
        .sum();
    let commas = EVENING
        .iter()
        .map(|s| match s {
            Names(n) => n.matches(',').count(),
            _ => 0,
        })
        .sum();
    (keys, commas)
}

/// 14 days before the evening, logged the way this person usually logs:
/// meals around 08:00, 12:30 and 19:30, a daily probiotic, check-ins,
/// some symptoms, and a 7-day plan started two days ago.
pub fn history() -> Exchange {
    let today = now().date();
    let book = FoodBook::bundled();
    let mut ex = Exchange::empty();
    // Minutes off the usual time; the median is 0.
    let offsets = [-15, 10, -10, 0, 5, -5, 20, 0, -10, 15, 5, 0, -5, 10];
    let menus = [
        (
            "oatmeal, banana, coffee",
            "soup, bread",
            "rice, chicken, broccoli",
        ),
        ("toast, butter, tea", "salad, tuna", "pasta, tomato"),
        ("yogurt, blueberries", "rice, salmon", "curry, rice"),
    ];
    let id = |kind: &str, day: i64, n: usize| format!("evening-{kind}-{day}-{n}");
    for back in 1..=14i64 {
        let date = today - Duration::days(back);
        let at = |h: u32, m: u32, off: i64| {
            date.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap()) + Duration::minutes(off)
        };
        let off = offsets[(back - 1) as usize];
        let menu = menus[back as usize % 3];
        for (n, (slot, foods, when)) in [
            (Slot::Breakfast, menu.0, at(8, 0, off)),
            (Slot::Lunch, menu.1, at(12, 30, -off)),
            (Slot::Dinner, menu.2, at(19, 30, off)),
        ]
        .into_iter()
        .enumerate()
        {
            let foods = split_foods(foods);
            ex.meals.push(Meal {
                id: id("meal", back, n),
                at: when,
                slot,
                tags: book.infer(&foods),
                foods,
                note: None,
            });
        }
        ex.symptoms.push(SymptomRating {
            id: id("symptom", back, 0),
            at: at(21, 0, 0),
            symptom: "bloating".into(),
            severity: Severity::new(back % 3).unwrap(),
            note: None,
        });
        ex.stools.push(Stool {
            id: id("stool", back, 0),
            at: at(7, 40, 0),
            bristol: Bristol::new(3 + back % 3).unwrap(),
        });
        ex.intakes.push(Intake {
            id: id("intake", back, 0),
            at: at(8, 5, 0),
            name: "probiotic".into(),
            kind: IntakeKind::Probiotic,
        });
        ex.checkins.push(CheckIn {
            date,
            mood: Some(3),
            energy: Some(3),
            stress: Some(3),
            sleep_hours: Some(7.0),
            water_glasses: Some(6),
            movement_minutes: Some(30),
            note: None,
        });
    }
    let started = today - Duration::days(2);
    ex.plan_runs.push(PlanRun {
        id: "evening-plan".into(),
        started_on: started,
        ticks: (1..=2)
            .map(|day| PlanTick {
                day,
                done_at: at_date(started + Duration::days(day as i64 - 1), 21, 0),
            })
            .collect(),
        reflection: None,
        created_at: None,
    });
    ex
}

fn at_date(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_hms_opt(h, m, 0).unwrap()
}

/// Checks the evening's day as `gutlog day --json` prints it (a DayLog),
/// and that today's plan step (day 3) is ticked; says what is wrong.
pub fn check(day: &serde_json::Value, plan_day3_ticked: bool) -> Result<(), String> {
    let book = FoodBook::bundled();
    let mut errors = Vec::new();
    let mut want = |ok: bool, what: String| {
        if !ok {
            errors.push(what);
        }
    };
    let meals = day["meals"].as_array().cloned().unwrap_or_default();
    let expect = [
        (
            "2026-11-20T08:00:00",
            "breakfast",
            "oatmeal, banana, coffee",
        ),
        ("2026-11-20T12:30:00", "lunch", "cheese sandwich, apple"),
        (
            "2026-11-20T19:30:00",
            "dinner",
            "pasta, garlic bread, side salad, red wine",
        ),
    ];
    want(meals.len() == 3, format!("3 meals, got {}", meals.len()));
    for (m, (at, slot, foods)) in meals.iter().zip(expect) {
        let foods = split_foods(foods);
        want(m["at"] == at, format!("meal at {at}, got {}", m["at"]));
        want(m["slot"] == slot, format!("{slot}, got {}", m["slot"]));
        want(
            m["foods"] == serde_json::json!(foods),
            format!("foods {foods:?}, got {}", m["foods"]),
        );
        let tags = book.infer(&foods);
        want(
            m["tags"] == serde_json::json!(tags),
            format!("{slot} tags {tags:?}, got {}", m["tags"]),
        );
    }
    let symptoms = day["symptoms"].as_array().cloned().unwrap_or_default();
    let mut got: Vec<(String, i64, String)> = symptoms
        .iter()
        .map(|r| {
            (
                r["symptom"].as_str().unwrap_or("").to_string(),
                r["severity"].as_i64().unwrap_or(-1),
                r["at"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    got.sort();
    let at = "2026-11-20T21:30:00".to_string();
    want(
        got == vec![
            ("bloating".into(), 2, at.clone()),
            ("fatigue".into(), 1, at.clone()),
            ("gas".into(), 1, at.clone()),
        ],
        format!("bloating 2, gas 1, fatigue 1 at 21:30; got {got:?}"),
    );
    let stools = day["stools"].as_array().cloned().unwrap_or_default();
    want(
        stools.len() == 1 && stools[0]["bristol"] == 4 && stools[0]["at"] == at.as_str(),
        format!("one stool, type 4, at 21:30; got {stools:?}"),
    );
    let c = &day["checkin"];
    for (field, value) in [
        ("mood", serde_json::json!(3)),
        ("energy", serde_json::json!(2)),
        ("stress", serde_json::json!(4)),
        ("sleep_hours", serde_json::json!(6.5)),
        ("water_glasses", serde_json::json!(5)),
        ("movement_minutes", serde_json::json!(20)),
    ] {
        want(
            c[field] == value,
            format!("check-in {field} {value}, got {}", c[field]),
        );
    }
    let intakes = day["intakes"].as_array().cloned().unwrap_or_default();
    want(
        intakes.len() == 1
            && intakes[0]["name"] == "L-glutamine"
            && intakes[0]["kind"] == "supplement"
            && intakes[0]["at"] == at.as_str(),
        format!("L-glutamine (supplement) at 21:30; got {intakes:?}"),
    );
    want(plan_day3_ticked, "plan day 3 ticked".into());
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}
