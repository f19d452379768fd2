//! Trigger analysis: for every factor × symptom × lag, a 2×2 table of
//! days, the relative risk, one-sided Fisher p-values, Benjamini–Hochberg
//! q-values over all tests of the window, a verdict and a sentence.

use super::days::DayIndex;
use super::explain::sentence;
use super::factors::{factors, outcomes, units, Factor, Unit};
use super::stats::{benjamini_hochberg, fisher, relative_risk, LogFactorials, Table};
use crate::content;
use crate::domain::{symptom_name, SymptomRating};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// Fewer days with meals than this in the window: no analysis at all.
pub const MIN_MEAL_DAYS: u32 = 14;
/// Fewer exposed (or unexposed) days than this: the pair is insufficient.
pub const MIN_GROUP_DAYS: u32 = 4;
/// Largest q-value of a `likely` or `helper` finding.
pub const MAX_Q: f64 = 0.10;
/// Largest one-sided p-value of a `possible` finding.
pub const MAX_P_POSSIBLE: f64 = 0.05;
/// Factors sharing more than this share of each one's days are reported together.
pub const TOGETHER_SHARE: f64 = 0.75;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lag {
    /// Exposure on day d, symptom inside d's window.
    SameDay,
    /// Exposure on day d, symptom inside the window of d + 1.
    NextDay,
}

impl Lag {
    pub const ALL: [Lag; 2] = [Lag::SameDay, Lag::NextDay];
    pub fn as_str(self) -> &'static str {
        match self {
            Lag::SameDay => "same_day",
            Lag::NextDay => "next_day",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// q ≤ 0.10 (greater) and the CI's lower bound above 1.
    Likely,
    /// q ≤ 0.10 (less) and the CI's upper bound below 1.
    Helper,
    /// One-sided p ≤ 0.05 in either direction, but not the above.
    Possible,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Likely => "likely",
            Verdict::Helper => "helper",
            Verdict::Possible => "possible",
        }
    }
}

/// Whether symptoms were more or less common on exposed days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    More,
    Less,
}

/// One factor–symptom–lag pair with evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub factor: String,
    pub factor_label: String,
    /// Factors that came with this one on more than 75% of their days:
    /// these cannot be told apart from it.
    pub together_with: Vec<String>,
    pub symptom: String,
    pub symptom_name: String,
    pub lag: Lag,
    pub verdict: Verdict,
    pub direction: Direction,
    pub exposed_days: u32,
    pub exposed_with_symptom: u32,
    pub unexposed_days: u32,
    pub unexposed_with_symptom: u32,
    pub relative_risk: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// The one-sided p-value in `direction`.
    pub p_value: f64,
    /// Its Benjamini–Hochberg q-value.
    pub q_value: f64,
    pub explanation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnalysisStatus {
    Ok,
    Insufficient,
}

/// What the trigger analysis looked at, and how much data it had.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriggerSummary {
    pub status: AnalysisStatus,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub window_days: u32,
    pub meal_days: u32,
    pub needed_meal_days: u32,
    pub min_severity: u8,
    pub factors: u32,
    /// Factor × symptom × lag pairs with enough days, each tested twice.
    pub tests: u32,
    /// Pairs skipped for having fewer than 4 exposed or unexposed days.
    pub insufficient_pairs: u32,
    pub message: Option<String>,
}

struct Test<'a> {
    factor: usize,
    symptom: &'a str,
    lag: Lag,
    table: Table,
    p_greater: f64,
    p_less: f64,
}

/// The (exposure unit, outcome unit) index pairs for a lag.
fn pairs(units: &[Unit], lag: Lag) -> Vec<(usize, usize)> {
    match lag {
        Lag::SameDay => (0..units.len()).map(|i| (i, i)).collect(),
        Lag::NextDay => (1..units.len())
            .filter(|&j| units[j].date == units[j - 1].date + Duration::days(1))
            .map(|j| (j - 1, j))
            .collect(),
    }
}

fn table(exposure: &[Option<bool>], outcome: &[bool], pairs: &[(usize, usize)]) -> Table {
    let (mut e, mut ew, mut u, mut uw) = (0, 0, 0, 0);
    for &(i, j) in pairs {
        match exposure[i] {
            Some(true) => {
                e += 1;
                ew += outcome[j] as u32;
            }
            Some(false) => {
                u += 1;
                uw += outcome[j] as u32;
            }
            None => {}
        }
    }
    Table::new(ew, e, uw, u)
}

/// Do `a` and `b` come together on more than 75% of each one's days?
fn together(a: &Factor, b: &Factor) -> bool {
    let (mut both, mut na, mut nb) = (0u32, 0u32, 0u32);
    for (x, y) in a.exposure.iter().zip(&b.exposure) {
        if let (Some(x), Some(y)) = (x, y) {
            na += *x as u32;
            nb += *y as u32;
            both += (*x && *y) as u32;
        }
    }
    na > 0
        && nb > 0
        && both as f64 > TOGETHER_SHARE * na as f64
        && both as f64 > TOGETHER_SHARE * nb as f64
}

/// Runs the analysis on the units from `start` to `end`.
pub fn analyse(
    index: &DayIndex,
    symptoms: &[SymptomRating],
    start: NaiveDate,
    end: NaiveDate,
    min_severity: u8,
) -> (TriggerSummary, Vec<Finding>) {
    let units = units(index, start, end);
    let window_days = ((end - start).num_days() + 1) as u32;
    let meal_days = units.len() as u32;
    let mut summary = TriggerSummary {
        status: AnalysisStatus::Ok,
        start,
        end,
        window_days,
        meal_days,
        needed_meal_days: MIN_MEAL_DAYS,
        min_severity,
        factors: 0,
        tests: 0,
        insufficient_pairs: 0,
        message: None,
    };
    let text = content::insights();
    if meal_days < MIN_MEAL_DAYS {
        summary.status = AnalysisStatus::Insufficient;
        summary.message = Some(
            text.insufficient
                .replace("{meal_days}", &meal_days.to_string())
                .replace("{window_days}", &window_days.to_string())
                .replace("{needed}", &MIN_MEAL_DAYS.to_string())
                .replace("{more}", &(MIN_MEAL_DAYS - meal_days).to_string()),
        );
        return (summary, Vec::new());
    }
    let factors = factors(index, &units);
    let outcomes = outcomes(symptoms, &units, min_severity);
    summary.factors = factors.len() as u32;
    let mut lf = LogFactorials::new();
    let mut tests = Vec::new();
    for lag in Lag::ALL {
        let pairs = pairs(&units, lag);
        for (symptom, outcome) in &outcomes {
            for (fi, factor) in factors.iter().enumerate() {
                let t = table(&factor.exposure, outcome, &pairs);
                if t.exposed < MIN_GROUP_DAYS || t.unexposed < MIN_GROUP_DAYS {
                    summary.insufficient_pairs += 1;
                    continue;
                }
                let p = fisher(t, &mut lf);
                tests.push(Test {
                    factor: fi,
                    symptom,
                    lag,
                    table: t,
                    p_greater: p.greater,
                    p_less: p.less,
                });
            }
        }
    }
    summary.tests = tests.len() as u32;
    let q_greater = benjamini_hochberg(&tests.iter().map(|t| t.p_greater).collect::<Vec<_>>());
    let q_less = benjamini_hochberg(&tests.iter().map(|t| t.p_less).collect::<Vec<_>>());

    let mut candidates = Vec::new();
    for (i, t) in tests.iter().enumerate() {
        let rr = relative_risk(t.table);
        let (verdict, direction, p, q) = if q_greater[i] <= MAX_Q && rr.ci_low > 1.0 {
            (Verdict::Likely, Direction::More, t.p_greater, q_greater[i])
        } else if q_less[i] <= MAX_Q && rr.ci_high < 1.0 {
            (Verdict::Helper, Direction::Less, t.p_less, q_less[i])
        } else if t.p_greater <= MAX_P_POSSIBLE && t.p_greater <= t.p_less {
            (
                Verdict::Possible,
                Direction::More,
                t.p_greater,
                q_greater[i],
            )
        } else if t.p_less <= MAX_P_POSSIBLE {
            (Verdict::Possible, Direction::Less, t.p_less, q_less[i])
        } else {
            continue;
        };
        candidates.push((verdict, p, i, direction, q, rr));
    }
    candidates.sort_by(|a, b| {
        (a.0, a.1)
            .partial_cmp(&(b.0, b.1))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                factors[tests[a.2].factor]
                    .id
                    .cmp(&factors[tests[b.2].factor].id)
            })
    });

    let mut findings: Vec<Finding> = Vec::new();
    // Which factors come with which: the same factor recurs across findings.
    let mut mates_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (verdict, p, i, direction, q, rr) in candidates {
        let t = &tests[i];
        let factor = &factors[t.factor];
        let covered = findings.iter().any(|f| {
            f.symptom == t.symptom
                && f.lag == t.lag
                && f.direction == direction
                && f.together_with.contains(&factor.id)
        });
        if covered {
            continue;
        }
        let mates: Vec<&Factor> = mates_of
            .entry(t.factor)
            .or_insert_with(|| {
                (0..factors.len())
                    .filter(|&o| o != t.factor && together(factor, &factors[o]))
                    .collect()
            })
            .iter()
            .map(|&o| &factors[o])
            .collect();
        let explanation = sentence(factor, &mates, t.symptom, t.lag, t.table, min_severity);
        findings.push(Finding {
            factor: factor.id.clone(),
            factor_label: factor.label.clone(),
            together_with: mates.iter().map(|m| m.id.clone()).collect(),
            symptom: t.symptom.to_string(),
            symptom_name: symptom_name(t.symptom),
            lag: t.lag,
            verdict,
            direction,
            exposed_days: t.table.exposed,
            exposed_with_symptom: t.table.exposed_with,
            unexposed_days: t.table.unexposed,
            unexposed_with_symptom: t.table.unexposed_with,
            relative_risk: rr.estimate,
            ci_low: rr.ci_low,
            ci_high: rr.ci_high,
            p_value: p,
            q_value: q,
            explanation,
        });
    }
    if findings.is_empty() {
        summary.message = Some(
            text.no_findings
                .replace("{window_days}", &window_days.to_string()),
        );
    }
    (summary, findings)
}
