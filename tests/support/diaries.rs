//! Realistic generated diaries, for the accuracy bench
//! (`cargo bench --bench insights-accuracy`) and the light accuracy tests.
//!
//! A generated life has what real diaries have and simple ones lack:
//!
//! - **runs of days**: a meal choice is eaten again the next day with
//!   probability `runs` (leftovers, habits), so each food's daily indicator
//!   has lag-1 correlation `runs`; add-ons (beer, the planted food) follow a
//!   two-state chain with the same correlation;
//! - **flares**: each symptom comes from a latent AR(1) "gut state" over a
//!   threshold, its correlation solved so that the symptom's own day-to-day
//!   correlation is `runs` (not a Markov chain: a flare's length is not
//!   memoryless);
//! - **weekends**: late brunches, more beer on Fridays and Saturdays;
//! - **bystanders**: fries on (say) 60% of beer days and 20% of others;
//! - **skipped check-ins**: 8% of days, or mostly on one symptom's bad days;
//! - **days nobody logged** (6%), mild ratings as noise, zeros logged for
//!   the three common symptoms as the evening screen does;
//! - **planted effects**: a food, a tag or a check-in habit multiplies a
//!   symptom's chance (a relative risk), on the same day (rated a few hours
//!   after the meal) or the next day.
//!
//! Uses only the library's stable public API, so the bench can run the same
//! diaries through an older revision of the analysis.
#![allow(dead_code)]

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use gutlog::analysis::Diary;
use gutlog::domain::food::{meal_tags, split_foods, FoodBook};
use gutlog::domain::{
    CheckIn, HabitTick, Intake, IntakeKind, Meal, Severity, Slot, Stool, SymptomRating,
};
use std::collections::BTreeSet;

/// The symptoms every generated diary rates, with their baseline chance.
pub const SYMPTOMS: [(&str, f64); 5] = [
    ("bloating", 0.30),
    ("gas", 0.30),
    ("fatigue", 0.25),
    ("heartburn", 0.15),
    ("headache", 0.12),
];

const BREAKFASTS: &[&str] = &[
    "oats, banana, milk",
    "toast, butter, coffee",
    "yogurt, blueberries, granola",
    "eggs, toast, tea",
    "porridge, apple, tea",
    "muesli, oat milk, coffee",
];
const BRUNCHES: &[&str] = &[
    "pancakes, maple syrup, coffee",
    "eggs, bacon, sourdough, coffee",
    "avocado, sourdough, egg",
];
const LUNCHES: &[&str] = &[
    "chicken, salad, olive oil",
    "ham, bread, crisps",
    "lentil soup, bread",
    "sushi, miso soup",
    "burrito, salsa",
    "quinoa, chickpeas, spinach",
    "tuna, rice, cucumber",
    "sandwich, apple",
];
const DINNERS: &[&str] = &[
    "salmon, rice, broccoli",
    "pasta, parmesan, tomato",
    "curry, rice",
    "burger, bread roll",
    "tofu, garlic, noodles",
    "steak, potato, asparagus",
    "chicken, sweet potato, kimchi",
    "lamb, carrot, onion",
    "tacos, cheese, beans",
];
const SNACKS: &[&str] = &[
    "apple",
    "chocolate",
    "almonds",
    "cookie",
    "hummus, carrot",
    "ice cream",
];

/// What raises or lowers a symptom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cause {
    /// A food eaten that day (by its name in the diary).
    Food(&'static str),
    /// Any food with this tag.
    Tag(&'static str),
    /// Under 7 hours of sleep (whether or not the check-in was logged).
    ShortSleep,
    /// Stress 4 or 5.
    HighStress,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delay {
    /// Rated 2–5 hours after the meal.
    SameDay,
    /// Rated the next day.
    NextDay,
}

/// A planted effect: on exposed days the symptom's chance is multiplied by
/// `rr` (capped at 98%).
#[derive(Debug, Clone, Copy)]
pub struct Effect {
    pub cause: Cause,
    pub symptom: &'static str,
    pub rr: f64,
    pub delay: Delay,
}

/// The knobs of a generated diary.
#[derive(Debug, Clone)]
pub struct Life {
    pub days: u32,
    pub end: NaiveDate,
    /// Lag-1 correlation of meal choices and of each symptom (0 = independent days).
    pub runs: f64,
    pub effects: Vec<Effect>,
    /// A food added to lunch on this share of days (in runs like the rest).
    pub extra_food: Option<(&'static str, f64)>,
    /// Beer on about this share of days (twice as likely on Fridays and Saturdays).
    pub beer: Option<f64>,
    /// Fries on this share of beer days and of other days (0.6 and 0.2
    /// in the bench: a bystander).
    pub fries_with_beer: Option<(f64, f64)>,
    /// The check-in is skipped on 70% of this symptom's days (8% of others).
    pub skip_checkin_on: Option<&'static str>,
    /// Baseline chance of every symptom, instead of `SYMPTOMS`'.
    pub baseline: Option<f64>,
}

impl Life {
    pub fn new(days: u32, end: NaiveDate) -> Life {
        Life {
            days,
            end,
            runs: 0.0,
            effects: Vec::new(),
            extra_food: None,
            beer: None,
            fries_with_beer: None,
            skip_checkin_on: None,
            baseline: None,
        }
    }
}

/// 0.5·erfc(x/√2), Numerical Recipes' erfcc (relative error < 1.2e-7):
/// enough to place a threshold.
pub fn normal_sf(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    let erfc = if x >= 0.0 { r } else { 2.0 - r };
    0.5 * erfc
}

pub fn bisect(mut lo: f64, mut hi: f64, f: impl Fn(f64) -> f64, target: f64) -> f64 {
    // f increasing in x
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if f(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The threshold c with P(Z > c) = share.
pub fn threshold(share: f64) -> f64 {
    bisect(-8.0, 8.0, |c| 1.0 - normal_sf(c), 1.0 - share)
}

/// Lag-1 correlation of [Z_t > c] when the latent Z is AR(1) with `phi`.
pub fn binary_corr(share: f64, c: f64, phi: f64) -> f64 {
    if phi <= 0.0 {
        return 0.0;
    }
    // P(Z1 > c, Z2 > c) = ∫_c^∞ φ(x) P(Z2 > c | x) dx, by Simpson's rule.
    let steps = 400;
    let h = 9.0 / steps as f64;
    let s = (1.0 - phi * phi).sqrt();
    let mut both = 0.0;
    for i in 0..=steps {
        let x = c + i as f64 * h;
        let w = if i == 0 || i == steps {
            1.0
        } else if i % 2 == 1 {
            4.0
        } else {
            2.0
        };
        let density = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
        both += w * density * normal_sf((c - phi * x) / s);
    }
    both *= h / 3.0;
    (both - share * share) / (share * (1.0 - share))
}

/// A symptom's latent AR(1) state, thresholded to its baseline share.
struct Flare {
    c: f64,
    phi: f64,
    z: f64,
}

impl Flare {
    fn new(share: f64, runs: f64, rng: &mut fastrand::Rng) -> Flare {
        let c = threshold(share);
        let phi = if runs <= 0.0 {
            0.0
        } else {
            bisect(0.0, 0.999, |p| binary_corr(share, c, p), runs)
        };
        Flare {
            c,
            phi,
            z: gauss(rng),
        }
    }
    fn step(&mut self, rng: &mut fastrand::Rng) -> bool {
        self.z = self.phi * self.z + (1.0 - self.phi * self.phi).sqrt() * gauss(rng);
        self.z > self.c
    }
}

fn gauss(rng: &mut fastrand::Rng) -> f64 {
    // Box–Muller.
    let u = rng.f64().max(1e-300);
    let v = rng.f64();
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// A two-state chain with stationary `share` and lag-1 correlation `runs`.
fn markov(rng: &mut fastrand::Rng, was: bool, share: f64, runs: f64) -> bool {
    let p = if was {
        share + runs * (1.0 - share)
    } else {
        share * (1.0 - runs)
    };
    rng.f64() < p
}

/// A menu choice, repeated from yesterday with probability `runs`.
fn choose(rng: &mut fastrand::Rng, prev: &mut Option<usize>, n: usize, runs: f64) -> usize {
    let i = match *prev {
        Some(p) if p < n && rng.f64() < runs => p,
        _ => rng.usize(..n),
    };
    *prev = Some(i);
    i
}

fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("valid time"))
}

/// What happened on one day, before it is written into the diary.
struct Day {
    date: NaiveDate,
    logged: bool,
    meals: Vec<Meal>,
    foods: BTreeSet<String>,
    tags: BTreeSet<String>,
    sleep: f64,
    stress: u8,
}

impl Day {
    fn has(&self, cause: Cause) -> bool {
        match cause {
            Cause::Food(f) => self.foods.contains(f),
            Cause::Tag(t) => self.tags.contains(t),
            Cause::ShortSleep => self.sleep < 7.0,
            Cause::HighStress => self.stress >= 4,
        }
    }
    /// When the cause was first eaten (or the evening, for check-in causes).
    fn time_of(&self, cause: Cause) -> NaiveDateTime {
        self.meals
            .iter()
            .filter(|m| match cause {
                Cause::Food(f) => m.foods.iter().any(|x| x == f),
                Cause::Tag(t) => m.tags.iter().any(|x| x == t),
                _ => false,
            })
            .map(|m| m.at)
            .min()
            .unwrap_or_else(|| at(self.date, 17, 0))
    }
}

/// A generated diary. The same `life` and `seed` always give the same diary.
pub fn generate(life: &Life, seed: u64) -> Diary {
    let mut rng = fastrand::Rng::with_seed(seed);
    let book = FoodBook::bundled();
    let start = life.end - Duration::days(life.days as i64 - 1);
    let mut d = Diary::default();
    let mut flares: Vec<Flare> = SYMPTOMS
        .iter()
        .map(|(_, share)| Flare::new(life.baseline.unwrap_or(*share), life.runs, &mut rng))
        .collect();
    let (mut breakfast, mut lunch, mut dinner, mut snack) = (None, None, None, None);
    let (mut beer, mut extra, mut had_snack) = (false, false, false);
    let mut yesterday: Option<Day> = None;
    let mut id = 0u64;
    let mut next_id = |kind: &str| {
        id += 1;
        format!("{kind}-{seed}-{id}")
    };
    for offset in 0..life.days as i64 {
        let date = start + Duration::days(offset);
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let logged = offset >= life.days as i64 - 3 || rng.f64() >= 0.06;
        let mut day = Day {
            date,
            logged,
            meals: Vec::new(),
            foods: BTreeSet::new(),
            tags: BTreeSet::new(),
            sleep: rng.u32(10..=18) as f64 / 2.0,
            stress: rng.u8(1..=5),
        };
        let add = |day: &mut Day, menu: &str, when: NaiveDateTime, id: String| {
            let foods = split_foods(menu);
            let tags = meal_tags(&book, &foods, &[], &[]);
            day.foods.extend(foods.iter().cloned());
            day.tags.extend(tags.iter().cloned());
            day.meals.push(Meal {
                id,
                at: when,
                slot: Slot::for_time(when),
                foods,
                tags,
                note: None,
            });
        };
        let jitter = |rng: &mut fastrand::Rng, h: u32, span: u32| {
            let m = rng.u32(0..=span / 5) * 5;
            at(date, h + m / 60, m % 60)
        };
        if weekend {
            let i = rng.usize(..BRUNCHES.len());
            let when = jitter(&mut rng, 9, 90);
            add(&mut day, BRUNCHES[i], when, next_id("m"));
        } else {
            let i = choose(&mut rng, &mut breakfast, BREAKFASTS.len(), life.runs);
            let when = jitter(&mut rng, 7, 75);
            add(&mut day, BREAKFASTS[i], when, next_id("m"));
        }
        let i = choose(&mut rng, &mut lunch, LUNCHES.len(), life.runs);
        let mut lunch_menu = LUNCHES[i].to_string();
        if let Some((food, share)) = life.extra_food {
            extra = markov(&mut rng, extra, share, life.runs);
            if extra {
                lunch_menu = format!("{lunch_menu}, {food}");
            }
        }
        let when = jitter(&mut rng, 12, 90);
        add(&mut day, &lunch_menu, when, next_id("m"));
        had_snack = markov(&mut rng, had_snack, 0.5, life.runs);
        if had_snack {
            let i = choose(&mut rng, &mut snack, SNACKS.len(), life.runs);
            let when = jitter(&mut rng, 15, 60);
            add(&mut day, SNACKS[i], when, next_id("m"));
        }
        let i = choose(&mut rng, &mut dinner, DINNERS.len(), life.runs);
        let mut dinner_menu = DINNERS[i].to_string();
        if let Some(share) = life.beer {
            let friday_saturday = matches!(date.weekday(), Weekday::Fri | Weekday::Sat);
            let share = if friday_saturday {
                (2.0 * share).min(0.9)
            } else {
                share * (7.0 - 2.0 * 2.0) / 5.0
            };
            beer = markov(&mut rng, beer, share.clamp(0.01, 0.95), life.runs);
            if beer {
                dinner_menu.push_str(", beer");
            }
            if let Some((with, without)) = life.fries_with_beer {
                if rng.f64() < if beer { with } else { without } {
                    dinner_menu.push_str(", fries");
                }
            }
        }
        let when = jitter(&mut rng, 18, 120);
        add(&mut day, &dinner_menu, when, next_id("m"));

        // Symptoms: the flare state, then the planted effects.
        let mut present: Vec<(bool, Option<NaiveDateTime>)> = Vec::new();
        for (si, (symptom, share)) in SYMPTOMS.iter().enumerate() {
            let base = life.baseline.unwrap_or(*share);
            let mut on = flares[si].step(&mut rng);
            let mut when = None;
            for e in life.effects.iter().filter(|e| e.symptom == *symptom) {
                let source = match e.delay {
                    Delay::SameDay => Some(&day),
                    Delay::NextDay => yesterday.as_ref(),
                };
                let Some(src) = source.filter(|s| s.has(e.cause)) else {
                    continue;
                };
                if e.rr >= 1.0 {
                    let target = (e.rr * base).min(0.98);
                    if !on && rng.f64() < (target - base) / (1.0 - base) {
                        on = true;
                        when = Some(match e.delay {
                            Delay::SameDay => {
                                src.time_of(e.cause) + Duration::minutes(rng.i64(120..=300))
                            }
                            Delay::NextDay => jitter(&mut rng, 10, 600),
                        });
                    }
                } else if on && rng.f64() >= e.rr {
                    on = false;
                }
            }
            present.push((on, when));
        }

        if logged {
            d.meals.append(&mut day.meals.clone());
            let evening = jitter(&mut rng, 20, 90);
            for (si, (symptom, _)) in SYMPTOMS.iter().enumerate() {
                let (on, when) = present[si];
                let level = if on {
                    if rng.f64() < 0.3 {
                        3
                    } else {
                        2
                    }
                } else if rng.f64() < 0.15 {
                    1
                } else {
                    0
                };
                if level > 0 || si < 3 {
                    d.symptoms.push(SymptomRating {
                        id: next_id("s"),
                        at: when.unwrap_or(evening),
                        symptom: symptom.to_string(),
                        severity: Severity::new(level).expect("0..=3"),
                        note: None,
                    });
                }
            }
            let skip = match life.skip_checkin_on {
                Some(s) => {
                    let i = SYMPTOMS
                        .iter()
                        .position(|x| x.0 == s)
                        .expect("known symptom");
                    rng.f64() < if present[i].0 { 0.7 } else { 0.08 }
                }
                None => rng.f64() < 0.08,
            };
            if !skip {
                d.checkins.push(CheckIn {
                    date,
                    mood: Some(rng.u8(1..=5)),
                    energy: Some(rng.u8(1..=5)),
                    stress: Some(day.stress),
                    sleep_hours: Some(day.sleep),
                    water_glasses: Some(rng.u32(3..=10)),
                    movement_minutes: Some(rng.u32(0..=12) * 5),
                    note: None,
                });
            }
            for _ in 0..rng.usize(1..=2) {
                let when = jitter(&mut rng, 7, 240);
                d.stools.push(Stool {
                    id: next_id("st"),
                    at: when,
                    bristol: gutlog::domain::Bristol::new(rng.i64(2..=6)).expect("1..=7"),
                });
            }
            if (offset / 30) % 2 == 1 && rng.f64() < 0.8 {
                let when = jitter(&mut rng, 8, 30);
                d.intakes.push(Intake {
                    id: next_id("i"),
                    at: when,
                    name: "probiotic".into(),
                    kind: IntakeKind::Probiotic,
                });
            }
            if rng.f64() < 0.05 {
                let when = jitter(&mut rng, 13, 240);
                d.intakes.push(Intake {
                    id: next_id("i"),
                    at: when,
                    name: "ibuprofen".into(),
                    kind: IntakeKind::Nsaid,
                });
            }
            if rng.f64() < 0.3 {
                d.habit_ticks.push(HabitTick {
                    date,
                    habit: "reduce_stress".into(),
                });
            }
        }
        yesterday = Some(day);
    }
    d.meals.sort_by_key(|m| m.at);
    d.symptoms.sort_by_key(|s| s.at);
    d
}

/// The demo diary (`gutlog demo`) as a `Diary`.
pub fn demo(days: u32, seed: u64, end: NaiveDate) -> Diary {
    let ex = gutlog::demo::generate(days, seed, end);
    Diary {
        meals: ex.meals,
        symptoms: ex.symptoms,
        stools: ex.stools,
        checkins: ex.checkins,
        intakes: ex.intakes,
        red_flags: ex.red_flags,
        habit_ticks: ex.habits,
        plan_runs: ex.plan_runs,
        // The rest (the user's own food tags and dish parts) is empty; with
        // `..` this file also builds against the method before issue 11
        // (benches/insights-accuracy.sh).
        ..Diary::default()
    }
}
