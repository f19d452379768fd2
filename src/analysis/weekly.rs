//! The weekly review's descriptive parts: symptoms, check-in habits,
//! stools, the plan, coverage and red flags, this week against the last.

use super::days::DayIndex;
use crate::content;
use crate::domain::Diary;
use crate::domain::{symptom_name, CheckIn};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A span of dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Week {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Week {
    pub fn ending(end: NaiveDate) -> Week {
        Week {
            start: end - Duration::days(6),
            end,
        }
    }
    pub fn before(self) -> Week {
        Week::ending(self.start - Duration::days(1))
    }
    pub fn contains(self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct SymptomStats {
    /// Days with any rating of the symptom, zeros included.
    pub days_rated: u32,
    /// Days the symptom was there (rated 1 or more).
    pub days_present: u32,
    /// Mean of each present day's worst rating.
    pub mean_severity: Option<f64>,
    pub worst_severity: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SymptomWeek {
    pub symptom: String,
    pub name: String,
    pub this_week: SymptomStats,
    pub previous_week: SymptomStats,
}

fn symptom_stats(daily_worst: &BTreeMap<NaiveDate, u8>, week: Week) -> SymptomStats {
    let in_week: Vec<u8> = daily_worst
        .range(week.start..=week.end)
        .map(|(_, &v)| v)
        .collect();
    let present: Vec<u8> = in_week.iter().copied().filter(|&v| v > 0).collect();
    SymptomStats {
        days_rated: in_week.len() as u32,
        days_present: present.len() as u32,
        mean_severity: (!present.is_empty())
            .then(|| present.iter().map(|&v| v as f64).sum::<f64>() / present.len() as f64),
        worst_severity: present.iter().copied().max(),
    }
}

pub fn symptoms(diary: &Diary, week: Week) -> Vec<SymptomWeek> {
    let prev = week.before();
    let mut worst: BTreeMap<&str, BTreeMap<NaiveDate, u8>> = BTreeMap::new();
    for s in &diary.symptoms {
        let d = s.at.date();
        if prev.start <= d && d <= week.end {
            let e = worst.entry(&s.symptom).or_default().entry(d).or_default();
            *e = (*e).max(s.severity.level());
        }
    }
    let mut out: Vec<SymptomWeek> = worst
        .into_iter()
        .map(|(id, days)| SymptomWeek {
            symptom: id.to_string(),
            name: symptom_name(id),
            this_week: symptom_stats(&days, week),
            previous_week: symptom_stats(&days, prev),
        })
        .collect();
    out.sort_by(|a, b| {
        b.this_week
            .days_present
            .cmp(&a.this_week.days_present)
            .then(
                b.previous_week
                    .days_present
                    .cmp(&a.previous_week.days_present),
            )
            .then(a.name.cmp(&b.name))
    });
    out
}

/// One date's symptom burden, for a calendar heatmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DailyBurden {
    pub date: NaiveDate,
    /// Distinct symptoms present (rated 1 or more).
    pub symptoms_present: u32,
    /// The day's worst rating of any symptom; None when nothing was rated.
    pub worst_severity: Option<u8>,
}

/// Every date from `start` to `end`, oldest first.
pub fn burden(diary: &Diary, start: NaiveDate, end: NaiveDate) -> Vec<DailyBurden> {
    let mut days: BTreeMap<NaiveDate, (BTreeSet<&str>, u8)> = BTreeMap::new();
    for s in &diary.symptoms {
        let d = s.at.date();
        if start <= d && d <= end {
            let e = days.entry(d).or_default();
            if s.severity.level() > 0 {
                e.0.insert(&s.symptom);
            }
            e.1 = e.1.max(s.severity.level());
        }
    }
    start
        .iter_days()
        .take_while(|d| *d <= end)
        .map(|date| DailyBurden {
            date,
            symptoms_present: days.get(&date).map_or(0, |e| e.0.len() as u32),
            worst_severity: days.get(&date).map(|e| e.1),
        })
        .collect()
}

/// Weekly means of the check-in scales; None when nothing was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct HabitMeans {
    pub days_recorded: u32,
    pub mood: Option<f64>,
    pub energy: Option<f64>,
    pub stress: Option<f64>,
    pub sleep_hours: Option<f64>,
    pub water_glasses: Option<f64>,
    pub movement_minutes: Option<f64>,
}

/// One date's check-in values, for charts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DailyHabits {
    pub date: NaiveDate,
    pub mood: Option<u8>,
    pub energy: Option<u8>,
    pub stress: Option<u8>,
    pub sleep_hours: Option<f64>,
    pub water_glasses: Option<u32>,
    pub movement_minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HabitsReview {
    pub this_week: HabitMeans,
    pub previous_week: HabitMeans,
    /// Every date of the history window, oldest first.
    pub daily: Vec<DailyHabits>,
}

fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let v: Vec<f64> = values.flatten().collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

pub(crate) fn habit_means(checkins: &[&CheckIn]) -> HabitMeans {
    HabitMeans {
        days_recorded: checkins.iter().filter(|c| !c.is_empty()).count() as u32,
        mood: mean(checkins.iter().map(|c| c.mood.map(f64::from))),
        energy: mean(checkins.iter().map(|c| c.energy.map(f64::from))),
        stress: mean(checkins.iter().map(|c| c.stress.map(f64::from))),
        sleep_hours: mean(checkins.iter().map(|c| c.sleep_hours)),
        water_glasses: mean(checkins.iter().map(|c| c.water_glasses.map(f64::from))),
        movement_minutes: mean(checkins.iter().map(|c| c.movement_minutes.map(f64::from))),
    }
}

pub fn habits(index: &DayIndex, week: Week, history_start: NaiveDate) -> HabitsReview {
    let of_week = |w: Week| {
        let cs: Vec<&CheckIn> = index
            .range(w.start, w.end)
            .filter_map(|d| d.checkin.as_ref())
            .collect();
        habit_means(&cs)
    };
    let daily = index
        .range(history_start, week.end)
        .map(|d| {
            let c = d.checkin.clone().unwrap_or_else(|| CheckIn::empty(d.date));
            DailyHabits {
                date: d.date,
                mood: c.mood,
                energy: c.energy,
                stress: c.stress,
                sleep_hours: c.sleep_hours,
                water_glasses: c.water_glasses,
                movement_minutes: c.movement_minutes,
            }
        })
        .collect();
    HabitsReview {
        this_week: of_week(week),
        previous_week: of_week(week.before()),
        daily,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BristolCount {
    #[serde(rename = "type")]
    pub kind: u8,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoolWeek {
    pub total: u32,
    pub previous_week_total: u32,
    /// Counts for types 1 to 7, in order.
    pub by_type: Vec<BristolCount>,
    /// Days with a type 1 or 2 stool (hard).
    pub days_hard: u32,
    /// Days with a type 6 or 7 stool (loose).
    pub days_loose: u32,
}

pub fn stools(diary: &Diary, week: Week) -> StoolWeek {
    let mut by_type = [0u32; 7];
    let (mut hard, mut loose) = (BTreeSet::new(), BTreeSet::new());
    let mut previous = 0;
    for s in &diary.stools {
        let d = s.at.date();
        if week.before().contains(d) {
            previous += 1;
        }
        if !week.contains(d) {
            continue;
        }
        let k = s.bristol.kind();
        by_type[(k - 1) as usize] += 1;
        if k <= 2 {
            hard.insert(d);
        }
        if k >= 6 {
            loose.insert(d);
        }
    }
    StoolWeek {
        total: by_type.iter().sum(),
        previous_week_total: previous,
        by_type: (1..=7)
            .map(|k| BristolCount {
                kind: k,
                count: by_type[(k - 1) as usize],
            })
            .collect(),
        days_hard: hard.len() as u32,
        days_loose: loose.len() as u32,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanStep {
    pub run_started_on: NaiveDate,
    pub day: u8,
    pub title: String,
    pub done_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HabitWeek {
    pub id: String,
    pub name: String,
    /// True when gutlog can see this habit in the diary by itself.
    pub automatic: bool,
    /// Days kept, automatically or by hand.
    pub days_kept: u32,
    /// Days ticked by hand.
    pub days_by_hand: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanWeek {
    /// Plan steps ticked during the week.
    pub steps_ticked: Vec<PlanStep>,
    pub habits: Vec<HabitWeek>,
}

pub fn plan(diary: &Diary, index: &DayIndex, week: Week) -> PlanWeek {
    let mut steps_ticked = Vec::new();
    for run in &diary.plan_runs {
        for t in &run.ticks {
            if week.contains(t.done_at.date()) {
                steps_ticked.push(PlanStep {
                    run_started_on: run.started_on,
                    day: t.day,
                    title: content::plan()
                        .day(t.day)
                        .map(|d| d.title.clone())
                        .unwrap_or_default(),
                    done_on: t.done_at.date(),
                });
            }
        }
    }
    steps_ticked.sort_by_key(|s| (s.done_on, s.day));
    let habits = content::plan()
        .habits
        .iter()
        .map(|h| {
            let days = || index.range(week.start, week.end);
            HabitWeek {
                id: h.id.clone(),
                name: h.name.clone(),
                automatic: h.auto.is_some(),
                days_kept: days().filter(|d| d.habits_kept.contains(&h.id)).count() as u32,
                days_by_hand: days().filter(|d| d.hand_habits.contains(&h.id)).count() as u32,
            }
        })
        .collect();
    PlanWeek {
        steps_ticked,
        habits,
    }
}

/// Fewer logged days than this in a week: suggest logging more.
pub const MIN_COVERAGE_DAYS: u32 = 4;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub days_logged: u32,
    pub days_in_week: u32,
    pub message: Option<String>,
}

pub fn coverage(index: &DayIndex, week: Week) -> Coverage {
    let days_logged = index
        .range(week.start, week.end)
        .filter(|d| d.any_entry)
        .count() as u32;
    Coverage {
        days_logged,
        days_in_week: 7,
        message: (days_logged < MIN_COVERAGE_DAYS)
            .then(|| content::insights().coverage_low.clone()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RedFlagLogged {
    pub date: NaiveDate,
    pub flag: String,
    pub name: String,
    pub guidance: String,
}

pub fn red_flags(diary: &Diary, week: Week) -> Vec<RedFlagLogged> {
    diary
        .red_flags
        .iter()
        .filter(|f| week.contains(f.date))
        .map(|f| {
            let info = content::red_flags().get(&f.flag);
            RedFlagLogged {
                date: f.date,
                flag: f.flag.clone(),
                name: info.map_or_else(|| f.flag.clone(), |i| i.name.clone()),
                guidance: info.map_or_else(
                    || content::red_flags().general.clone(),
                    |i| i.guidance.clone(),
                ),
            }
        })
        .collect()
}
