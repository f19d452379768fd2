//! A realistic synthetic diary for trying the app and for benchmarks.
//!
//! Deterministic for a given seed and end date. It plants a few effects
//! (dairy → bloating, short sleep → fatigue, alcohol → next-day headache,
//! high stress → heartburn, high-FODMAP foods → gas) so that the weekly
//! review has something to find; they are synthetic, not claims about
//! anyone's gut. Dairy is on about 60% of days and alcohol on about 15%, so
//! the strongest three show as `likely` at the default 56 days; high-FODMAP
//! foods are on nearly every day, as in many real diaries, so the review
//! says it cannot test them.

use crate::domain::food::{meal_tags, split_foods, FoodBook};
use crate::domain::{
    Bristol, CheckIn, HabitTick, Intake, IntakeKind, Meal, PlanRun, PlanTick, Severity, Slot,
    Stool, SymptomRating,
};
use crate::exchange::Exchange;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

const BREAKFASTS: &[&str] = &[
    "oats, banana, milk",
    "toast, jam, coffee",
    "yogurt, blueberries, honey",
    "eggs, toast, coffee",
    "porridge, apple, tea",
    "bagel, cream cheese, coffee",
    "rice cakes, peanut butter, tea",
    "avocado, sourdough, egg",
];
const LUNCHES: &[&str] = &[
    "chicken, salad, olive oil",
    "ham, bread, crisps",
    "lentil soup, bread",
    "sushi, miso soup",
    "burrito, salsa",
    "quinoa, chickpeas, spinach",
    "pizza",
    "tuna, rice, cucumber",
];
const DINNERS: &[&str] = &[
    "salmon, rice, broccoli",
    "pasta, parmesan, tomato",
    "curry, rice",
    "burger, fries",
    "tofu, garlic, noodles",
    "steak, potato, asparagus",
    "chicken, sweet potato, kimchi",
    "bone broth, carrot, onion",
    "tacos, cheese, beans",
];
const SNACKS: &[&str] = &[
    "apple",
    "chocolate",
    "almonds",
    "crisps",
    "cookie",
    "hummus, carrot",
    "ice cream",
    "banana",
];
const DRINKS: &[&str] = &["beer", "wine", "tea", "soda", "kombucha"];

struct Gen {
    rng: fastrand::Rng,
}

impl Gen {
    fn id(&mut self) -> String {
        uuid::Builder::from_random_bytes(self.rng.u128(..).to_le_bytes())
            .into_uuid()
            .to_string()
    }
    fn chance(&mut self, p: f64) -> bool {
        self.rng.f64() < p
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.rng.usize(..items.len())]
    }
    fn at(&mut self, date: NaiveDate, hour: u32, spread_min: i64) -> NaiveDateTime {
        let base = date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("valid hour"));
        base + Duration::minutes(self.rng.i64(0..=spread_min) / 5 * 5)
    }
}

fn rating(
    g: &mut Gen,
    at: NaiveDateTime,
    symptom: &str,
    p_moderate: f64,
    p_mild: f64,
) -> Option<SymptomRating> {
    let r = g.rng.f64();
    let level = if r < p_moderate {
        if g.chance(0.3) {
            3
        } else {
            2
        }
    } else if r < p_moderate + p_mild {
        1
    } else {
        0
    };
    Some(SymptomRating {
        id: g.id(),
        at,
        symptom: symptom.to_string(),
        severity: Severity::new(level).ok()?,
        note: None,
    })
}

/// A diary of `days` days ending on `end`.
pub fn generate(days: u32, seed: u64, end: NaiveDate) -> Exchange {
    let mut g = Gen {
        rng: fastrand::Rng::with_seed(seed),
    };
    let book = FoodBook::bundled();
    let mut ex = Exchange::empty();
    let start = end - Duration::days(days as i64 - 1);
    let mut had_alcohol_yesterday = false;
    for offset in 0..days as i64 {
        let date = start + Duration::days(offset);
        // Some days go unlogged, but never the last three.
        if g.chance(0.08) && offset < days as i64 - 3 {
            had_alcohol_yesterday = false;
            continue; // a day nobody logged
        }
        let mut tags_today: Vec<String> = Vec::new();
        let mut add_meal = |g: &mut Gen, slot: Slot, hour: u32, menu: &[&str]| {
            let foods = split_foods(g.pick(menu));
            let tags = meal_tags(&book, &foods, &[], &[]);
            tags_today.extend(tags.iter().cloned());
            let at = g.at(date, hour, 90);
            ex.meals.push(Meal {
                id: g.id(),
                at,
                slot,
                foods,
                tags,
                note: None,
            });
        };
        add_meal(&mut g, Slot::Breakfast, 7, BREAKFASTS);
        if g.chance(0.9) {
            add_meal(&mut g, Slot::Lunch, 12, LUNCHES);
        }
        if g.chance(0.5) {
            add_meal(&mut g, Slot::Snack, 15, SNACKS);
        }
        add_meal(&mut g, Slot::Dinner, 18, DINNERS);
        if g.chance(0.4) {
            add_meal(&mut g, Slot::Drink, 20, DRINKS);
        }
        let has = |t: &str| tags_today.iter().any(|x| x == t);
        let dairy = has("dairy");
        let fodmap = has("high_fodmap");
        let alcohol = has("alcohol");

        let sleep = (g.rng.u32(10..=18) as f64) / 2.0;
        let stress = g.rng.u8(1..=5);
        let evening = g.at(date, 21, 60);
        let planted = [
            ("bloating", if dairy { 0.65 } else { 0.1 }, 0.25),
            ("gas", if fodmap { 0.45 } else { 0.15 }, 0.25),
            ("fatigue", if sleep < 7.0 { 0.65 } else { 0.08 }, 0.25),
            (
                "headache",
                if had_alcohol_yesterday { 0.6 } else { 0.05 },
                0.1,
            ),
            ("heartburn", if stress >= 4 { 0.35 } else { 0.07 }, 0.1),
        ];
        for (symptom, p_mod, p_mild) in planted {
            if let Some(r) = rating(&mut g, evening, symptom, p_mod, p_mild) {
                // Zeros are logged for the common three, like the TUI's rows.
                if r.severity.level() > 0 || matches!(symptom, "bloating" | "gas" | "fatigue") {
                    ex.symptoms.push(r);
                }
            }
        }
        had_alcohol_yesterday = alcohol;

        for _ in 0..g.rng.usize(1..=2) {
            let kind = if fodmap && g.chance(0.3) {
                6
            } else {
                [2, 3, 4, 4, 4, 5][g.rng.usize(..6)]
            };
            let at = g.at(date, 7, 240);
            ex.stools.push(Stool {
                id: g.id(),
                at,
                bristol: Bristol::new(kind).expect("1..=7"),
            });
        }

        if g.chance(0.9) {
            ex.checkins.push(CheckIn {
                date,
                mood: Some(g.rng.u8(2..=5)),
                energy: Some(if sleep < 7.0 {
                    g.rng.u8(1..=3)
                } else {
                    g.rng.u8(2..=5)
                }),
                stress: Some(stress),
                sleep_hours: Some(sleep),
                water_glasses: Some(g.rng.u32(3..=10)),
                movement_minutes: Some(g.rng.u32(0..=12) * 5),
                note: None,
            });
        }
        // A probiotic most days in alternate months; a pain reliever now and then.
        if (offset / 30) % 2 == 1 && g.chance(0.8) {
            let at = g.at(date, 8, 30);
            ex.intakes.push(Intake {
                id: g.id(),
                at,
                name: "probiotic".into(),
                kind: IntakeKind::Probiotic,
            });
        }
        if g.chance(0.05) {
            let at = g.at(date, 13, 300);
            ex.intakes.push(Intake {
                id: g.id(),
                at,
                name: "ibuprofen".into(),
                kind: IntakeKind::Nsaid,
            });
        }
        if g.chance(0.3) {
            ex.habits.push(HabitTick {
                date,
                habit: "reduce_stress".into(),
            });
        }
    }
    // The 7-day plan, begun ten days before the end (or at the start).
    let plan_start = std::cmp::max(start, end - Duration::days(9));
    let ticks = (1..=7u8)
        .filter_map(|day| {
            let date = plan_start + Duration::days(day as i64 - 1);
            (date <= end && g.chance(0.85)).then(|| PlanTick {
                day,
                done_at: date.and_hms_opt(21, 30, 0).expect("valid time"),
            })
        })
        .collect();
    ex.plan_runs.push(PlanRun {
        id: g.id(),
        started_on: plan_start,
        ticks,
        reflection: None,
        created_at: None,
    });
    ex
}
