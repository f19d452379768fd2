//! An experiment: leave one factor out and bring it back, in planned
//! phases, while the diary goes on. This module owns the design (AB or
//! ABAB, the phases, an optional baseline, washout days after each switch),
//! the schedule (which phase a date is in, with pauses), and the set of
//! schedules a randomised experiment is drawn from — the same set its
//! verdict's randomisation test runs over (`analysis::experiment`).

use super::error::{InputError, InputResult};
use super::factor::Factor;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Days per phase: at least this many more than the washout...
pub const MIN_COMPARED_PER_PHASE: u32 = 5;
/// ...and within these bounds.
pub const PHASE_DAYS: (u32, u32) = (5, 28);
pub const MAX_BASELINE_DAYS: u32 = 28;
pub const MAX_WASHOUT_DAYS: u32 = 7;
pub const DEFAULT_WASHOUT_DAYS: u32 = 2;
/// Days one `extend` may add, and all extensions together.
pub const MAX_EXTEND_DAYS: u32 = 28;
pub const MAX_EXTENDED_DAYS: u32 = 56;
pub const MAX_SYMPTOMS: usize = 3;
/// How far ahead an experiment may be scheduled to start.
pub const MAX_START_AHEAD_DAYS: i64 = 30;

/// AB: without, then with (elimination, then reintroduction). ABAB:
/// alternating phases, twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Design {
    Ab,
    Abab,
}

impl Design {
    pub fn as_str(self) -> &'static str {
        match self {
            Design::Ab => "ab",
            Design::Abab => "abab",
        }
    }

    pub fn parse(s: &str) -> InputResult<Design> {
        match s.trim().to_lowercase().as_str() {
            "ab" => Ok(Design::Ab),
            "abab" => Ok(Design::Abab),
            _ => Err(InputError::new(format!(
                "unknown design '{}'; use abab (alternate twice, stronger) or ab (without, then with)",
                s.trim()
            ))),
        }
    }

    pub fn phases(self) -> usize {
        match self {
            Design::Ab => 2,
            Design::Abab => 4,
        }
    }

    /// Days per phase when none are given: 4 × 10 (about six weeks) or 14 + 14.
    pub fn default_phase_days(self) -> u32 {
        match self {
            Design::Ab => 14,
            Design::Abab => 10,
        }
    }
}

/// Whether a phase goes without the factor or with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Condition {
    Without,
    With,
}

impl Condition {
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Without => "without",
            Condition::With => "with",
        }
    }
    pub fn other(self) -> Condition {
        match self {
            Condition::Without => Condition::With,
            Condition::With => Condition::Without,
        }
    }
}

/// A phase as planned: its condition and length in experiment days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub condition: Condition,
    pub days: u32,
}

/// A pause: dates from `from` until the day before `to` are not
/// experiment days (the schedule waits); `to` None while still paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

/// One experiment, as stored and exported (and, read back, as an element
/// of a sync: `exchange::versions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Experiment {
    pub id: String,
    /// `tag:dairy`, `fodmap:lactose`, … (`domain::factor`).
    pub factor: String,
    /// Symptom ids; the first is the main one.
    pub symptoms: Vec<String>,
    pub design: Design,
    /// The phases after the baseline, as planned (without extensions).
    pub phases: Vec<Phase>,
    pub baseline_days: u32,
    pub washout_days: u32,
    /// True when the order and the switch days were drawn at random.
    pub randomised: bool,
    /// The shortest phase the randomisation could draw (see `ScheduleSpace`).
    pub min_phase_days: u32,
    /// Days added to the last phase by `extend`.
    pub extended_days: u32,
    pub started_on: NaiveDate,
    pub created_at: NaiveDateTime,
    /// The last experiment day counted, when ended by hand.
    pub ended_on: Option<NaiveDate>,
    /// The coeliac-testing advice was shown and confirmed (gluten experiments).
    pub coeliac_advice_confirmed: bool,
    pub pauses: Vec<Pause>,
}

/// Where an experiment stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Starts on a later date.
    Scheduled,
    Running,
    Paused,
    /// Ran to its planned end.
    Finished,
    /// Ended by hand before its planned end.
    EndedEarly,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Finished => "finished",
            Status::EndedEarly => "ended_early",
        }
    }
    /// Scheduled, running or paused: another experiment cannot start.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Scheduled | Status::Running | Status::Paused)
    }
}

/// What a date is in an experiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPlace {
    Before,
    /// Baseline day `day` (1-based) of `of`: live as usual and log.
    Baseline {
        day: u32,
        of: u32,
    },
    Phase(PhaseDay),
    Paused,
    After,
}

/// A date inside a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseDay {
    /// 0-based phase index.
    pub phase: usize,
    pub condition: Condition,
    /// 1-based day of the phase, and the phase's length.
    pub day: u32,
    pub of: u32,
    /// Logged, not compared: the first days after a switch.
    pub washout: bool,
    /// 0-based experiment day after the baseline (the unit the
    /// randomisation test labels).
    pub index: u32,
}

/// A phase with its dates, for timelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PhaseDates {
    pub condition: Condition,
    pub days: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub washout_days: u32,
}

/// Washout days at the start of each phase: after a switch. Before the
/// experiment the factor is part of ordinary life, so a first phase
/// without it starts with a washout and a first phase with it does not.
pub fn washouts(phases: &[Phase], washout: u32) -> Vec<u32> {
    let mut before = Condition::With;
    phases
        .iter()
        .map(|p| {
            let w = if p.condition != before {
                washout.min(p.days)
            } else {
                0
            };
            before = p.condition;
            w
        })
        .collect()
}

impl Experiment {
    pub fn factor(&self) -> Option<Factor> {
        Factor::from_id(&self.factor)
    }

    /// The factor's label, or its id if it is not one gutlog reads.
    pub fn factor_label(&self) -> String {
        self.factor()
            .map_or_else(|| self.factor.clone(), |f| f.label())
    }

    /// The phases with any extension added to the last.
    pub fn effective_phases(&self) -> Vec<Phase> {
        let mut p = self.phases.clone();
        if let Some(last) = p.last_mut() {
            last.days += self.extended_days;
        }
        p
    }

    /// Experiment days after the baseline.
    pub fn phase_days_total(&self) -> u32 {
        self.effective_phases().iter().map(|p| p.days).sum()
    }

    /// All experiment days, baseline included.
    pub fn total_days(&self) -> u32 {
        self.baseline_days + self.phase_days_total()
    }

    fn paused_on(&self, d: NaiveDate) -> bool {
        self.pauses
            .iter()
            .any(|p| p.from <= d && p.to.is_none_or(|t| d < t))
    }

    /// The open pause, if the experiment is paused.
    pub fn open_pause(&self) -> Option<Pause> {
        self.pauses.iter().copied().find(|p| p.to.is_none())
    }

    /// The calendar date of every experiment day (baseline first). Dates
    /// inside a pause are skipped; an open pause is taken to end on
    /// `resume` (at the earliest the day after it began), for planning.
    pub fn day_dates(&self, resume: NaiveDate) -> Vec<NaiveDate> {
        let mut closed = self.pauses.clone();
        for p in &mut closed {
            if p.to.is_none() {
                p.to = Some(resume.max(p.from + Duration::days(1)));
            }
        }
        let paused = |d: NaiveDate| {
            closed
                .iter()
                .any(|p| p.from <= d && p.to.is_some_and(|t| d < t))
        };
        let n = self.total_days() as usize;
        let mut out = Vec::with_capacity(n);
        let mut d = self.started_on;
        while out.len() < n {
            if !paused(d) {
                out.push(d);
            }
            d += Duration::days(1);
        }
        out
    }

    /// The last planned day (an open pause assumed to end after `today`).
    pub fn planned_end(&self, today: NaiveDate) -> NaiveDate {
        self.day_dates(today + Duration::days(1))
            .last()
            .copied()
            .unwrap_or(self.started_on)
    }

    /// The phases with their dates (baseline left out).
    pub fn phase_dates(&self, today: NaiveDate) -> Vec<PhaseDates> {
        let dates = self.day_dates(today + Duration::days(1));
        let phases = self.effective_phases();
        let w = washouts(&phases, self.washout_days);
        let mut i = self.baseline_days as usize;
        phases
            .iter()
            .zip(w)
            .map(|(p, washout_days)| {
                let start = dates[i];
                i += p.days as usize;
                PhaseDates {
                    condition: p.condition,
                    days: p.days,
                    start,
                    end: dates[i - 1],
                    washout_days,
                }
            })
            .collect()
    }

    /// Where `date` falls (pauses as they stand on `today`).
    pub fn place(&self, date: NaiveDate, today: NaiveDate) -> DayPlace {
        if date < self.started_on {
            return DayPlace::Before;
        }
        if self.ended_on.is_some_and(|e| date > e) {
            return DayPlace::After;
        }
        if self.paused_on(date) {
            return DayPlace::Paused;
        }
        let dates = self.day_dates(today.max(date) + Duration::days(1));
        let Ok(i) = dates.binary_search(&date) else {
            return DayPlace::After;
        };
        let i = i as u32;
        if i < self.baseline_days {
            return DayPlace::Baseline {
                day: i + 1,
                of: self.baseline_days,
            };
        }
        let index = i - self.baseline_days;
        let phases = self.effective_phases();
        let w = washouts(&phases, self.washout_days);
        let mut start = 0;
        for (k, p) in phases.iter().enumerate() {
            if index < start + p.days {
                let day = index - start + 1;
                return DayPlace::Phase(PhaseDay {
                    phase: k,
                    condition: p.condition,
                    day,
                    of: p.days,
                    washout: day <= w[k],
                    index,
                });
            }
            start += p.days;
        }
        DayPlace::After
    }

    /// The experiment's status on `today`.
    pub fn status(&self, today: NaiveDate) -> Status {
        let end = self.day_dates(today + Duration::days(1)).last().copied();
        match self.ended_on {
            Some(e) if end.is_some_and(|end| e < end) => Status::EndedEarly,
            Some(_) => Status::Finished,
            None if self.open_pause().is_some() => Status::Paused,
            None if today < self.started_on => Status::Scheduled,
            None if end.is_some_and(|end| today > end) => Status::Finished,
            None => Status::Running,
        }
    }

    /// The last day whose data counts: the end (planned or by hand), or
    /// `today` while it runs.
    pub fn last_counted_day(&self, today: NaiveDate) -> NaiveDate {
        let planned = self.planned_end(today);
        self.ended_on.unwrap_or(planned).min(planned).min(today)
    }

    /// The last date this experiment can hold: its end, else its planned
    /// end, else (paused, with no end in sight) the last date there is.
    /// Experiments run one at a time, so their spans never overlap.
    pub fn span_end(&self) -> NaiveDate {
        match (self.ended_on, self.open_pause()) {
            (Some(e), _) => e,
            (None, Some(_)) => NaiveDate::MAX,
            (None, None) => self.planned_end(self.started_on),
        }
    }

    /// True when the two experiments' spans share a date.
    pub fn overlaps(&self, other: &Experiment) -> bool {
        self.started_on <= other.span_end() && other.started_on <= self.span_end()
    }

    /// The randomisation's set of schedules for this experiment.
    pub fn space(&self) -> ScheduleSpace {
        ScheduleSpace {
            phases: self.phases.len(),
            total: self.phases.iter().map(|p| p.days).sum(),
            min_phase: self.min_phase_days,
            extension: self.extended_days,
            washout: self.washout_days,
        }
    }
}

/// The shortest phase a randomised schedule may have: long enough for
/// the washout and five compared days, and at least two thirds of the
/// planned phase length, so no phase becomes a token one.
pub fn min_phase_days(phase_days: u32, washout: u32) -> u32 {
    (washout + 3).max((2 * phase_days).div_ceil(3))
}

/// Every schedule a randomised experiment could have drawn: which
/// condition comes first, and phase lengths of at least `min_phase` days
/// adding up to `total`, the last one extended by `extension`. A
/// randomised experiment draws one uniformly from this set, and its
/// randomisation test compares the schedule drawn with all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleSpace {
    pub phases: usize,
    pub total: u32,
    pub min_phase: u32,
    pub extension: u32,
    pub washout: u32,
}

/// One schedule: the condition of each phase and its length.
pub type Schedule = Vec<Phase>;

impl ScheduleSpace {
    /// How many schedules there are (both orders).
    pub fn len(&self) -> usize {
        // Compositions of total − k·m into k parts ≥ 0: C(n + k − 1, k − 1).
        let k = self.phases as u64;
        let Some(free) = self.total.checked_sub(self.min_phase * self.phases as u32) else {
            return 0;
        };
        let n = free as u64 + k - 1;
        let mut c: u64 = 1;
        for i in 0..(k - 1) {
            c = c * (n - i) / (i + 1);
        }
        2 * c as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Phase lengths of schedule `i` (0..len/2), in a fixed order.
    fn lengths(&self) -> Vec<Vec<u32>> {
        fn go(left: u32, parts: usize, min: u32, cur: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
            if parts == 1 {
                if left >= min {
                    cur.push(left);
                    out.push(cur.clone());
                    cur.pop();
                }
                return;
            }
            let mut first = min;
            while first + min * (parts as u32 - 1) <= left {
                cur.push(first);
                go(left - first, parts - 1, min, cur, out);
                cur.pop();
                first += 1;
            }
        }
        let mut out = Vec::new();
        go(
            self.total,
            self.phases,
            self.min_phase,
            &mut Vec::new(),
            &mut out,
        );
        out
    }

    /// Every schedule, starting without the factor first, then with it first.
    pub fn all(&self) -> Vec<Schedule> {
        let lengths = self.lengths();
        let mut out = Vec::with_capacity(lengths.len() * 2);
        for first in [Condition::Without, Condition::With] {
            for l in &lengths {
                let mut c = first;
                let mut sched: Schedule = l
                    .iter()
                    .map(|&days| {
                        let p = Phase { condition: c, days };
                        c = c.other();
                        p
                    })
                    .collect();
                if let Some(last) = sched.last_mut() {
                    last.days += self.extension;
                }
                out.push(sched);
            }
        }
        out
    }

    /// Draws one schedule uniformly (as stored: without the extension).
    pub fn draw(&self, rng: &mut fastrand::Rng) -> Option<Schedule> {
        let all = ScheduleSpace {
            extension: 0,
            ..*self
        }
        .all();
        (!all.is_empty()).then(|| all[rng.usize(..all.len())].clone())
    }
}

/// The label of each experiment day after the baseline under `schedule`:
/// its condition, or None for a washout day.
pub fn labels(schedule: &[Phase], washout: u32) -> Vec<Option<Condition>> {
    let w = washouts(schedule, washout);
    let mut out = Vec::new();
    for (p, w) in schedule.iter().zip(w) {
        for d in 0..p.days {
            out.push((d >= w).then_some(p.condition));
        }
    }
    out
}

/// What someone asked for when starting an experiment, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentPlan {
    pub factor: Factor,
    pub symptoms: Vec<String>,
    pub design: Design,
    pub phase_days: u32,
    pub baseline_days: u32,
    pub washout_days: u32,
    pub randomised: bool,
    pub start: NaiveDate,
}

impl ExperimentPlan {
    /// Checks the numbers and dates; the messages say what to type instead.
    pub fn check(&self, today: NaiveDate) -> InputResult<()> {
        if self.symptoms.is_empty() {
            return Err(InputError::new(
                "name the symptom the factor is suspected of, e.g. --symptom bloating",
            ));
        }
        if self.symptoms.len() > MAX_SYMPTOMS {
            return Err(InputError::new(format!(
                "{} symptoms given; test at most {MAX_SYMPTOMS} (the first is the main one)",
                self.symptoms.len()
            )));
        }
        if self.washout_days > MAX_WASHOUT_DAYS {
            return Err(InputError::new(format!(
                "a washout of {} days is too long; use 0 to {MAX_WASHOUT_DAYS}",
                self.washout_days
            )));
        }
        let least = PHASE_DAYS.0.max(self.washout_days + MIN_COMPARED_PER_PHASE);
        if !(least..=PHASE_DAYS.1).contains(&self.phase_days) {
            return Err(InputError::new(format!(
                "phases of {} days: use {least} to {} (each phase needs its {} washout days and at least {MIN_COMPARED_PER_PHASE} days to compare)",
                self.phase_days, PHASE_DAYS.1, self.washout_days
            )));
        }
        if self.baseline_days > MAX_BASELINE_DAYS {
            return Err(InputError::new(format!(
                "a baseline of {} days is too long; use 0 to {MAX_BASELINE_DAYS}",
                self.baseline_days
            )));
        }
        if self.start < today {
            return Err(InputError::new(format!(
                "--start {} is in the past; an experiment starts today or later",
                self.start
            )));
        }
        if self.start > today + Duration::days(MAX_START_AHEAD_DAYS) {
            return Err(InputError::new(format!(
                "--start {} is more than {MAX_START_AHEAD_DAYS} days ahead; pick a nearer date",
                self.start
            )));
        }
        Ok(())
    }

    /// The experiment this plan makes: equal phases starting without the
    /// factor, or (randomised) a schedule drawn from `rng`.
    pub fn build(
        &self,
        id: String,
        now: NaiveDateTime,
        rng: &mut fastrand::Rng,
        coeliac_advice_confirmed: bool,
    ) -> Experiment {
        let k = self.design.phases();
        let min_phase = min_phase_days(self.phase_days, self.washout_days);
        let space = ScheduleSpace {
            phases: k,
            total: self.phase_days * k as u32,
            min_phase,
            extension: 0,
            washout: self.washout_days,
        };
        let equal: Schedule = (0..k)
            .map(|i| Phase {
                condition: if i % 2 == 0 {
                    Condition::Without
                } else {
                    Condition::With
                },
                days: self.phase_days,
            })
            .collect();
        let phases = if self.randomised {
            space.draw(rng).unwrap_or(equal)
        } else {
            equal
        };
        Experiment {
            id,
            factor: self.factor.id(),
            symptoms: self.symptoms.clone(),
            design: self.design,
            phases,
            baseline_days: self.baseline_days,
            washout_days: self.washout_days,
            randomised: self.randomised,
            min_phase_days: min_phase,
            extended_days: 0,
            started_on: self.start,
            created_at: now,
            ended_on: None,
            coeliac_advice_confirmed,
            pauses: Vec::new(),
        }
    }
}

/// Checks an experiment read from a file or a diary, as the command line
/// would have made it; the message names what is wrong.
pub fn check_experiment(e: &Experiment) -> InputResult<()> {
    let k = e.design.phases();
    if e.phases.len() != k {
        return Err(InputError::new(format!(
            "a {} experiment has {k} phases, not {}",
            e.design.as_str(),
            e.phases.len()
        )));
    }
    if e.phases
        .windows(2)
        .any(|w| w[0].condition == w[1].condition)
    {
        return Err(InputError::new(
            "phases must alternate between without and with",
        ));
    }
    let total: u32 = e.phases.iter().map(|p| p.days).sum();
    if e.phases.iter().any(|p| p.days == 0) || total > PHASE_DAYS.1 * k as u32 {
        return Err(InputError::new(format!(
            "phases of {total} days in all: each phase needs at least a day, and all of them at most {}",
            PHASE_DAYS.1 * k as u32
        )));
    }
    if e.washout_days > MAX_WASHOUT_DAYS || e.baseline_days > MAX_BASELINE_DAYS {
        return Err(InputError::new(format!(
            "washout {} and baseline {} days: use at most {MAX_WASHOUT_DAYS} and {MAX_BASELINE_DAYS}",
            e.washout_days, e.baseline_days
        )));
    }
    if !(1..=PHASE_DAYS.1).contains(&e.min_phase_days) || e.extended_days > MAX_EXTENDED_DAYS {
        return Err(InputError::new(format!(
            "min_phase_days {} and extended_days {}: use 1 to {} and 0 to {MAX_EXTENDED_DAYS}",
            e.min_phase_days, e.extended_days, PHASE_DAYS.1
        )));
    }
    if e.symptoms.is_empty() || e.symptoms.len() > MAX_SYMPTOMS {
        return Err(InputError::new(format!(
            "{} symptoms: an experiment tests 1 to {MAX_SYMPTOMS}",
            e.symptoms.len()
        )));
    }
    if let Some((a, b)) = (0..e.symptoms.len())
        .flat_map(|a| (a + 1..e.symptoms.len()).map(move |b| (a, b)))
        .find(|&(a, b)| e.symptoms[a] == e.symptoms[b])
    {
        return Err(InputError::new(format!(
            "symptoms[{a}] and symptoms[{b}] are both '{}'; name each once",
            e.symptoms[a]
        )));
    }
    if e.ended_on.is_some_and(|end| end < e.started_on) {
        return Err(InputError::new("ended_on is before started_on"));
    }
    let mut last: Option<NaiveDate> = None;
    for (i, p) in e.pauses.iter().enumerate() {
        let ok_start = p.from >= e.started_on && last.is_none_or(|l| p.from >= l);
        let ok_end = p.to.is_none_or(|t| t > p.from) && (p.to.is_some() || i + 1 == e.pauses.len());
        if !ok_start || !ok_end {
            return Err(InputError::new(format!(
                "pauses[{i}] ({} to {}) does not fit: pauses start on or after the experiment, \
                 in order, end after they begin, and only the last may still be open",
                p.from,
                p.to.map_or("now".to_string(), |t| t.to_string())
            )));
        }
        last = p.to;
    }
    Ok(())
}

/// Checks the days of one `extend`.
/// A count of days for the design (days per phase, washout, baseline), as
/// typed: a plain whole number; its range is checked with the plan.
pub fn parse_days(text: &str) -> InputResult<u32> {
    let text = text.trim();
    text.parse()
        .map_err(|_| InputError::new(format!("'{text}' is not a whole number of days")))
}

pub fn check_extend(exp: &Experiment, days: i64) -> InputResult<u32> {
    if !(1..=MAX_EXTEND_DAYS as i64).contains(&days) {
        return Err(InputError::new(format!(
            "extend by {days} days: use 1 to {MAX_EXTEND_DAYS}"
        )));
    }
    let days = days as u32;
    if exp.extended_days + days > MAX_EXTENDED_DAYS {
        return Err(InputError::new(format!(
            "this experiment has been extended by {} days already; at most {MAX_EXTENDED_DAYS} in all",
            exp.extended_days
        )));
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn exp(phases: &[(Condition, u32)], baseline: u32) -> Experiment {
        Experiment {
            id: "e".into(),
            factor: "tag:dairy".into(),
            symptoms: vec!["bloating".into()],
            design: Design::Abab,
            phases: phases
                .iter()
                .map(|&(condition, days)| Phase { condition, days })
                .collect(),
            baseline_days: baseline,
            washout_days: 2,
            randomised: false,
            min_phase_days: 7,
            extended_days: 0,
            started_on: d("2026-11-01"),
            created_at: d("2026-11-01").and_hms_opt(9, 0, 0).unwrap(),
            ended_on: None,
            coeliac_advice_confirmed: false,
            pauses: vec![],
        }
    }

    use Condition::{With, Without};

    #[test]
    fn the_space_counts_what_it_lists_and_draws_from_it() {
        let s = ScheduleSpace {
            phases: 4,
            total: 40,
            min_phase: 7,
            extension: 0,
            washout: 2,
        };
        assert_eq!(s.len(), 910);
        let all = s.all();
        assert_eq!(all.len(), 910);
        assert!(all
            .iter()
            .all(|x| x.iter().map(|p| p.days).sum::<u32>() == 40 && x.iter().all(|p| p.days >= 7)));
        let mut rng = fastrand::Rng::with_seed(1);
        let drawn = s.draw(&mut rng).unwrap();
        assert!(all.contains(&drawn));
        let ext = ScheduleSpace { extension: 3, ..s }.all();
        assert_eq!(ext[0].last().unwrap().days, all[0].last().unwrap().days + 3);
    }

    #[test]
    fn washout_follows_each_switch_and_a_first_phase_without() {
        let l = labels(
            &[
                Phase {
                    condition: Without,
                    days: 4,
                },
                Phase {
                    condition: With,
                    days: 3,
                },
            ],
            2,
        );
        assert_eq!(
            l,
            vec![
                None,
                None,
                Some(Without),
                Some(Without),
                None,
                None,
                Some(With)
            ]
        );
        // With first: no switch at the start.
        let l = labels(
            &[Phase {
                condition: With,
                days: 3,
            }],
            2,
        );
        assert_eq!(l, vec![Some(With); 3]);
    }

    #[test]
    fn pauses_shift_the_schedule_and_places_follow() {
        let mut e = exp(&[(Without, 10), (With, 10), (Without, 10), (With, 10)], 3);
        let today = d("2026-11-05");
        assert_eq!(
            e.place(d("2026-11-02"), today),
            DayPlace::Baseline { day: 2, of: 3 }
        );
        let DayPlace::Phase(p) = e.place(d("2026-11-05"), today) else {
            panic!()
        };
        assert_eq!((p.phase, p.day, p.washout, p.index), (0, 2, true, 1));
        assert_eq!(e.planned_end(today), d("2026-12-13"));
        e.pauses.push(Pause {
            from: d("2026-11-10"),
            to: Some(d("2026-11-15")),
        });
        assert_eq!(e.place(d("2026-11-12"), today), DayPlace::Paused);
        assert_eq!(e.planned_end(today), d("2026-12-18"));
        let DayPlace::Phase(p) = e.place(d("2026-11-15"), today) else {
            panic!()
        };
        assert_eq!((p.phase, p.day), (0, 7));
        assert_eq!(e.status(today), Status::Running);
        e.pauses.push(Pause {
            from: d("2026-11-20"),
            to: None,
        });
        assert_eq!(e.status(d("2026-11-25")), Status::Paused);
        e.ended_on = Some(d("2026-11-19"));
        assert_eq!(e.status(d("2026-11-25")), Status::EndedEarly);
        assert_eq!(e.place(d("2026-11-21"), today), DayPlace::After);
    }
}
