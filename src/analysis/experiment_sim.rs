//! Synthetic experiment diaries, to measure how often a verdict is right
//! (`cargo bench --bench experiments-accuracy`; a light sweep runs in the
//! tests). A diary is built as a person would log it — meals with or
//! without the factor, a nightly rating of the symptom — and then judged
//! by the same `evaluate` the app uses.
//!
//! The symptom follows a latent daily intensity with lag-1 correlation
//! `rho` (runs of good and bad days): z(t) = rho·z(t−1) + √(1−rho²)·ε(t),
//! ε standard normal. A day's rating is 0 below the 70th percentile (so the
//! symptom comes on 30% of ordinary days), then 1, 2 or 3 (12% of ordinary
//! days are 2 or worse, 4% are 3). The factor shifts the intensity on days
//! it is eaten and the day after (a reaction that lingers) by the amount
//! that multiplies the share of days with the symptom by `effect`
//! (×3: 30% → 90%). People slip: some days of a phase without it have it
//! anyway, some days of a phase with it do not; some days are not logged.

use super::experiment::{evaluate, ExperimentReport};
use super::Diary;
use crate::domain::experiment::{
    min_phase_days, Condition, Design, Experiment, Phase, ScheduleSpace,
};
use crate::domain::food::FoodBook;
use crate::domain::{Meal, Severity, Slot, SymptomRating};
use chrono::{Duration, NaiveDate};

/// One simulated case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimParams {
    /// Days after the baseline (six weeks: 42), split into `phases`.
    pub days: u32,
    pub phases: usize,
    pub washout: u32,
    pub randomised: bool,
    /// Share of ordinary days with the symptom.
    pub base_rate: f64,
    /// What the factor multiplies that share by (1: no effect).
    pub effect: f64,
    /// Lag-1 correlation of the latent daily intensity.
    pub rho: f64,
    /// Days of a "without" phase on which it is eaten anyway.
    pub slip_rate: f64,
    /// Days of a "with" phase on which it is not eaten.
    pub miss_rate: f64,
    /// Days with nothing logged.
    pub unlogged_rate: f64,
}

impl SimParams {
    /// The case: six-week ABAB, 2 washout days per switch, the
    /// symptom on 30% of ordinary days.
    pub fn six_week_abab(effect: f64, rho: f64) -> SimParams {
        SimParams {
            days: 42,
            phases: 4,
            washout: 2,
            randomised: true,
            base_rate: 0.3,
            effect,
            rho,
            slip_rate: 0.05,
            miss_rate: 0.10,
            unlogged_rate: 0.07,
        }
    }
}

/// The standard normal quantile (Acklam's rational approximation,
/// relative error below 1.2e-9), enough for simulation thresholds.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

fn std_normal(rng: &mut fastrand::Rng) -> f64 {
    // Box–Muller.
    let u1 = rng.f64().max(1e-300);
    let u2 = rng.f64();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// The experiment's start in every simulated diary.
pub fn sim_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid date")
}

/// A simulated experiment (dairy and bloating) and the diary logged
/// during it. The same seed gives the same diary.
pub fn simulate(p: &SimParams, seed: u64) -> (Experiment, Diary) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let start = sim_start();
    let phase_days = p.days / p.phases as u32;
    let space = ScheduleSpace {
        phases: p.phases,
        total: p.days,
        min_phase: min_phase_days(phase_days, p.washout),
        extension: 0,
        washout: p.washout,
    };
    let phases: Vec<Phase> = if p.randomised {
        space.draw(&mut rng).expect("the design has schedules")
    } else {
        // As equal as the days allow, without first.
        let extra = p.days % p.phases as u32;
        (0..p.phases)
            .map(|i| Phase {
                condition: if i % 2 == 0 {
                    Condition::Without
                } else {
                    Condition::With
                },
                days: phase_days + u32::from((i as u32) >= p.phases as u32 - extra),
            })
            .collect()
    };
    let e = Experiment {
        id: format!("sim-{seed}"),
        factor: "tag:dairy".into(),
        symptoms: vec!["bloating".into()],
        design: if p.phases == 2 {
            Design::Ab
        } else {
            Design::Abab
        },
        phases: phases.clone(),
        baseline_days: 0,
        washout_days: p.washout,
        randomised: p.randomised,
        min_phase_days: space.min_phase,
        extended_days: 0,
        started_on: start,
        created_at: start.and_hms_opt(8, 0, 0).expect("valid time"),
        ended_on: None,
        coeliac_advice_confirmed: false,
        pauses: vec![],
    };

    // Thresholds of the ratings, and the shift that multiplies the share.
    let t1 = normal_quantile(1.0 - p.base_rate);
    let t2 = normal_quantile(1.0 - 0.12);
    let t3 = normal_quantile(1.0 - 0.04);
    let target = (p.base_rate * p.effect).clamp(0.005, 0.995);
    let shift = t1 - normal_quantile(1.0 - target);

    let book = FoodBook::bundled();
    let with_dairy = vec!["cheese sandwich".to_string(), "apple".to_string()];
    let without_dairy = vec!["rice".to_string(), "chicken".to_string()];
    let mut diary = Diary::default();
    let mut z = std_normal(&mut rng);
    let mut exposed_before = true; // ordinary life has it
    let mut day = 0u32;
    for phase in &phases {
        for _ in 0..phase.days {
            let date = start + Duration::days(day as i64);
            day += 1;
            let exposed = match phase.condition {
                Condition::Without => rng.f64() < p.slip_rate,
                Condition::With => rng.f64() >= p.miss_rate,
            };
            z = p.rho * z + (1.0 - p.rho * p.rho).sqrt() * std_normal(&mut rng);
            let reacting = exposed || exposed_before;
            exposed_before = exposed;
            let level = z + if reacting { shift } else { 0.0 };
            let severity = [t1, t2, t3].iter().filter(|t| level >= **t).count() as i64;
            if rng.f64() < p.unlogged_rate {
                continue;
            }
            let foods = if exposed { &with_dairy } else { &without_dairy };
            let at = |h| date.and_hms_opt(h, 0, 0).expect("valid time");
            diary.meals.push(Meal {
                id: format!("m{day}"),
                at: at(12),
                slot: Slot::Lunch,
                foods: foods.clone(),
                tags: book.infer(foods),
                note: None,
            });
            diary.symptoms.push(SymptomRating {
                id: format!("s{day}"),
                at: at(21),
                symptom: "bloating".into(),
                severity: Severity::new(severity).expect("0 to 3"),
                note: None,
            });
        }
    }
    (e, diary)
}

/// Simulates and judges one experiment, on the day after it ended.
pub fn run(p: &SimParams, seed: u64) -> ExperimentReport {
    let (e, diary) = simulate(p, seed);
    let today = e.planned_end(sim_start()) + Duration::days(1);
    evaluate(&e, &diary, &FoodBook::bundled(), today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quantile_is_the_inverse_of_known_values() {
        assert!((normal_quantile(0.975) - 1.959_964).abs() < 1e-5);
        assert!((normal_quantile(0.7) - 0.524_401).abs() < 1e-5);
        assert!((normal_quantile(0.01) + 2.326_348).abs() < 1e-5);
    }

    #[test]
    fn ordinary_days_have_the_symptom_30_percent_of_the_time() {
        let p = SimParams {
            unlogged_rate: 0.0,
            ..SimParams::six_week_abab(1.0, 0.3)
        };
        let (mut n, mut with) = (0, 0);
        for seed in 0..200 {
            let (_, d) = simulate(&p, seed);
            n += d.symptoms.len();
            with += d.symptoms.iter().filter(|s| s.severity.level() > 0).count();
        }
        let share = with as f64 / n as f64;
        assert!((0.27..0.33).contains(&share), "{share}");
    }
}
