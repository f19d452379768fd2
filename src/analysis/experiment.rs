//! An experiment's timeline and verdict: pure functions of the experiment,
//! the diary over its dates, the food book and today's date.
//!
//! Each experiment day after the baseline is labelled by its phase (with
//! or without the factor; washout days are not compared) and, per
//! symptom, valued by that date's worst rating (0–3; a day without a
//! rating is not compared). The verdict compares the rating with and
//! without the factor with the regression of `serial.rs`, which allows for
//! runs of days; a randomised design also gets the exact randomisation
//! test of `randomisation.rs`, reported beside it (it does not decide the
//! verdict). Days count in the phase they were planned for, deviations
//! included (an intention-to-treat comparison, which keeps the
//! randomisation test exact).

use super::randomisation;
use super::serial::{self, Point, SerialTest};
use super::weekly::{red_flags, RedFlagLogged, Week};
use super::Diary;
use crate::content::{self, cite, fill};
use crate::domain::experiment::{
    labels, Condition, DayPlace, Design, Experiment, Pause, PhaseDay, Status,
};
use crate::domain::factor::{Factor, FactorKind};
use crate::domain::food::FoodBook;
use crate::domain::{symptom_name, CheckIn, Intake, Meal};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Fewer compared days than this in either condition: not enough.
pub const MIN_COMPARED_DAYS: u32 = 5;
/// The test's level for one symptom (divided among several).
pub const ALPHA: f64 = 0.05;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentVerdict {
    ClearlyWorse,
    ClearlyBetter,
    NoClearDifference,
    NotEnoughDays,
}

impl ExperimentVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            ExperimentVerdict::ClearlyWorse => "clearly_worse",
            ExperimentVerdict::ClearlyBetter => "clearly_better",
            ExperimentVerdict::NoClearDifference => "no_clear_difference",
            ExperimentVerdict::NotEnoughDays => "not_enough_days",
        }
    }
}

/// Days of one condition and how the symptom went on them.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ConditionDays {
    /// Compared days with a rating.
    pub days: u32,
    /// Of those, days rated mild or worse.
    pub days_with_symptom: u32,
    /// Mean of the days' worst ratings (0–3).
    pub mean_severity: Option<f64>,
}

/// The comparison for one symptom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SymptomResult {
    pub symptom: String,
    pub name: String,
    pub with: ConditionDays,
    pub without: ConditionDays,
    /// Estimated difference in the daily rating (with − without), allowing
    /// for runs of days; None with fewer than 2 rated days in a condition.
    pub difference: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub p_value: Option<f64>,
    /// The level this symptom's test is held to (0.05 ÷ symptoms).
    pub alpha: f64,
    /// The lag-1 correlation of the days the test allowed for.
    pub rho: Option<f64>,
    /// A difference this experiment would find 4 times in 5.
    pub detectable: Option<f64>,
    /// Randomised designs: the share of the schedules the design could
    /// have drawn whose difference in means is at least as large (an
    /// exact randomisation p-value), and how many schedules there are.
    pub randomisation_p: Option<f64>,
    pub schedules: Option<usize>,
    pub verdict: ExperimentVerdict,
    pub headline: String,
    pub sentence: String,
    pub next_step: String,
}

/// A day that did not go as the phase planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deviation {
    pub date: NaiveDate,
    /// `had`: the factor on a day without it; `missed`: a day of a "with"
    /// phase without it.
    pub kind: &'static str,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SymptomDays {
    pub symptom: String,
    pub days: u32,
}

/// One phase on the timeline, with what has been logged in it so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseSummary {
    pub number: usize,
    pub condition: Condition,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub days: u32,
    pub washout_days: u32,
    /// Days of the phase up to today (or the end).
    pub days_so_far: u32,
    /// Of those, days with the main symptom rated.
    pub days_rated: u32,
    /// Days rated mild or worse, per symptom.
    pub symptom_days: Vec<SymptomDays>,
    pub deviations: u32,
}

/// One day of the timeline (baseline and phases, up to today or the end).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayMark {
    pub date: NaiveDate,
    /// 1-based phase; None for a baseline day.
    pub phase: Option<usize>,
    pub condition: Option<Condition>,
    pub washout: bool,
    /// The main symptom's worst rating that day, if rated.
    pub rating: Option<u8>,
    /// Anything logged that day.
    pub logged: bool,
    pub deviation: bool,
}

/// Where today falls.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayNow {
    pub date: NaiveDate,
    /// "baseline", "phase", "paused", "before" or "after".
    pub place: &'static str,
    /// Experiment day (baseline included), 1-based.
    pub number: Option<u32>,
    pub of: u32,
    pub phase: Option<usize>,
    pub condition: Option<Condition>,
    pub day_in_phase: Option<u32>,
    pub phase_days: Option<u32>,
    pub washout: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SymptomRef {
    pub id: String,
    pub name: String,
}

/// The verdict part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// True while the experiment runs (a look on demand).
    pub interim: bool,
    pub ended_early_on_day: Option<u32>,
    pub symptoms: Vec<SymptomResult>,
    /// How to read it: the test, washout, deviations, early ends.
    pub notes: Vec<String>,
}

/// Everything `gutlog experiment status|result --json` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExperimentReport {
    pub id: String,
    pub factor: String,
    pub factor_label: String,
    pub symptoms: Vec<SymptomRef>,
    pub design: Design,
    pub randomised: bool,
    pub baseline_days: u32,
    pub washout_days: u32,
    pub status: Status,
    pub started_on: NaiveDate,
    pub planned_end: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub today: DayNow,
    pub phases: Vec<PhaseSummary>,
    /// Every experiment day so far, in order (pauses skipped).
    pub days: Vec<DayMark>,
    pub pauses: Vec<Pause>,
    pub deviations: Vec<Deviation>,
    /// Red flags logged during the experiment: they need a doctor, whatever it shows.
    pub red_flags: Vec<RedFlagLogged>,
    pub result: Outcome,
}

/// What one date holds for the experiment.
#[derive(Default)]
struct Bucket<'a> {
    meals: Vec<&'a Meal>,
    intakes: Vec<&'a Intake>,
    checkin: Option<&'a CheckIn>,
    /// Worst rating per symptom.
    worst: BTreeMap<&'a str, u8>,
}

fn buckets<'a>(
    diary: &'a Diary,
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<NaiveDate, Bucket<'a>> {
    let mut out: BTreeMap<NaiveDate, Bucket> = BTreeMap::new();
    let inside = |d: NaiveDate| from <= d && d <= to;
    for m in diary.meals.iter().filter(|m| inside(m.at.date())) {
        out.entry(m.at.date()).or_default().meals.push(m);
    }
    for i in diary.intakes.iter().filter(|i| inside(i.at.date())) {
        out.entry(i.at.date()).or_default().intakes.push(i);
    }
    for c in diary.checkins.iter().filter(|c| inside(c.date)) {
        out.entry(c.date).or_default().checkin = Some(c);
    }
    for s in diary.symptoms.iter().filter(|s| inside(s.at.date())) {
        let w = out
            .entry(s.at.date())
            .or_default()
            .worst
            .entry(&s.symptom)
            .or_insert(0);
        *w = (*w).max(s.severity.level());
    }
    out
}

impl Bucket<'_> {
    fn exposure(&self, f: &Factor, book: &FoodBook) -> Option<bool> {
        f.on_day(&self.meals, &self.intakes, self.checkin, book)
    }

    /// What on this day had the factor, in words.
    fn what(&self, f: &Factor, book: &FoodBook) -> String {
        match f.kind {
            FactorKind::Intake => self
                .intakes
                .iter()
                .filter(|i| f.intake_is(i))
                .map(|i| i.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
            FactorKind::Habit => f.label(),
            _ => self
                .meals
                .iter()
                .filter(|m| f.meal_has(m, book))
                .map(|m| m.foods.join(", "))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// The deviation on a date of a phase, if any. A "with" day is judged
/// only once it is over (before `today`).
fn deviation(
    date: NaiveDate,
    p: &PhaseDay,
    bucket: Option<&Bucket>,
    f: &Factor,
    book: &FoodBook,
    today: NaiveDate,
) -> Option<Deviation> {
    let b = bucket?;
    let t = &content::experiments().deviation;
    let label = f.label();
    match (p.condition, b.exposure(f, book)) {
        (Condition::Without, Some(true)) => Some(Deviation {
            date,
            kind: "had",
            what: fill(
                &t.ate_word,
                &[("factor", &label), ("what", &b.what(f, book))],
            ),
        }),
        (Condition::With, Some(false)) if date < today => Some(Deviation {
            date,
            kind: "missed",
            what: fill(&t.missed, &[("factor", &label)]),
        }),
        _ => None,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn signed(v: f64) -> String {
    format!("{v:+.1}")
}

/// "= 0.012", or "< 0.001" (the sentence says "p {p}").
fn p_text(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("= {p:.3}")
    }
}

/// The interval's level, matching the test's: "95", or "97.5" when two
/// symptoms share the 5%.
fn level_text(alpha: f64) -> String {
    let level = format!("{:.1}", 100.0 * (1.0 - alpha));
    level.strip_suffix(".0").unwrap_or(&level).to_string()
}

/// The verdict, headline, sentence and next step for one symptom.
fn judge(
    symptom: &str,
    (with, without): (ConditionDays, ConditionDays),
    test: Option<SerialTest>,
    alpha: f64,
    factor: &str,
    interim: bool,
) -> SymptomResult {
    let t = content::experiments();
    let name = symptom_name(symptom);
    let enough = with.days >= MIN_COMPARED_DAYS && without.days >= MIN_COMPARED_DAYS;
    let verdict = match test {
        _ if !enough => ExperimentVerdict::NotEnoughDays,
        Some(r) if r.p_value <= alpha && r.difference > 0.0 => ExperimentVerdict::ClearlyWorse,
        Some(r) if r.p_value <= alpha && r.difference < 0.0 => ExperimentVerdict::ClearlyBetter,
        _ => ExperimentVerdict::NoClearDifference,
    };
    let v = &t.verdicts;
    let text = match verdict {
        ExperimentVerdict::ClearlyWorse => &v.clearly_worse,
        ExperimentVerdict::ClearlyBetter => &v.clearly_better,
        ExperimentVerdict::NoClearDifference => &v.no_clear_difference,
        ExperimentVerdict::NotEnoughDays => &v.not_enough_days,
    };
    let mut values: Vec<(&str, String)> = vec![
        ("factor", factor.to_string()),
        ("Factor", capitalise(factor)),
        ("symptom", name.to_lowercase()),
        ("Symptom", name.clone()),
        ("needed", MIN_COMPARED_DAYS.to_string()),
        ("with_days", with.days.to_string()),
        ("without_days", without.days.to_string()),
        ("with_sym", with.days_with_symptom.to_string()),
        ("without_sym", without.days_with_symptom.to_string()),
        (
            "with_mean",
            format!("{:.1}", with.mean_severity.unwrap_or(0.0)),
        ),
        (
            "without_mean",
            format!("{:.1}", without.mean_severity.unwrap_or(0.0)),
        ),
    ];
    if let Some(r) = test {
        values.extend([
            (
                "detectable",
                format!("{:.1} in the daily rating", r.detectable),
            ),
            ("difference", signed(r.difference)),
            (
                "interval",
                format!("{} to {}", signed(r.ci_low), signed(r.ci_high)),
            ),
            ("p", p_text(r.p_value)),
            ("level", level_text(alpha)),
            (
                "chance",
                if r.p_value <= alpha {
                    t.chance_unlikely.clone()
                } else {
                    t.chance_possible.clone()
                },
            ),
        ]);
    }
    let fill_all = |template: &str| {
        let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(template, &refs)
    };
    let mut headline = fill_all(&text.headline);
    if interim {
        headline = format!("So far: {headline}");
    }
    let sentence = match test {
        Some(_) if verdict != ExperimentVerdict::NotEnoughDays => fill_all(&t.sentence),
        _ => fill_all(&t.sentence_few),
    };
    SymptomResult {
        symptom: symptom.to_string(),
        name,
        with,
        without,
        difference: test.map(|r| r.difference),
        ci_low: test.map(|r| r.ci_low),
        ci_high: test.map(|r| r.ci_high),
        p_value: test.map(|r| r.p_value),
        alpha,
        rho: test.map(|r| r.rho),
        detectable: test.map(|r| r.detectable),
        randomisation_p: None,
        schedules: None,
        verdict,
        headline,
        sentence,
        next_step: fill_all(&text.next),
    }
}

fn day_now(e: &Experiment, today: NaiveDate) -> DayNow {
    let place = e.place(today, today);
    let of = e.total_days();
    let mut d = DayNow {
        date: today,
        place: "before",
        number: None,
        of,
        phase: None,
        condition: None,
        day_in_phase: None,
        phase_days: None,
        washout: false,
    };
    match place {
        DayPlace::Before => {}
        DayPlace::After => d.place = "after",
        DayPlace::Paused => d.place = "paused",
        DayPlace::Baseline { day, .. } => {
            d.place = "baseline";
            d.number = Some(day);
        }
        DayPlace::Phase(p) => {
            d.place = "phase";
            d.number = Some(e.baseline_days + p.index + 1);
            d.phase = Some(p.phase + 1);
            d.condition = Some(p.condition);
            d.day_in_phase = Some(p.day);
            d.phase_days = Some(p.of);
            d.washout = p.washout;
        }
    }
    d
}

/// The experiment's timeline and (interim or final) verdict. `diary`
/// must hold the experiment's dates up to `today` (`Store::diary` over
/// `started_on ..= planned_end`); `book` the user's food book.
pub fn evaluate(
    e: &Experiment,
    diary: &Diary,
    book: &FoodBook,
    today: NaiveDate,
) -> ExperimentReport {
    let t = content::experiments();
    let status = e.status(today);
    let factor = e.factor();
    let label = e.factor_label();
    let planned_end = e.planned_end(today);
    let last = e.last_counted_day(today);
    let data = buckets(diary, e.started_on, last);
    let phases = e.effective_phases();
    let phase_dates = e.phase_dates(today);
    let n_phase_days = e.phase_days_total() as usize;

    // Per phase day (after the baseline): its date, if it has come.
    let dates = e.day_dates(today + Duration::days(1));
    let mut per_symptom: Vec<Vec<Option<f64>>> = vec![vec![None; n_phase_days]; e.symptoms.len()];
    let mut summaries: Vec<PhaseSummary> = phase_dates
        .iter()
        .enumerate()
        .map(|(i, p)| PhaseSummary {
            number: i + 1,
            condition: p.condition,
            start: p.start,
            end: p.end,
            days: p.days,
            washout_days: p.washout_days,
            days_so_far: 0,
            days_rated: 0,
            symptom_days: e
                .symptoms
                .iter()
                .map(|s| SymptomDays {
                    symptom: s.clone(),
                    days: 0,
                })
                .collect(),
            deviations: 0,
        })
        .collect();
    let mut deviations = Vec::new();
    let mut marks = Vec::new();
    let main = e.symptoms.first().map(String::as_str).unwrap_or_default();
    for (i, date) in dates.iter().enumerate() {
        if *date > last {
            break;
        }
        let bucket = data.get(date);
        let logged = bucket.is_some() || diary.stools.iter().any(|x| x.at.date() == *date);
        let rating = bucket.and_then(|b| b.worst.get(main).copied());
        let DayPlace::Phase(p) = e.place(*date, today) else {
            marks.push(DayMark {
                date: *date,
                phase: None,
                condition: None,
                washout: false,
                rating,
                logged,
                deviation: false,
            });
            continue;
        };
        let s = &mut summaries[p.phase];
        s.days_so_far += 1;
        let mut deviated = false;
        if let Some(f) = &factor {
            if let Some(dev) = deviation(*date, &p, bucket, f, book, today) {
                s.deviations += 1;
                deviations.push(dev);
                deviated = true;
            }
        }
        marks.push(DayMark {
            date: *date,
            phase: Some(p.phase + 1),
            condition: Some(p.condition),
            washout: p.washout,
            rating,
            logged,
            deviation: deviated,
        });
        let idx = i - e.baseline_days as usize;
        for (k, sym) in e.symptoms.iter().enumerate() {
            if let Some(&w) = bucket.and_then(|b| b.worst.get(sym.as_str())) {
                per_symptom[k][idx] = Some(w as f64);
                if k == 0 {
                    s.days_rated += 1;
                }
                if w > 0 {
                    s.symptom_days[k].days += 1;
                }
            }
        }
    }

    // The verdict, symptom by symptom.
    let actual = labels(&phases, e.washout_days);
    let x: Vec<f64> = phases
        .iter()
        .flat_map(|p| {
            std::iter::repeat_n(
                (p.condition == Condition::With) as u8 as f64,
                p.days as usize,
            )
        })
        .collect();
    let space = e.space();
    // The exact randomisation check only means something for a schedule
    // that really was drawn from the set.
    let schedules: Vec<Vec<_>> = if e.randomised {
        space
            .all()
            .iter()
            .map(|s| labels(s, e.washout_days))
            .collect()
    } else {
        Vec::new()
    };
    let alpha = ALPHA / e.symptoms.len().max(1) as f64;
    let interim = status.is_active();
    let symptoms: Vec<SymptomResult> = e
        .symptoms
        .iter()
        .zip(&per_symptom)
        .map(|(sym, values)| {
            let group = |c: Condition| {
                let v: Vec<f64> = values
                    .iter()
                    .zip(&actual)
                    .filter(|(_, l)| **l == Some(c))
                    .filter_map(|(v, _)| *v)
                    .collect();
                ConditionDays {
                    days: v.len() as u32,
                    days_with_symptom: v.iter().filter(|x| **x > 0.0).count() as u32,
                    mean_severity: (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64),
                }
            };
            let points: Vec<Point> = values
                .iter()
                .zip(&actual)
                .enumerate()
                .filter_map(|(day, (v, l))| {
                    Some(Point {
                        day: day as u32,
                        value: (*v)?,
                        with: (*l)? == Condition::With,
                    })
                })
                .collect();
            let test = serial::test(&points, alpha);
            let mut r = judge(
                sym,
                (group(Condition::With), group(Condition::Without)),
                test,
                alpha,
                &label,
                interim,
            );
            if e.randomised {
                if let Some(exact) = randomisation::test(values, &actual, &x, &schedules, alpha) {
                    r.randomisation_p = Some(exact.p_value);
                    r.schedules = Some(exact.schedules);
                }
            }
            r
        })
        .collect();

    let mut notes = Vec::new();
    if interim {
        notes.push(t.interim.clone());
    }
    let ended_early_on_day = (status == Status::EndedEarly).then(|| {
        let end = e.ended_on.unwrap_or(last);
        dates.iter().take_while(|d| **d <= end).count() as u32
    });
    if let Some(day) = ended_early_on_day {
        notes.push(fill(
            &t.ended_early,
            &[
                ("day", &day.to_string()),
                ("of", &e.total_days().to_string()),
            ],
        ));
    }
    if let Some(first) = symptoms.first() {
        if let Some(rho) = first.rho {
            notes.push(fill(
                &t.method,
                &[
                    ("rho", &format!("{rho:.2}")),
                    ("alpha", &format!("{alpha:.3}")),
                ],
            ));
        }
        match (first.randomisation_p, first.schedules) {
            (Some(p), Some(n)) => notes.push(fill(
                &t.randomised,
                &[
                    ("schedules", &n.to_string()),
                    ("share", &format!("{:.0}%", p * 100.0)),
                ],
            )),
            _ if !e.randomised => notes.push(t.fixed.clone()),
            _ => {}
        }
    }
    if e.design == Design::Ab {
        notes.push(t.ab_note.clone());
    }
    if e.symptoms.len() > 1 {
        notes.push(fill(
            &t.several_symptoms,
            &[
                ("n", &e.symptoms.len().to_string()),
                ("alpha", &format!("{alpha:.3}")),
            ],
        ));
    }
    notes.push(t.itt.clone());
    notes.push(t.notes.washout.cited());
    let flags = red_flags(
        diary,
        Week {
            start: e.started_on,
            end: last,
        },
    );
    if !flags.is_empty() {
        notes.push(t.notes.red_flag.cited());
    }

    ExperimentReport {
        id: e.id.clone(),
        factor: e.factor.clone(),
        factor_label: label,
        symptoms: e
            .symptoms
            .iter()
            .map(|s| SymptomRef {
                id: s.clone(),
                name: symptom_name(s),
            })
            .collect(),
        design: e.design,
        randomised: e.randomised,
        baseline_days: e.baseline_days,
        washout_days: e.washout_days,
        status,
        started_on: e.started_on,
        planned_end,
        ended_on: e.ended_on,
        today: day_now(e, today),
        phases: summaries,
        days: marks,
        pauses: e.pauses.clone(),
        deviations,
        red_flags: flags,
        result: Outcome {
            interim,
            ended_early_on_day,
            symptoms,
            notes,
        },
    }
}

/// The main verdict's headline, for lists and the clinician report.
impl ExperimentReport {
    pub fn headline(&self) -> String {
        self.result
            .symptoms
            .first()
            .map(|s| s.headline.clone())
            .unwrap_or_default()
    }
}

/// The dates `evaluate` reads from the diary.
pub fn dates_needed(e: &Experiment, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (e.started_on, e.planned_end(today).max(e.started_on))
}

/// The sources behind everything experiments advise, for tests.
pub fn cited_notes() -> Vec<(&'static str, &'static content::Note)> {
    let n = &content::experiments().notes;
    vec![
        ("clinician", &n.clinician),
        ("washout", &n.washout),
        ("red_flag", &n.red_flag),
    ]
}

/// The clinician note with its sources' labels, as shown before starting.
pub fn clinician_note() -> String {
    let n = &content::experiments().notes.clinician;
    format!("{} {}", n.text, cite(&n.sources))
}

fn short(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// Food suggestions for a "with" phase: "milk or cheese" (content
/// `examples`), or the food itself for a food factor.
pub fn example_foods(f: &Factor) -> Option<String> {
    if f.kind == FactorKind::Food {
        return Some(f.key.clone());
    }
    content::experiments()
        .examples
        .get(&f.id())
        .map(|v| v.iter().take(2).cloned().collect::<Vec<_>>().join(" or "))
}

/// What Today says about the experiment on `date` (as of `today`), or
/// None when the date is outside it: "Day 5 of 10 without dairy (…)",
/// "With dairy: have some today, e.g. milk or cheese (…)", with the
/// phase's dates, and whether it is a washout day.
pub fn today_line(e: &Experiment, date: NaiveDate, today: NaiveDate) -> Option<String> {
    let t = &content::experiments().today;
    let label = e.factor_label();
    let status = e.status(today);
    if status == Status::Paused && date >= e.open_pause().map_or(date, |p| p.from) {
        let since = e.open_pause().map_or_else(String::new, |p| short(p.from));
        return Some(fill(&t.paused, &[("factor", &label), ("since", &since)]));
    }
    match e.place(date, today) {
        DayPlace::Before if date == today && status == Status::Scheduled => Some(fill(
            &t.scheduled,
            &[("factor", &label), ("start", &short(e.started_on))],
        )),
        DayPlace::Before | DayPlace::After | DayPlace::Paused => None,
        DayPlace::Baseline { day, of } => {
            let dates = e.day_dates(today + Duration::days(1));
            Some(fill(
                &t.baseline,
                &[
                    ("day", &day.to_string()),
                    ("of", &of.to_string()),
                    ("start", &short(dates[0])),
                    ("end", &short(dates[of as usize - 1])),
                ],
            ))
        }
        DayPlace::Phase(p) => {
            let pd = e.phase_dates(today)[p.phase];
            let values = [
                ("factor", label.clone()),
                ("day", p.day.to_string()),
                ("of", p.of.to_string()),
                ("start", short(pd.start)),
                ("end", short(pd.end)),
                (
                    "example",
                    e.factor()
                        .and_then(|f| example_foods(&f))
                        .unwrap_or_default(),
                ),
            ];
            let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let food = e
                .factor()
                .is_some_and(|f| f.kind.is_food() && example_foods(&f).is_some());
            let template = match p.condition {
                Condition::Without => &t.without,
                Condition::With if food => &t.with_food,
                Condition::With => &t.with_other,
            };
            let mut line = fill(template, &refs);
            if p.washout {
                line.push_str(&format!(" · {}", t.washout));
            }
            Some(line)
        }
    }
}

/// Something just logged, as a deviation check sees it.
pub enum Logged<'a> {
    Meal(&'a Meal),
    Intake(&'a Intake),
    CheckIn(&'a CheckIn),
}

/// The warning for logging something with the factor on a day of a phase
/// without it (the experiment then lists the day as a deviation), or None.
pub fn deviation_warning(
    e: &Experiment,
    logged: Logged,
    book: &FoodBook,
    today: NaiveDate,
) -> Option<String> {
    let f = e.factor()?;
    let t = &content::experiments().deviation;
    let (date, has, template) = match logged {
        Logged::Meal(m) => (m.at.date(), f.meal_has(m, book), &t.ate),
        Logged::Intake(i) => (i.at.date(), f.intake_is(i), &t.took),
        Logged::CheckIn(c) => (
            c.date,
            f.kind == FactorKind::Habit
                && crate::domain::factor::checkin_habit(&f.key, c) == Some(true),
            &t.habit,
        ),
    };
    let DayPlace::Phase(p) = e.place(date, today) else {
        return None;
    };
    if !has || p.condition != Condition::Without {
        return None;
    }
    let until = e.phase_dates(today)[p.phase].end;
    Some(fill(
        template,
        &[
            ("Factor", &capitalise(&f.label())),
            ("factor", &f.label()),
            ("until", &short(until)),
        ],
    ))
}

/// A finished experiment's verdict for a factor and symptom, to show
/// beside the diary's finding for the same pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairResult {
    pub factor: String,
    pub symptom: String,
    pub experiment_id: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub verdict: ExperimentVerdict,
    pub headline: String,
    /// "Experiment (2 Nov – 11 Dec): Clearly worse with dairy".
    pub line: String,
}

/// The verdicts of finished experiments, one per factor and symptom (the
/// latest experiment wins).
pub fn pair_results(reports: &[ExperimentReport]) -> Vec<PairResult> {
    let mut out: Vec<PairResult> = Vec::new();
    for r in reports.iter().filter(|r| !r.status.is_active()) {
        let end = r.ended_on.unwrap_or(r.planned_end);
        for s in &r.result.symptoms {
            let line = fill(
                &content::experiments().finding_result,
                &[
                    ("start", &r.started_on.format("%-d %b").to_string()),
                    ("end", &end.format("%-d %b %Y").to_string()),
                    ("headline", &s.headline),
                ],
            );
            let item = PairResult {
                factor: r.factor.clone(),
                symptom: s.symptom.clone(),
                experiment_id: r.id.clone(),
                start: r.started_on,
                end,
                verdict: s.verdict,
                headline: s.headline.clone(),
                line,
            };
            out.retain(|p| !(p.factor == item.factor && p.symptom == item.symptom));
            out.push(item);
        }
    }
    out
}

/// The result for a finding — its factor, or one of the factors that came
/// with it — and symptom, if an experiment gave one.
pub fn result_for<'a>(
    results: &'a [PairResult],
    factors: &[String],
    symptom: &str,
) -> Option<&'a PairResult> {
    results
        .iter()
        .find(|r| r.symptom == symptom && factors.contains(&r.factor))
}

/// The command that starts an experiment on a finding's factor and
/// symptom, or None when the factor is not one an experiment can test.
pub fn test_this_command(factor: &str, symptom: &str) -> Option<String> {
    let f = Factor::from_id(factor).filter(Factor::testable)?;
    let quote = |s: &str| {
        if s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_:-".contains(c))
        {
            s.to_string()
        } else {
            format!("\"{s}\"")
        }
    };
    Some(format!(
        "gutlog experiment start {} --symptom {}",
        quote(&f.id()),
        quote(symptom)
    ))
}
