//! How often an experiment's verdict is right (a benchmark, never a test).
//!
//! `cargo bench --bench experiments-accuracy` simulates experiment diaries
//! (`gutlog::analysis::experiment_sim`: the symptom on 30% of ordinary
//! days, runs of days with lag-1 correlation 0, 0.3 or 0.6, slips, missed
//! days and unlogged days) for a six-week ABAB design with 2 washout days
//! per switch, and counts the verdicts over `SEEDS` seeds per case.
//! Targets: a trigger ×3 is "clearly worse" in ≥ 90%; ×2 in ≥ 50%; no
//! effect gives any "clearly" in ≤ 5%; a helper ×0.5 is "clearly better"
//! in ≥ 50%. `GUTLOG_BENCH_SEEDS=N` changes the number of seeds.

use gutlog::analysis::experiment::ExperimentVerdict;
use gutlog::analysis::experiment_sim::{run, SimParams};
use std::time::Instant;

/// The reported figures use seeds from here on; the test's settings were
/// chosen on other seeds, so the figures are not tuned to these.
const REPORTED: u64 = 10_000_000;

fn main() {
    let seeds: u64 = std::env::var("GUTLOG_BENCH_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(400);
    let cases: [(&str, f64, ExperimentVerdict, &str); 4] = [
        ("trigger x3", 3.0, ExperimentVerdict::ClearlyWorse, ">= 90%"),
        ("trigger x2", 2.0, ExperimentVerdict::ClearlyWorse, ">= 50%"),
        (
            "no effect",
            1.0,
            ExperimentVerdict::ClearlyWorse,
            "<= 5% (either way)",
        ),
        (
            "helper x0.5",
            0.5,
            ExperimentVerdict::ClearlyBetter,
            ">= 50%",
        ),
    ];
    println!("six-week ABAB, 2 washout days per switch, symptom on 30% of ordinary days, {seeds} seeds per cell");
    for randomised in [true, false] {
        println!(
            "\n{} schedule",
            if randomised {
                "randomised"
            } else {
                "fixed (10/10/11/11)"
            }
        );
        println!(
            "{:<12} {:>8} {:>8} {:>8} {:>8}   target",
            "case", "rho 0", "rho 0.3", "rho 0.6", "all"
        );
        for (name, effect, wanted, target) in cases {
            let started = Instant::now();
            let mut cells = Vec::new();
            let mut worst = 0.0f64;
            let (mut hits_all, mut n_all) = (0u64, 0u64);
            for rho in [0.0, 0.3, 0.6] {
                let p = SimParams {
                    randomised,
                    ..SimParams::six_week_abab(effect, rho)
                };
                let mut hits = 0u64;
                for seed in 0..seeds {
                    // Seeds apart from those used to choose the test (below 10^7).
                    let r = run(&p, REPORTED + seed * 7919 + (rho * 10.0) as u64);
                    let v = r.result.symptoms[0].verdict;
                    let hit = if effect == 1.0 {
                        matches!(
                            v,
                            ExperimentVerdict::ClearlyWorse | ExperimentVerdict::ClearlyBetter
                        )
                    } else {
                        v == wanted
                    };
                    hits += hit as u64;
                }
                hits_all += hits;
                n_all += seeds;
                let share = 100.0 * hits as f64 / seeds as f64;
                worst = if effect == 1.0 {
                    worst.max(share)
                } else if cells.is_empty() {
                    share
                } else {
                    worst.min(share)
                };
                cells.push(format!("{share:>7.1}%"));
            }
            println!(
                "{name:<12} {} {:>7.1}%   {target}   worst cell {worst:.1}%   ({:.1} s)",
                cells.join(" "),
                100.0 * hits_all as f64 / n_all as f64,
                started.elapsed().as_secs_f64()
            );
        }
    }
    // How long an experiment needs for the smaller effects.
    println!("\nlonger ABAB designs (randomised, rho 0.3): share found");
    println!(
        "{:<24} {:>10} {:>10} {:>10}",
        "design", "x2 worse", "x0.5 better", "no effect"
    );
    for phase_days in [10u32, 14, 21, 28] {
        let mut cells = Vec::new();
        for (effect, wanted) in [
            (2.0, ExperimentVerdict::ClearlyWorse),
            (0.5, ExperimentVerdict::ClearlyBetter),
            (1.0, ExperimentVerdict::ClearlyWorse),
        ] {
            let p = SimParams {
                days: phase_days * 4,
                ..SimParams::six_week_abab(effect, 0.3)
            };
            let hits = (0..seeds)
                .filter(|&seed| {
                    let v = run(&p, REPORTED + seed * 104_729 + 1).result.symptoms[0].verdict;
                    if effect == 1.0 {
                        v != ExperimentVerdict::NoClearDifference
                            && v != ExperimentVerdict::NotEnoughDays
                    } else {
                        v == wanted
                    }
                })
                .count();
            cells.push(format!("{:>9.1}%", 100.0 * hits as f64 / seeds as f64));
        }
        println!(
            "{:<24} {}",
            format!(
                "4 x {phase_days} days ({:.1} weeks)",
                f64::from(phase_days * 4) / 7.0
            ),
            cells.join(" ")
        );
    }
}
