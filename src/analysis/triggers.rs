//! Trigger analysis: for every group of factors × symptom × lag, a 2×2
//! table of days; exact one-sided p-values, weakened for runs of days;
//! Tarone's count of the comparisons that could show anything;
//! Benjamini–Hochberg q-values; each candidate checked against the related
//! other candidates and the check-in habits; a verdict and a sentence. The method is README's "How insights
//! are computed"; the numbers are the constants below.

use super::bits::DaySet;
use super::days::DayIndex;
use super::explain;
use super::factors::{factors, groups, outcomes, window, Factor, Group, Kind, Outcome, Window};
use super::stats::{
    self, mantel_haenszel, reachable, relative_risk, runs_inflation, shrink_p, stratified_exact,
    stratified_normal, tarone, weighted_benjamini_hochberg, LogFactorials, RelativeRisk, Table,
};
use crate::domain::{symptom_name, SymptomRating};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// Fewer days with meals than this in the window: no analysis at all.
pub const MIN_MEAL_DAYS: u32 = 14;
/// Fewer exposed (or unexposed) days than this: the pair is insufficient.
pub const MIN_GROUP_DAYS: u32 = 4;
/// Largest q-value of a `likely` or `helper` finding; also Tarone's alpha.
pub const MAX_Q: f64 = 0.10;
/// Largest one-sided p-value of a `possible` finding.
pub const MAX_P_POSSIBLE: f64 = 0.05;
/// Runs of days are measured over this many days of lag.
pub const RUNS_MAX_LAG: usize = 5;
/// Weight of a factor's main comparison (same day, in the direction of its
/// kind) against its other ones in the weighted Benjamini–Hochberg step.
pub const MAIN_WEIGHT: f64 = 5.0;
/// Another factor can explain (or share) a link only when the two go
/// together (or apart) on the link's days more than chance would make them:
/// n·phi² at least this (the chi-square test of the two day series at
/// p ≤ 0.05). A factor that does not go with this one cannot be what its
/// link is really about.
pub const RELATED_CHI2: f64 = 3.841;
/// What could have been seen: a factor on this share of the days.
pub const EXAMPLE_SHARE: f64 = 0.4;
/// Exact p-values are computed where the normal approximation gives less
/// than this in either direction (elsewhere p is far from every bar).
const EXACT_BELOW: f64 = 0.2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
    /// Days from the exposure to the outcome.
    pub fn days(self) -> i64 {
        match self {
            Lag::SameDay => 0,
            Lag::NextDay => 1,
        }
    }
    /// Words: "same day", "next day".
    pub fn name(self) -> &'static str {
        explain::lag_name(self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// q ≤ 0.10 (more common) and the CI's lower bound above 1.
    Likely,
    /// q ≤ 0.10 (less common) and the CI's upper bound below 1.
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

impl Direction {
    fn index(self) -> usize {
        match self {
            Direction::More => 0,
            Direction::Less => 1,
        }
    }
}

/// A finding's figures after allowing for the other factor that weakens it
/// most.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adjusted {
    /// The factor allowed for (`tag:…`, …), and at which lag it was taken.
    pub factor: String,
    pub factor_label: String,
    pub lag: Lag,
    /// Mantel–Haenszel relative risk over the strata (the days with the
    /// other factor, and the days without it), with its 95% interval.
    pub relative_risk: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub rr_from_empty_cell: bool,
    /// The one-sided p-value in the finding's direction.
    pub p_value: f64,
}

/// One factor–symptom–lag pair with evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub factor: String,
    pub factor_label: String,
    /// Factors that came and went with this one (|phi| ≥ 0.8 over the
    /// days): the diary cannot tell them apart.
    pub together_with: Vec<String>,
    /// Factors that are this one's absence (phi ≤ −0.8): the same signal.
    pub complements: Vec<String>,
    pub symptom: String,
    pub symptom_name: String,
    pub lag: Lag,
    /// "same day", "next day".
    pub lag_name: String,
    pub verdict: Verdict,
    /// "likely trigger", "likely helper", "possible trigger", "possible helper".
    pub verdict_name: String,
    pub direction: Direction,
    pub exposed_days: u32,
    pub exposed_with_symptom: u32,
    pub unexposed_days: u32,
    pub unexposed_with_symptom: u32,
    /// The crude relative risk of the counts above, and its 95% interval
    /// (widened for runs of days).
    pub relative_risk: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// A count was zero: 0.5 was added to each cell, the RR is rough.
    pub rr_from_empty_cell: bool,
    /// The one-sided p-value in `direction` the verdict rests on: the
    /// larger of the crude and the adjusted one.
    pub p_value: f64,
    /// Its Benjamini–Hochberg q-value (1 when the pair could not reach the bar).
    pub q_value: f64,
    /// Before allowing for other factors (after the runs correction).
    pub crude_p_value: f64,
    /// How much runs of days weakened the evidence (1 = not at all): the
    /// days counted as this many times fewer independent ones.
    pub runs_inflation: f64,
    pub adjusted: Option<Adjusted>,
    /// The symptom came after the exposure on every exposed day it came
    /// (always true the next day; false for factors without a time).
    pub followed: bool,
    pub explanation: String,
}

impl Finding {
    /// Would leaving out this finding's factor, or one found together with
    /// it, leave out gluten? By the one rule experiments use
    /// (`Factor::leaves_out_gluten`): then the coeliac-testing note goes
    /// with it.
    pub fn leaves_out_gluten(&self, book: &crate::domain::food::FoodBook) -> bool {
        std::iter::once(&self.factor)
            .chain(&self.together_with)
            .filter_map(|id| crate::domain::factor::Factor::from_id(id))
            .any(|f| f.leaves_out_gluten(book))
    }
}

/// A link that looked strong in the raw counts but went away after allowing
/// for another factor: "bloating tracks beer, not fries".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explained {
    pub factor: String,
    pub factor_label: String,
    /// Factors that cannot be told apart from `factor`.
    pub together_with: Vec<String>,
    pub symptom: String,
    pub symptom_name: String,
    pub lag: Lag,
    pub direction: Direction,
    pub by: String,
    pub by_label: String,
    pub crude_relative_risk: f64,
    pub adjusted_relative_risk: f64,
    pub crude_p_value: f64,
    pub adjusted_p_value: f64,
    pub explanation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotTestedReason {
    /// On nearly every day: too few days without it to compare.
    EveryDay,
    /// On too few days to compare.
    TooFewDays,
}

/// A factor no comparison of which could have reached the bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotTested {
    pub factor: String,
    pub factor_label: String,
    pub days_with: u32,
    pub days_known: u32,
    pub reason: NotTestedReason,
}

/// What size of effect the data could have shown for one symptom: a factor
/// on 40% of the days would have reached the bar of a main comparison
/// only with a relative risk of about `relative_risk` (None: not even if
/// the symptom came on every exposed day).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detectable {
    pub symptom: String,
    pub symptom_name: String,
    pub days_with_symptom: u32,
    pub share_without: f64,
    pub share_with: Option<f64>,
    pub relative_risk: Option<f64>,
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
    /// Factor × symptom × lag pairs with enough days, each tested in both
    /// directions.
    pub tests: u32,
    /// Pairs skipped for having fewer than 4 exposed or unexposed days.
    pub insufficient_pairs: u32,
    /// One-sided comparisons that could have reached the bar (Tarone), the
    /// number the q-values allow for.
    pub comparisons_counted: u32,
    /// Factors not tested: on nearly every day, or on too few.
    pub not_tested: Vec<NotTested>,
    /// Per symptom, the size of effect the data could have shown.
    pub detectable: Vec<Detectable>,
    pub message: Option<String>,
}

/// Everything the trigger analysis found.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub summary: TriggerSummary,
    pub findings: Vec<Finding>,
    pub explained: Vec<Explained>,
}

/// One symptom at one lag, lined up with the exposure days.
struct Aligned {
    /// Exposure days whose outcome day is in the window with meals.
    pairs: DaySet,
    /// Bit i: the symptom on the outcome day of exposure day i.
    outcome: DaySet,
}

fn align(w: &Window, o: &Outcome, lag: Lag) -> Aligned {
    let l = lag.days();
    Aligned {
        pairs: w.meal_days.and(&w.meal_days.shifted(l)),
        outcome: o.on.shifted(l),
    }
}

/// Tables of exposed (`x1`) and unexposed (`x0`) days with and without the
/// outcome `y`, one per stratum.
fn tables(x1: &DaySet, x0: &DaySet, y: &DaySet, strata: &[DaySet]) -> Vec<Table> {
    strata
        .iter()
        .map(|s| {
            Table::new(
                DaySet::count_all(&[x1, y, s]),
                DaySet::count_all(&[x1, s]),
                DaySet::count_all(&[x0, y, s]),
                DaySet::count_all(&[x0, s]),
            )
        })
        .collect()
}

fn sum(tables: &[Table]) -> Table {
    tables.iter().fold(Table::new(0, 0, 0, 0), |a, t| {
        Table::new(
            a.exposed_with + t.exposed_with,
            a.exposed + t.exposed,
            a.unexposed_with + t.unexposed_with,
            a.unexposed + t.unexposed,
        )
    })
}

/// One-sided p-values (more, less) of stratified tables: exact where it
/// matters, the normal approximation where both are far from any bar.
fn tails(strata: &[Table], lf: &mut LogFactorials) -> [f64; 2] {
    let (g, l) = stratified_normal(strata);
    if g.min(l) < EXACT_BELOW {
        let t = stratified_exact(strata, lf);
        [t.greater_mid, t.less_mid]
    } else {
        [g, l]
    }
}

/// How much runs of days inflate a test's variance: the exposure's and
/// the symptom's own day-to-day correlations over the test's days, lags 1
/// to `RUNS_MAX_LAG`, through Bartlett's formula.
fn inflation(x1: &DaySet, x0: &DaySet, y: &DaySet) -> f64 {
    let days = x1.or(x0);
    let y = y.and(&days);
    let lags = 1..=RUNS_MAX_LAG as i64;
    let rx: Vec<f64> = lags.clone().map(|k| x1.autocorrelation(&days, k)).collect();
    let ry: Vec<f64> = lags.map(|k| y.autocorrelation(&days, k)).collect();
    runs_inflation(&rx, &ry)
}

/// One group × symptom × lag.
struct Test {
    group: usize,
    symptom: usize,
    lag: Lag,
    table: Table,
    inflation: f64,
    /// One-sided p after the runs correction: [more, less].
    p: [f64; 2],
    p_min: [f64; 2],
    /// Exposed and unexposed days of the pair.
    x1: DaySet,
    x0: DaySet,
}

/// Is this the comparison a factor is mainly about: the same day, and the
/// direction of its kind (less symptoms for what is meant to help, more for
/// the rest)? Foods count as exploratory: every comparison of theirs is not
/// main.
fn is_main(f: &Factor, lag: Lag, dir: usize) -> bool {
    lag == Lag::SameDay && f.kind != Kind::Food && (dir == 1) == f.helps
}

/// A candidate checked against one other factor (at a lag).
struct Check {
    group: usize,
    lag: Lag,
    /// This factor's p allowing for the other.
    forward: f64,
    /// The other's p allowing for this one (None: the other was not tested).
    reverse: Option<f64>,
    /// The two go together or apart on the link's days more than chance
    /// (n·phi² ≥ `RELATED_CHI2`).
    related: bool,
}

impl Check {
    /// The other factor goes with this one, and keeps more of its evidence
    /// allowing for this one than this one keeps allowing for it: the link
    /// may be the other's.
    fn dominates(&self) -> bool {
        self.related && self.reverse.is_some_and(|r| r < self.forward)
    }
    /// This link goes away allowing for the other, and the other's stays.
    fn explains(&self) -> bool {
        self.dominates()
            && self.forward > MAX_P_POSSIBLE
            && self.reverse.is_some_and(|r| r <= MAX_P_POSSIBLE)
    }
    /// The two go together and neither keeps its evidence allowing for the
    /// other.
    fn inseparable(&self) -> bool {
        self.related
            && self.forward > MAX_P_POSSIBLE
            && self.reverse.is_some_and(|r| r > MAX_P_POSSIBLE)
    }
}

/// The best adjustment of a test for one other factor.
struct Adjustment {
    factor: usize,
    lag: Lag,
    rr: RelativeRisk,
    p: f64,
    /// Days with the other factor: (with this one, without); days without it: the same.
    split: [Table; 2],
}

impl Adjustment {
    /// Do this factor and the other go together (or apart) on the link's
    /// days more than chance would make them?
    fn related(&self) -> bool {
        let [on, off] = self.split;
        let n = on.exposed + on.unexposed + off.exposed + off.unexposed;
        let phi = stats::phi(
            on.exposed,
            on.exposed + off.exposed,
            on.exposed + on.unexposed,
            n,
        );
        f64::from(n) * phi * phi >= RELATED_CHI2
    }
}

struct Ctx<'a> {
    factors: &'a [Factor],
    groups: &'a [Group],
    aligned: &'a HashMap<(usize, Lag), Aligned>,
    outcomes: &'a [Outcome],
}

impl Ctx<'_> {
    fn rep(&self, group: usize) -> &Factor {
        &self.factors[self.groups[group].rep]
    }

    /// The test allowing for factor `g` taken at lag `g_lag` relative to the
    /// same outcome day, in direction `dir`.
    fn adjust(
        &self,
        t: &Test,
        g: usize,
        g_lag: Lag,
        dir: usize,
        lf: &mut LogFactorials,
        shifted: &mut HashMap<(usize, i64), [DaySet; 2]>,
    ) -> Option<Adjustment> {
        let a = &self.aligned[&(t.symptom, t.lag)];
        let shift = t.lag.days() - g_lag.days();
        // The days with the other factor and without it, lined up with the
        // exposure days (computed once per factor and shift).
        let strata = shifted.entry((g, shift)).or_insert_with(|| {
            let other = self.rep(g);
            let on = other.on.shifted(shift);
            let off = other.known.shifted(shift).and_not(&on);
            [on, off]
        });
        let tabs = tables(&t.x1, &t.x0, &a.outcome, strata);
        // Nothing to allow for when the other factor was never recorded on
        // these days.
        let rr = mantel_haenszel(&tabs, t.inflation)?;
        let p = tails(&tabs, lf);
        Some(Adjustment {
            factor: g,
            lag: g_lag,
            rr,
            p: shrink_p(p[dir], t.inflation),
            split: [tabs[0], tabs[1]],
        })
    }
}

/// Runs the analysis on the days from `start` to `end`.
pub fn analyse(
    index: &DayIndex,
    symptoms: &[SymptomRating],
    start: NaiveDate,
    end: NaiveDate,
    min_severity: u8,
) -> Analysis {
    let window = window(index, start, end);
    let window_days = window.size() as u32;
    let meal_days = window.meal_days.count();
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
        comparisons_counted: 0,
        not_tested: Vec::new(),
        detectable: Vec::new(),
        message: None,
    };
    if meal_days < MIN_MEAL_DAYS {
        summary.status = AnalysisStatus::Insufficient;
        summary.message = Some(explain::insufficient(meal_days, window_days));
        return Analysis {
            summary,
            findings: Vec::new(),
            explained: Vec::new(),
        };
    }
    let factors = factors(index, &window);
    let groups = groups(&factors);
    let outcomes = outcomes(symptoms, &window, min_severity);
    summary.factors = factors.len() as u32;
    let mut aligned = HashMap::new();
    for (s, o) in outcomes.iter().enumerate() {
        for lag in Lag::ALL {
            aligned.insert((s, lag), align(&window, o, lag));
        }
    }
    let ctx = Ctx {
        factors: &factors,
        groups: &groups,
        aligned: &aligned,
        outcomes: &outcomes,
    };
    let mut lf = LogFactorials::new();

    // Every group × symptom × lag with enough days.
    let mut tests: Vec<Test> = Vec::new();
    for (s, _) in outcomes.iter().enumerate() {
        for lag in Lag::ALL {
            let a = &aligned[&(s, lag)];
            for (gi, g) in groups.iter().enumerate() {
                let f = &factors[g.rep];
                let x1 = f.on.and(&a.pairs);
                let x0 = f.known.and(&a.pairs).and_not(&f.on);
                let (n1, n0) = (x1.count(), x0.count());
                if n1 < MIN_GROUP_DAYS || n0 < MIN_GROUP_DAYS {
                    summary.insufficient_pairs += 1;
                    continue;
                }
                let strata = tables(&x1, &x0, &a.outcome, std::slice::from_ref(&a.pairs));
                let f_runs = inflation(&x1, &x0, &a.outcome);
                let p = tails(&strata, &mut lf);
                let (min_g, min_l) = reachable(&strata, &mut lf);
                tests.push(Test {
                    group: gi,
                    symptom: s,
                    lag,
                    table: sum(&strata),
                    inflation: f_runs,
                    p: [shrink_p(p[0], f_runs), shrink_p(p[1], f_runs)],
                    p_min: [shrink_p(min_g, f_runs), shrink_p(min_l, f_runs)],
                    x1,
                    x0,
                });
            }
        }
    }
    summary.tests = tests.len() as u32;

    // Tarone: only comparisons that could reach the bar are counted.
    let p_min: Vec<f64> = tests.iter().flat_map(|t| t.p_min).collect();
    let k = tarone(&p_min, MAX_Q);
    let counted: Vec<bool> = p_min.iter().map(|&p| p <= MAX_Q / k as f64).collect();
    summary.comparisons_counted = counted.iter().filter(|&&c| c).count() as u32;

    // Candidates are checked against each other and the check-in habits.
    let by_key: HashMap<(usize, usize, Lag), usize> = tests
        .iter()
        .enumerate()
        .map(|(i, t)| ((t.group, t.symptom, t.lag), i))
        .collect();
    let dir_of = |t: &Test| usize::from(t.p[0] > t.p[1]);
    let candidates: Vec<usize> = (0..tests.len())
        .filter(|&i| tests[i].p[0].min(tests[i].p[1]) <= MAX_P_POSSIBLE)
        .collect();
    let checkin_groups: Vec<usize> = (0..groups.len())
        .filter(|&g| factors[groups[g].rep].kind == Kind::CheckinHabit)
        .collect();
    let mut partial: HashMap<(usize, usize, Lag), Option<Adjustment>> = HashMap::new();
    let mut shifted = HashMap::new();
    let mut checks: HashMap<usize, Vec<Check>> = HashMap::new();
    for &i in &candidates {
        let t = &tests[i];
        let mut others: Vec<(usize, Lag)> = candidates
            .iter()
            .map(|&j| &tests[j])
            .filter(|o| o.symptom == t.symptom && o.group != t.group)
            .map(|o| (o.group, o.lag))
            .collect();
        let other_lag = if t.lag == Lag::SameDay {
            Lag::NextDay
        } else {
            Lag::SameDay
        };
        others.push((t.group, other_lag));
        others.extend(
            checkin_groups
                .iter()
                .filter(|&&g| g != t.group)
                .map(|&g| (g, Lag::SameDay)),
        );
        others.sort_by_key(|&(g, l)| (g, l.days()));
        others.dedup();
        for (g, g_lag) in others {
            // This factor allowing for the other, and the other allowing for it.
            let Some((forward, related)) = partial
                .entry((i, g, g_lag))
                .or_insert_with(|| ctx.adjust(t, g, g_lag, dir_of(t), &mut lf, &mut shifted))
                .as_ref()
                .map(|a| (a.p, a.related()))
            else {
                continue;
            };
            let reverse = by_key.get(&(g, t.symptom, g_lag)).and_then(|&j| {
                partial
                    .entry((j, t.group, t.lag))
                    .or_insert_with(|| {
                        let o = &tests[j];
                        ctx.adjust(o, t.group, t.lag, dir_of(o), &mut lf, &mut shifted)
                    })
                    .as_ref()
                    .map(|a| a.p)
            });
            checks.entry(i).or_default().push(Check {
                group: g,
                lag: g_lag,
                forward,
                reverse,
                related,
            });
        }
    }

    // The p each verdict rests on: the crude one, or the one allowing for a
    // factor that keeps more of its own evidence than this one does.
    let dominated_p = |i: usize| -> Option<f64> {
        checks
            .get(&i)?
            .iter()
            .filter(|c| c.dominates())
            .map(|c| c.forward)
            .reduce(f64::max)
    };
    let final_p = |i: usize, d: usize| -> f64 {
        let t = &tests[i];
        match dominated_p(i) {
            Some(p) if d == dir_of(t) => t.p[d].max(p),
            _ => t.p[d],
        }
    };
    let family: Vec<usize> = (0..p_min.len()).filter(|&h| counted[h]).collect();
    // Weighted Benjamini–Hochberg: the main comparisons carry more weight.
    let weights: Vec<f64> = family
        .iter()
        .map(|&h| {
            let t = &tests[h / 2];
            if is_main(&factors[groups[t.group].rep], t.lag, h % 2) {
                MAIN_WEIGHT
            } else {
                1.0
            }
        })
        .collect();
    let q_of = |ps: Vec<f64>| -> Vec<f64> {
        let q = weighted_benjamini_hochberg(&ps, &weights);
        let mut all = vec![1.0; p_min.len()];
        for (h, q) in family.iter().zip(q) {
            all[*h] = q;
        }
        all
    };
    let q = q_of(family.iter().map(|&h| final_p(h / 2, h % 2)).collect());
    let crude_q = q_of(family.iter().map(|&h| tests[h / 2].p[h % 2]).collect());

    let mut findings = Vec::new();
    let mut pending = Vec::new();
    for (i, t) in tests.iter().enumerate() {
        let fp = [final_p(i, 0), final_p(i, 1)];
        let my_checks = checks.get(&i).map_or(&[][..], Vec::as_slice);
        // The other factor that weakens this one most, shown beside the crude figure.
        let shown_check = my_checks
            .iter()
            .filter(|c| c.dominates() || my_checks.iter().all(|o| !o.dominates()))
            .max_by(|a, b| a.forward.total_cmp(&b.forward));
        let adj = shown_check.and_then(|c| partial[&(i, c.group, c.lag)].as_ref());
        let crude_rr = relative_risk(t.table, t.inflation);
        let shown = match shown_check {
            Some(c) if c.dominates() => adj.map_or(crude_rr, |a| a.rr),
            _ => crude_rr,
        };
        let (verdict, dir) = if q[2 * i] <= MAX_Q && shown.ci_low > 1.0 {
            (Verdict::Likely, Direction::More)
        } else if q[2 * i + 1] <= MAX_Q && shown.ci_high < 1.0 {
            (Verdict::Helper, Direction::Less)
        } else if fp[0].min(fp[1]) <= MAX_P_POSSIBLE {
            let d = if fp[0] <= fp[1] {
                Direction::More
            } else {
                Direction::Less
            };
            (Verdict::Possible, d)
        } else {
            // Strong in the raw counts, gone after allowing for another
            // factor that kept its own evidence.
            let d = dir_of(t);
            let by = my_checks
                .iter()
                .filter(|c| c.explains())
                .max_by(|a, b| a.forward.total_cmp(&b.forward));
            if let Some(c) = by.filter(|_| crude_q[2 * i + d] <= MAX_Q) {
                if let Some(a) = &partial[&(i, c.group, c.lag)] {
                    pending.push((i, c.group, c.lag, crude_rr, d, a));
                }
            }
            continue;
        };
        // Factors this one could not be told apart from, for this symptom.
        // (Only between links both strong in the raw counts.)
        let strong_crude = |j: usize| crude_q[2 * j].min(crude_q[2 * j + 1]) <= MAX_Q;
        let inseparable: Vec<usize> = my_checks
            .iter()
            .filter(|c| c.group != t.group && c.inseparable() && !c.dominates())
            .filter(|c| {
                strong_crude(i)
                    && by_key
                        .get(&(c.group, t.symptom, c.lag))
                        .is_some_and(|&j| strong_crude(j))
            })
            .map(|c| c.group)
            .collect();
        let d = dir.index();
        findings.push(finding(
            &ctx,
            t,
            FindingParts {
                verdict,
                dir,
                rr: crude_rr,
                p: fp[d],
                q: q[2 * i + d],
                crude_p: t.p[d],
                adjusted: adj,
                inseparable,
                min_severity,
            },
        ));
    }
    // "Tracks beer, not fries" only when beer is itself a finding for the
    // symptom, and the days allow the comparison.
    let mut explained: Vec<Explained> = pending
        .into_iter()
        .filter(|&(i, g, g_lag, ..)| {
            let by = &factors[groups[g].rep].id;
            findings.iter().any(|f: &Finding| {
                f.verdict != Verdict::Possible
                    && f.symptom == outcomes[tests[i].symptom].symptom
                    && &f.factor == by
                    && f.lag == g_lag
            })
        })
        .filter_map(|(i, _, _, crude_rr, d, a)| explain_away(&ctx, &tests[i], a, crude_rr, d))
        .collect();
    explained.sort_by(|a, b| {
        (&a.symptom, a.crude_p_value)
            .partial_cmp(&(&b.symptom, b.crude_p_value))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    findings.sort_by(|a: &Finding, b: &Finding| {
        (a.verdict, a.p_value)
            .partial_cmp(&(b.verdict, b.p_value))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.factor.cmp(&b.factor))
            .then_with(|| a.symptom.cmp(&b.symptom))
    });

    // Factors no comparison of which was counted.
    if !outcomes.is_empty() {
        for (gi, g) in groups.iter().enumerate() {
            let any = tests
                .iter()
                .enumerate()
                .any(|(i, t)| t.group == gi && (counted[2 * i] || counted[2 * i + 1]));
            if !any {
                let f = &factors[g.rep];
                summary.not_tested.push(NotTested {
                    factor: f.id.clone(),
                    factor_label: f.label.clone(),
                    days_with: f.on.count(),
                    days_known: f.known.count(),
                    reason: if f.share() > 0.5 {
                        NotTestedReason::EveryDay
                    } else {
                        NotTestedReason::TooFewDays
                    },
                });
            }
        }
    }
    // The bar of a main comparison that is the strongest finding: alpha
    // times its share of the weights.
    let bar = MAX_Q * MAIN_WEIGHT / weights.iter().sum::<f64>().max(MAIN_WEIGHT);
    summary.detectable = outcomes
        .iter()
        .map(|o| detectable(&window, o, bar, &mut lf))
        .collect();
    if findings.is_empty() {
        summary.message = Some(explain::no_findings(&summary));
    }
    Analysis {
        summary,
        findings,
        explained,
    }
}

struct FindingParts<'a> {
    verdict: Verdict,
    dir: Direction,
    rr: RelativeRisk,
    p: f64,
    q: f64,
    crude_p: f64,
    adjusted: Option<&'a Adjustment>,
    inseparable: Vec<usize>,
    min_severity: u8,
}

fn finding(ctx: &Ctx, t: &Test, parts: FindingParts) -> Finding {
    let group = &ctx.groups[t.group];
    let f = ctx.rep(t.group);
    let outcome = &ctx.outcomes[t.symptom];
    // Exposed days with the symptom where it came only before the exposure.
    let before = if t.lag == Lag::SameDay && !f.times.is_empty() {
        let with = t.x1.and(&outcome.on);
        Some(
            with.iter()
                .filter(|&i| match (outcome.last[i], f.times[i]) {
                    (Some(s), Some(e)) => s < e,
                    _ => false,
                })
                .count() as u32,
        )
    } else {
        None
    };
    let adjusted = parts.adjusted.map(|a| {
        let other = ctx.rep(a.factor);
        Adjusted {
            factor: other.id.clone(),
            factor_label: explain::at_lag(&other.label, a.lag, t.lag),
            lag: a.lag,
            relative_risk: a.rr.estimate,
            ci_low: a.rr.ci_low,
            ci_high: a.rr.ci_high,
            rr_from_empty_cell: a.rr.from_empty_cell,
            p_value: a.p,
        }
    });
    let labels = |ids: &[usize]| -> Vec<&Factor> { ids.iter().map(|&i| &ctx.factors[i]).collect() };
    let together = labels(&group.together);
    let complements = labels(&group.complements);
    let inseparable: Vec<&Factor> = parts.inseparable.iter().map(|&g| ctx.rep(g)).collect();
    let explanation = explain::sentence(&explain::SentenceParts {
        factor: f,
        together: &together,
        complements: &complements,
        inseparable: &inseparable,
        symptom: &outcome.symptom,
        lag: t.lag,
        table: t.table,
        before,
        min_severity: parts.min_severity,
        crude_rr: parts.rr,
        adjusted: adjusted.as_ref(),
    });
    Finding {
        factor: f.id.clone(),
        factor_label: f.label.clone(),
        together_with: together
            .iter()
            .chain(&inseparable)
            .map(|m| m.id.clone())
            .collect(),
        complements: complements.iter().map(|m| m.id.clone()).collect(),
        symptom: outcome.symptom.clone(),
        symptom_name: symptom_name(&outcome.symptom),
        lag: t.lag,
        lag_name: t.lag.name().to_string(),
        verdict: parts.verdict,
        verdict_name: explain::verdict_name(parts.verdict, parts.dir).to_string(),
        direction: parts.dir,
        exposed_days: t.table.exposed,
        exposed_with_symptom: t.table.exposed_with,
        unexposed_days: t.table.unexposed,
        unexposed_with_symptom: t.table.unexposed_with,
        relative_risk: parts.rr.estimate,
        ci_low: parts.rr.ci_low,
        ci_high: parts.rr.ci_high,
        rr_from_empty_cell: parts.rr.from_empty_cell,
        p_value: parts.p,
        q_value: parts.q,
        crude_p_value: parts.crude_p,
        runs_inflation: t.inflation,
        adjusted,
        followed: before == Some(0) || t.lag == Lag::NextDay,
        explanation,
    }
}

fn explain_away(
    ctx: &Ctx,
    t: &Test,
    a: &Adjustment,
    crude: RelativeRisk,
    d: usize,
) -> Option<Explained> {
    let f = ctx.rep(t.group);
    let other = ctx.rep(a.factor);
    let symptom = &ctx.outcomes[t.symptom].symptom;
    let by_label = explain::at_lag(&other.label, a.lag, t.lag);
    let explanation = explain::explained(&f.label, &by_label, symptom, a.split)?;
    Some(Explained {
        factor: f.id.clone(),
        factor_label: f.label.clone(),
        together_with: ctx.groups[t.group]
            .together
            .iter()
            .map(|&m| ctx.factors[m].id.clone())
            .collect(),
        symptom: symptom.clone(),
        symptom_name: symptom_name(symptom),
        lag: t.lag,
        direction: if d == 0 {
            Direction::More
        } else {
            Direction::Less
        },
        by: other.id.clone(),
        explanation,
        by_label,
        crude_relative_risk: crude.estimate,
        adjusted_relative_risk: a.rr.estimate,
        crude_p_value: t.p[d],
        adjusted_p_value: a.p,
    })
}

/// The smallest relative risk a factor on `EXAMPLE_SHARE` of the days
/// could have shown at `bar`: the expected table at the symptom's own
/// share of days, the exposed days with the symptom raised one at a time
/// until Fisher's one-sided mid-p reaches the bar.
fn detectable(w: &Window, o: &Outcome, bar: f64, lf: &mut LogFactorials) -> Detectable {
    let n = w.meal_days.count();
    let k = o.on.count();
    let base = k as f64 / n.max(1) as f64;
    let n1 = ((EXAMPLE_SHARE * n as f64).round() as u32).clamp(1, n.saturating_sub(1).max(1));
    let n0 = n - n1;
    let c = ((base * n0 as f64).round() as u32).min(n0);
    let share_without = c as f64 / n0.max(1) as f64;
    let from = ((base * n1 as f64).round() as u32).min(n1);
    let hit =
        (from..=n1).find(|&a| stratified_exact(&[Table::new(a, n1, c, n0)], lf).greater_mid <= bar);
    let rr = hit
        .filter(|_| c > 0)
        .map(|a| (a as f64 / n1 as f64) / share_without);
    Detectable {
        symptom: o.symptom.clone(),
        symptom_name: symptom_name(&o.symptom),
        days_with_symptom: k,
        share_without,
        share_with: hit.map(|a| a as f64 / n1 as f64),
        relative_risk: rr,
    }
}
