//! The randomisation test behind an experiment's verdict: the difference
//! in mean daily rating between days with and without the factor,
//! compared with the same difference under every schedule the experiment
//! could have had (`domain::experiment::ScheduleSpace`). Days keep their
//! order and their values: only the labels move, a whole phase at a time,
//! so runs of good and bad days are never broken up. For a randomised
//! experiment this is exact (the schedule really was drawn from the set);
//! for a fixed one it treats the schedule as if it had been.
//!
//! The 95% interval comes from inverting the same test under a shift
//! model (a day's rating with the factor = its rating without + Δ): it
//! holds the Δ that the test would not reject.

use crate::domain::experiment::Condition;
use serde::Serialize;

/// Beyond this many schedules, a fixed-seed random sample of them is used
/// (the p-value is then estimated, and says so).
pub const MAX_SCHEDULES: usize = 20_000;
/// z for 80% power at a two-sided 5% level, as a multiple of z(0.975):
/// an effect this many half-widths of the interval away is found 4 times in 5.
const POWER_80: f64 = (1.959_963_984_540_054 + 0.841_621_233_572_914_4) / 1.959_963_984_540_054;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TestResult {
    /// Mean with − mean without, over compared days with a value.
    pub difference: f64,
    /// The interval at the test's level; None where it is unbounded.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Two-sided: the share of schedules whose difference is at least as
    /// far from 0 as the one observed.
    pub p_value: f64,
    /// Schedules compared.
    pub schedules: usize,
    /// True when every schedule was compared (not a sample).
    pub complete: bool,
    /// The smallest p-value this design could give.
    pub min_p: f64,
    /// A difference the experiment would find 4 times in 5: 2.8/1.96
    /// half-widths of the interval. None when the interval is unbounded.
    pub detectable: Option<f64>,
}

/// S(values) and S(x) of one schedule: mean over its "with" days minus
/// mean over its "without" days, of the values and of the indicator x of
/// days the real schedule had with the factor.
fn contrast(values: &[Option<f64>], x: &[f64], labels: &[Option<Condition>]) -> Option<(f64, f64)> {
    let (mut sw, mut xw, mut nw, mut so, mut xo, mut no) = (0.0, 0.0, 0usize, 0.0, 0.0, 0usize);
    for ((v, x), l) in values.iter().zip(x).zip(labels) {
        let Some(v) = v else { continue };
        match l {
            Some(Condition::With) => {
                sw += v;
                xw += x;
                nw += 1;
            }
            Some(Condition::Without) => {
                so += v;
                xo += x;
                no += 1;
            }
            None => {}
        }
    }
    (nw > 0 && no > 0).then(|| {
        (
            sw / nw as f64 - so / no as f64,
            xw / nw as f64 - xo / no as f64,
        )
    })
}

/// Runs the test. `values[d]` is day d's rating (None: not rated);
/// `actual` the real schedule's labels per day (None: washout); `x[d]` 1
/// for days of a real "with" phase (washout included), else 0;
/// `schedules` the labels of every schedule of the design, the real one
/// among them. `alpha` is the test's level (0.05, or less when several
/// symptoms are tested). None when the real schedule leaves either
/// condition without a rated day.
pub fn test(
    values: &[Option<f64>],
    actual: &[Option<Condition>],
    x: &[f64],
    schedules: &[Vec<Option<Condition>>],
    alpha: f64,
) -> Option<TestResult> {
    let (obs, obs_x) = contrast(values, x, actual)?;
    // A sample when there are too many; the real schedule always counts.
    let mut picked: Vec<&Vec<Option<Condition>>> = Vec::new();
    let complete = schedules.len() <= MAX_SCHEDULES;
    if complete {
        picked.extend(schedules);
    } else {
        let mut rng = fastrand::Rng::with_seed(0x6775_746c);
        picked.push(&schedules[0]);
        while picked.len() < MAX_SCHEDULES {
            picked.push(&schedules[rng.usize(..schedules.len())]);
        }
    }
    // A schedule leaving a condition without rated days cannot be more
    // extreme: it contributes (0, 0).
    let mut pairs: Vec<(f64, f64)> = picked
        .iter()
        .map(|l| contrast(values, x, l).unwrap_or((0.0, 0.0)))
        .collect();
    if !complete {
        pairs[0] = (obs, obs_x);
    }
    let n = pairs.len() as f64;
    let p_at = |delta: f64| {
        let target = (obs - delta * obs_x).abs() - 1e-9;
        let hits = pairs
            .iter()
            .filter(|(s, sx)| (s - delta * sx).abs() >= target)
            .count();
        hits as f64 / n
    };
    // The smallest p: schedules as extreme as the real one for any shift
    // (those that also have |S(x)| = 1).
    let min_p = pairs
        .iter()
        .filter(|(_, sx)| sx.abs() >= obs_x.abs() - 1e-9)
        .count() as f64
        / n;
    let p_value = p_at(0.0);
    let bound = |dir: f64| -> Option<f64> {
        // Walk out from the estimate until the test rejects, then bisect.
        let mut step = 0.05;
        let mut inside = obs;
        let mut outside = None;
        while step <= 12.0 {
            let at = obs + dir * step;
            if p_at(at) <= alpha {
                outside = Some(at);
                break;
            }
            inside = at;
            step *= 1.6;
        }
        let mut outside = outside?;
        for _ in 0..40 {
            let mid = (inside + outside) / 2.0;
            if p_at(mid) <= alpha {
                outside = mid;
            } else {
                inside = mid;
            }
        }
        Some(inside)
    };
    let (ci_low, ci_high) = (bound(-1.0), bound(1.0));
    let detectable = match (ci_low, ci_high) {
        (Some(lo), Some(hi)) => Some((hi - lo) / 2.0 * POWER_80),
        _ => None,
    };
    Some(TestResult {
        difference: obs,
        ci_low,
        ci_high,
        p_value,
        schedules: pairs.len(),
        complete,
        min_p,
        detectable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::experiment::{labels, Phase, ScheduleSpace};
    use Condition::{With, Without};

    fn schedules(space: &ScheduleSpace) -> Vec<Vec<Option<Condition>>> {
        space
            .all()
            .iter()
            .map(|s| labels(s, space.washout))
            .collect()
    }

    #[test]
    fn a_perfect_separation_is_the_most_extreme_schedule() {
        // Four phases of 5, no washout: 0 without, 1 with.
        let space = ScheduleSpace {
            phases: 4,
            total: 20,
            min_phase: 3,
            extension: 0,
            washout: 0,
        };
        let real: Vec<Phase> = [Without, With, Without, With]
            .iter()
            .map(|&condition| Phase { condition, days: 5 })
            .collect();
        let actual = labels(&real, 0);
        let values: Vec<Option<f64>> = actual
            .iter()
            .map(|l| Some(if *l == Some(With) { 1.0 } else { 0.0 }))
            .collect();
        let x: Vec<f64> = values.iter().map(|v| v.unwrap()).collect();
        let all = schedules(&space);
        assert_eq!(all.len(), space.len());
        let r = test(&values, &actual, &x, &all, 0.05).unwrap();
        assert_eq!(r.difference, 1.0);
        // Only the real schedule and its mirror image are as extreme.
        assert!((r.p_value - 2.0 / all.len() as f64).abs() < 1e-12, "{r:?}");
        assert!(r.ci_low.unwrap() > 0.0 && r.ci_high.unwrap() >= 1.0);
    }

    #[test]
    fn no_difference_gives_p_one_and_an_interval_around_zero() {
        let space = ScheduleSpace {
            phases: 4,
            total: 28,
            min_phase: 5,
            extension: 0,
            washout: 1,
        };
        let all = schedules(&space);
        let actual = all[0].clone();
        let values = vec![Some(1.0); actual.len()];
        let x: Vec<f64> = actual
            .iter()
            .map(|l| (*l == Some(With)) as u8 as f64)
            .collect();
        let r = test(&values, &actual, &x, &all, 0.05).unwrap();
        assert_eq!((r.difference, r.p_value), (0.0, 1.0));
        assert!(r.ci_low.unwrap() < 0.0 && r.ci_high.unwrap() > 0.0);
    }

    #[test]
    fn too_few_schedules_can_never_be_clear() {
        // AB with one possible switch day each way: min p = 1.
        let space = ScheduleSpace {
            phases: 2,
            total: 10,
            min_phase: 5,
            extension: 0,
            washout: 0,
        };
        let all = schedules(&space);
        let actual = all[0].clone();
        let values: Vec<Option<f64>> = actual
            .iter()
            .map(|l| Some((*l == Some(With)) as u8 as f64 * 3.0))
            .collect();
        let x: Vec<f64> = values.iter().map(|v| v.unwrap() / 3.0).collect();
        let r = test(&values, &actual, &x, &all, 0.05).unwrap();
        assert_eq!(r.min_p, 1.0);
        assert!(r.p_value > 0.05 && r.detectable.is_none());
    }
}
