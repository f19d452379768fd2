//! The report for a clinician: a period of the diary (90 days by default)
//! folded into the figures a doctor reads in two minutes: days logged, red
//! flags, symptom days per week with severity and trend, the Bristol
//! distribution, medicines with their courses, weekly check-in means, the
//! trigger findings, and the person's questions and notes.
//!
//! A pure function of a `Diary` and `ClinicianParams`; the HTML and Markdown
//! renderers in `src/report/` only lay it out.

use super::days::DayIndex;
use super::weekly::{habit_means, BristolCount, HabitMeans, RedFlagLogged, Week};
use super::{weekly_review, AnalysisStatus, Diary, Finding, ReviewParams, TriggerSummary};
use crate::content;
use crate::domain::{symptom_name, CheckIn, InputError, InputResult, IntakeKind};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub const DEFAULT_REPORT_DAYS: u32 = 90;
pub const MIN_REPORT_DAYS: u32 = 14;
pub const MAX_REPORT_DAYS: u32 = 365;
/// Fewer stools than this: no description of the bowel pattern.
pub const MIN_STOOLS_FOR_PATTERN: u32 = 10;
/// The Rome IV bowel-habit thresholds: a quarter of stools.
pub const STOOL_PATTERN_SHARE: f64 = 0.25;
/// Fewer rated days than this in either half: no trend.
pub const MIN_RATED_DAYS_PER_HALF: u32 = 7;
/// A change in the share of rated days with the symptom of at least this
/// much between the halves of the period counts as "more" or "less often".
pub const TREND_SHARE_CHANGE: f64 = 0.15;
/// Rated on at least this many days and never present: listed as absent.
pub const MIN_RATED_DAYS_ABSENT: u32 = 7;
/// Days without the medicine that still belong to one course.
pub const MAX_COURSE_GAP_DAYS: i64 = 2;
/// Findings printed; the rest are counted.
pub const MAX_REPORT_FINDINGS: usize = 8;
/// Notes printed (the most recent); the rest are counted.
pub const MAX_REPORT_NOTES: usize = 12;

/// What to report on: the `days` days ending on `end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClinicianParams {
    pub end: NaiveDate,
    pub days: u32,
    pub min_severity: u8,
    pub generated_at: NaiveDateTime,
    pub include_notes: bool,
    pub questions: Vec<String>,
}

impl ClinicianParams {
    /// Checked parameters; the messages say what to type instead.
    pub fn checked(
        end: NaiveDate,
        days: i64,
        min_severity: i64,
        generated_at: NaiveDateTime,
    ) -> InputResult<ClinicianParams> {
        if !(MIN_REPORT_DAYS as i64..=MAX_REPORT_DAYS as i64).contains(&days) {
            return Err(InputError::new(format!(
                "--days {days} is out of range; use {MIN_REPORT_DAYS} to {MAX_REPORT_DAYS}"
            )));
        }
        // The same severity rule as the weekly review.
        let review = ReviewParams::checked(end, days, min_severity)?;
        Ok(ClinicianParams {
            end,
            days: days as u32,
            min_severity: review.min_severity,
            generated_at,
            include_notes: true,
            questions: Vec::new(),
        })
    }

    pub fn start(&self) -> NaiveDate {
        self.end - Duration::days(self.days as i64 - 1)
    }

    fn review_params(&self) -> ReviewParams {
        ReviewParams {
            week_end: self.end,
            history_days: self.days,
            min_severity: self.min_severity,
        }
    }

    /// The dates whose records the report reads, both ends included.
    pub fn dates_needed(&self) -> (NaiveDate, NaiveDate) {
        let (from, to) = self.review_params().dates_needed();
        (from.min(self.start()), to)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub days: u32,
    /// Days with any entry.
    pub days_logged: u32,
    pub generated_at: NaiveDateTime,
}

/// Whether a symptom came more or less often in the second half of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    More,
    Less,
    Same,
    /// Fewer than 7 rated days in one of the halves.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SymptomSummary {
    pub symptom: String,
    pub name: String,
    /// Days with any rating of the symptom, zeros included.
    pub days_rated: u32,
    /// Days it was there (a rating of 1 or more).
    pub days_present: u32,
    /// Days present in each of the report's weeks, oldest first.
    pub per_week: Vec<u32>,
    /// The median of the present days' worst ratings (the lower middle).
    pub typical: u8,
    pub worst: u8,
    pub trend: Trend,
}

/// A description of the stool forms, by the Rome IV thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StoolPattern {
    /// More than a quarter loose (6–7), under a quarter hard (1–2).
    MostlyLoose,
    /// More than a quarter hard, under a quarter loose.
    MostlyHard,
    /// More than a quarter of each.
    Mixed,
    /// Under a quarter of each.
    MostlyNormal,
    /// Fewer than `MIN_STOOLS_FOR_PATTERN` stools.
    TooFew,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoolSummary {
    pub total: u32,
    /// Counts for types 1 to 7, in order.
    pub by_type: Vec<BristolCount>,
    /// Share of stools of type 1–2; None without stools.
    pub hard_share: Option<f64>,
    /// Share of stools of type 6–7; None without stools.
    pub loose_share: Option<f64>,
    /// Stools per logged day; None when no day was logged.
    pub per_day: Option<f64>,
    pub pattern: StoolPattern,
}

/// A run of days a medicine was taken (gaps of up to 2 days included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Course {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub days_taken: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MedicineSummary {
    pub name: String,
    pub kind: IntakeKind,
    pub kind_name: String,
    /// NSAIDs, antibiotics and acid reducers: kinds that can affect the gut.
    pub highlighted: bool,
    pub days_taken: u32,
    pub courses: Vec<Course>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckinSummary {
    /// The means of each of the report's weeks, oldest first.
    pub weekly: Vec<HabitMeans>,
    /// The means over the whole period.
    pub period: HabitMeans,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriggerReport {
    pub analysis: TriggerSummary,
    /// The strongest findings, at most `MAX_REPORT_FINDINGS`.
    pub findings: Vec<Finding>,
    /// Findings left out for space.
    pub findings_not_shown: u32,
    /// How many "possible" findings chance alone would give (5% of tests).
    pub possible_note: Option<String>,
    /// Association is not proof, worded for the clinician.
    pub caveat: String,
    /// The sources of the caveat's advice (leave out, then reintroduce).
    pub caveat_sources: Vec<String>,
    /// Be tested for coeliac disease first: when leaving out a finding
    /// shown would leave out gluten (`Finding::leaves_out_gluten`).
    pub coeliac_first: Option<content::Note>,
}

/// A result of a planned experiment (leave a food out, bring it back).
/// Filled in when experiments exist; the report shows the section only
/// when there is at least one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExperimentResult {
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub verdict: String,
    pub summary: String,
}

/// A pattern in the diary that needs a doctor's attention (for example
/// bloating on most days for weeks); shown first with the red flags.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoctorPattern {
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteEntry {
    pub at: NaiveDateTime,
    /// What the note belongs to: "Dinner", "Bloating", "Check-in", …
    pub about: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotesReport {
    /// The most recent notes, oldest first.
    pub shown: Vec<NoteEntry>,
    pub not_shown: u32,
}

/// Everything the report for a clinician shows, in its order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClinicianReport {
    pub period: Period,
    pub red_flags: Vec<RedFlagLogged>,
    /// Slot for the diary patterns that need a doctor (empty until filled).
    pub doctor_patterns: Vec<DoctorPattern>,
    /// The report's weeks: 7-day spans ending on the last day, the oldest
    /// cut at the period's first day.
    pub weeks: Vec<Week>,
    /// Days with any entry in each week.
    pub days_logged_per_week: Vec<u32>,
    /// Symptoms present at least once, most days first.
    pub symptoms: Vec<SymptomSummary>,
    /// Symptoms rated on 7+ days and never present (pertinent negatives).
    pub symptoms_absent: Vec<String>,
    pub stools: StoolSummary,
    pub medicines: Vec<MedicineSummary>,
    pub checkin: CheckinSummary,
    pub triggers: TriggerReport,
    /// Slot for experiment results (empty until experiments exist).
    pub experiments: Vec<ExperimentResult>,
    pub questions: Vec<String>,
    /// None with `--no-notes`.
    pub notes: Option<NotesReport>,
}

/// The report's weeks, oldest first.
pub fn report_weeks(start: NaiveDate, end: NaiveDate) -> Vec<Week> {
    let mut weeks = Vec::new();
    let mut week_end = end;
    while week_end >= start {
        let w = Week::ending(week_end);
        weeks.push(Week {
            start: w.start.max(start),
            end: w.end,
        });
        week_end = w.start - Duration::days(1);
    }
    weeks.reverse();
    weeks
}

fn week_of(weeks: &[Week], d: NaiveDate) -> Option<usize> {
    weeks.iter().position(|w| w.contains(d))
}

/// Builds the report. Records outside `params.dates_needed()` are ignored.
pub fn clinician_report(diary: &Diary, params: &ClinicianParams) -> ClinicianReport {
    let (start, end) = (params.start(), params.end);
    let period = Week { start, end };
    let index = DayIndex::build(diary, start, end);
    let weeks = report_weeks(start, end);
    let days_logged_per_week = weeks
        .iter()
        .map(|w| index.range(w.start, w.end).filter(|d| d.any_entry).count() as u32)
        .collect();
    let days_logged = index.range(start, end).filter(|d| d.any_entry).count() as u32;
    let (symptoms, symptoms_absent) = symptoms(diary, start, end, &weeks);
    ClinicianReport {
        period: Period {
            start,
            end,
            days: params.days,
            days_logged,
            generated_at: params.generated_at,
        },
        red_flags: super::weekly::red_flags(diary, period),
        doctor_patterns: Vec::new(),
        days_logged_per_week,
        symptoms,
        symptoms_absent,
        stools: stools(diary, period, days_logged),
        medicines: medicines(diary, period),
        checkin: checkin(&index, &weeks, period),
        triggers: triggers(diary, params),
        experiments: Vec::new(),
        questions: params.questions.clone(),
        notes: params.include_notes.then(|| notes(diary, period)),
        weeks,
    }
}

fn symptoms(
    diary: &Diary,
    start: NaiveDate,
    end: NaiveDate,
    weeks: &[Week],
) -> (Vec<SymptomSummary>, Vec<String>) {
    // Each symptom's worst rating of each date.
    let mut worst: BTreeMap<&str, BTreeMap<NaiveDate, u8>> = BTreeMap::new();
    for s in &diary.symptoms {
        let d = s.at.date();
        if start <= d && d <= end {
            let e = worst.entry(&s.symptom).or_default().entry(d).or_default();
            *e = (*e).max(s.severity.level());
        }
    }
    let half = start + Duration::days(((end - start).num_days() + 1) / 2);
    let mut present = Vec::new();
    let mut absent = Vec::new();
    for (id, days) in worst {
        let mut levels: Vec<u8> = days.values().copied().filter(|&v| v > 0).collect();
        if levels.is_empty() {
            if days.len() as u32 >= MIN_RATED_DAYS_ABSENT {
                absent.push(symptom_name(id));
            }
            continue;
        }
        let mut per_week = vec![0u32; weeks.len()];
        for (&d, &v) in &days {
            if v > 0 {
                if let Some(i) = week_of(weeks, d) {
                    per_week[i] += 1;
                }
            }
        }
        levels.sort_unstable();
        let share = |from: NaiveDate, to: NaiveDate| {
            let rated: Vec<u8> = days.range(from..to).map(|(_, &v)| v).collect();
            let with = rated.iter().filter(|&&v| v > 0).count();
            (rated.len() as u32 >= MIN_RATED_DAYS_PER_HALF)
                .then(|| with as f64 / rated.len() as f64)
        };
        let trend = match (share(start, half), share(half, end + Duration::days(1))) {
            (Some(a), Some(b)) if b - a >= TREND_SHARE_CHANGE => Trend::More,
            (Some(a), Some(b)) if a - b >= TREND_SHARE_CHANGE => Trend::Less,
            (Some(_), Some(_)) => Trend::Same,
            _ => Trend::Unknown,
        };
        present.push(SymptomSummary {
            symptom: id.to_string(),
            name: symptom_name(id),
            days_rated: days.len() as u32,
            days_present: levels.len() as u32,
            per_week,
            typical: levels[(levels.len() - 1) / 2],
            worst: levels[levels.len() - 1],
            trend,
        });
    }
    present.sort_by(|a, b| {
        b.days_present
            .cmp(&a.days_present)
            .then(a.name.cmp(&b.name))
    });
    absent.sort();
    (present, absent)
}

fn stools(diary: &Diary, period: Week, days_logged: u32) -> StoolSummary {
    let mut by_type = [0u32; 7];
    for s in diary.stools.iter().filter(|s| period.contains(s.at.date())) {
        by_type[(s.bristol.kind() - 1) as usize] += 1;
    }
    let total: u32 = by_type.iter().sum();
    let share = |n: u32| (total > 0).then(|| n as f64 / total as f64);
    let hard = by_type[0] + by_type[1];
    let loose = by_type[5] + by_type[6];
    let pattern = if total < MIN_STOOLS_FOR_PATTERN {
        StoolPattern::TooFew
    } else {
        let q = STOOL_PATTERN_SHARE * total as f64;
        match (hard as f64 > q, loose as f64 > q) {
            (true, true) => StoolPattern::Mixed,
            (true, false) => StoolPattern::MostlyHard,
            (false, true) => StoolPattern::MostlyLoose,
            (false, false) => StoolPattern::MostlyNormal,
        }
    };
    StoolSummary {
        total,
        by_type: (1..=7)
            .map(|k| BristolCount {
                kind: k,
                count: by_type[(k - 1) as usize],
            })
            .collect(),
        hard_share: share(hard),
        loose_share: share(loose),
        per_day: (days_logged > 0).then(|| total as f64 / days_logged as f64),
        pattern,
    }
}

/// Splits sorted, distinct dates into courses.
pub fn courses(dates: &BTreeSet<NaiveDate>) -> Vec<Course> {
    let mut out: Vec<Course> = Vec::new();
    for &d in dates {
        match out.last_mut() {
            Some(c) if (d - c.end).num_days() <= MAX_COURSE_GAP_DAYS + 1 => {
                c.end = d;
                c.days_taken += 1;
            }
            _ => out.push(Course {
                start: d,
                end: d,
                days_taken: 1,
            }),
        }
    }
    out
}

fn medicines(diary: &Diary, period: Week) -> Vec<MedicineSummary> {
    let text = content::report();
    // Grouped by name, whatever its case; shown as first written.
    let mut by_name: BTreeMap<(String, IntakeKind), (String, BTreeSet<NaiveDate>)> =
        BTreeMap::new();
    for i in diary
        .intakes
        .iter()
        .filter(|i| period.contains(i.at.date()))
    {
        by_name
            .entry((i.name.trim().to_lowercase(), i.kind))
            .or_insert_with(|| (i.name.trim().to_string(), BTreeSet::new()))
            .1
            .insert(i.at.date());
    }
    let mut out: Vec<MedicineSummary> = by_name
        .into_iter()
        .map(|((_, kind), (name, dates))| MedicineSummary {
            name,
            kind,
            kind_name: content::intakes()
                .kinds
                .iter()
                .find(|k| k.id == kind.as_str())
                .map_or_else(|| kind.as_str().to_string(), |k| k.name.clone()),
            highlighted: text
                .medicines
                .highlight_kinds
                .iter()
                .any(|k| k == kind.as_str()),
            days_taken: dates.len() as u32,
            courses: courses(&dates),
        })
        .collect();
    out.sort_by(|a, b| {
        b.highlighted
            .cmp(&a.highlighted)
            .then(b.days_taken.cmp(&a.days_taken))
            .then(a.name.cmp(&b.name))
    });
    out
}

fn checkin(index: &DayIndex, weeks: &[Week], period: Week) -> CheckinSummary {
    let means = |w: Week| {
        let cs: Vec<&CheckIn> = index
            .range(w.start, w.end)
            .filter_map(|d| d.checkin.as_ref())
            .collect();
        habit_means(&cs)
    };
    CheckinSummary {
        weekly: weeks.iter().map(|&w| means(w)).collect(),
        period: means(period),
    }
}

fn triggers(diary: &Diary, params: &ClinicianParams) -> TriggerReport {
    let review = weekly_review(diary, &params.review_params());
    let a = review.analysis;
    let shown = review.findings.len().min(MAX_REPORT_FINDINGS);
    let possible = review
        .findings
        .iter()
        .any(|f| f.verdict == super::Verdict::Possible);
    let possible_note =
        (a.status == AnalysisStatus::Ok && possible).then(|| super::explain::chance_note(&a));
    let mut findings = review.findings;
    let not_shown = (findings.len() - shown) as u32;
    findings.truncate(shown);
    let book = diary.food_book();
    let gluten = findings.iter().any(|f| f.leaves_out_gluten(&book));
    TriggerReport {
        analysis: a,
        findings_not_shown: not_shown,
        possible_note,
        caveat: content::report().findings.caveat.clone(),
        caveat_sources: content::report().findings.caveat_sources.clone(),
        coeliac_first: gluten.then(|| content::notes().coeliac_first.clone()),
        findings,
    }
}

fn notes(diary: &Diary, period: Week) -> NotesReport {
    let text = &content::report().notes;
    let mut all: Vec<NoteEntry> = Vec::new();
    let mut push = |at: NaiveDateTime, about: String, note: &Option<String>| {
        if let Some(t) = note.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            if period.contains(at.date()) {
                all.push(NoteEntry {
                    at,
                    about,
                    text: t.to_string(),
                });
            }
        }
    };
    for m in &diary.meals {
        push(m.at, capitalise(m.slot.as_str()), &m.note);
    }
    for s in &diary.symptoms {
        push(s.at, symptom_name(&s.symptom), &s.note);
    }
    for c in &diary.checkins {
        push(
            c.date.and_time(chrono::NaiveTime::MIN),
            text.checkin.clone(),
            &c.note,
        );
    }
    for r in &diary.plan_runs {
        let last = r.ticks.iter().map(|t| t.done_at).max();
        let at = last.unwrap_or_else(|| r.started_on.and_time(chrono::NaiveTime::MIN));
        push(at, text.plan_reflection.clone(), &r.reflection);
    }
    all.sort_by(|a, b| a.at.cmp(&b.at).then(a.about.cmp(&b.about)));
    let not_shown = all.len().saturating_sub(MAX_REPORT_NOTES);
    NotesReport {
        shown: all.split_off(not_shown),
        not_shown: not_shown as u32,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
