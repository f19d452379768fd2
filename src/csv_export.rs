//! The diary as CSV tables for spreadsheets: one RFC 4180 file (UTF-8,
//! CRLF line ends, fields quoted where needed) per kind of record, plus
//! `daily.csv` with one row per date. Pure: records in, file contents out;
//! `gutlog export --format csv` writes them.

use crate::analysis::daily::{daily_rows, symptoms_rated};
use crate::analysis::experiment::ExperimentReport;
use crate::analysis::Diary;
use crate::content;
use crate::domain::symptom_name;
use crate::domain::time::fmt_date;
use chrono::{NaiveDate, NaiveDateTime};

/// The files `tables` makes, in order.
pub const FILES: [&str; 11] = [
    "meals.csv",
    "symptoms.csv",
    "stools.csv",
    "checkins.csv",
    "intakes.csv",
    "red_flags.csv",
    "plan_ticks.csv",
    "plan_runs.csv",
    "habits.csv",
    "daily.csv",
    "experiments.csv",
];

/// Joins the items of a list inside one cell.
pub const LIST_SEPARATOR: &str = "; ";

fn date(at: NaiveDateTime) -> String {
    fmt_date(at.date())
}

fn time(at: NaiveDateTime) -> String {
    at.format("%H:%M").to_string()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

struct Table {
    w: csv::Writer<Vec<u8>>,
}

impl Table {
    fn new(header: &[&str]) -> Table {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        // Writing into memory cannot fail.
        let _ = w.write_record(header);
        Table { w }
    }
    fn row<I: IntoIterator<Item = String>>(&mut self, cells: I) {
        let _ = self.w.write_record(cells.into_iter().collect::<Vec<_>>());
    }
    fn bytes(self) -> Vec<u8> {
        self.w.into_inner().unwrap_or_default()
    }
}

/// Every file's name and contents for the records dated `from` to `to`
/// (both included); `daily.csv` spans the first to the last date with an
/// entry in that range; `experiments.csv` has the `experiments` given
/// (those that share dates with the range), one row per symptom tested.
pub fn tables(
    diary: &Diary,
    from: NaiveDate,
    to: NaiveDate,
    experiments: &[ExperimentReport],
) -> Vec<(&'static str, Vec<u8>)> {
    let inside = |d: NaiveDate| from <= d && d <= to;
    let mut out = Vec::new();

    let mut t = Table::new(&["id", "date", "time", "slot", "foods", "tags", "note"]);
    for m in diary.meals.iter().filter(|m| inside(m.at.date())) {
        t.row([
            m.id.clone(),
            date(m.at),
            time(m.at),
            m.slot.as_str().into(),
            m.foods.join(LIST_SEPARATOR),
            m.tags.join(LIST_SEPARATOR),
            m.note.clone().unwrap_or_default(),
        ]);
    }
    out.push((FILES[0], t.bytes()));

    let mut t = Table::new(&[
        "id",
        "date",
        "time",
        "symptom",
        "name",
        "severity",
        "severity_word",
        "note",
    ]);
    for s in diary.symptoms.iter().filter(|s| inside(s.at.date())) {
        t.row([
            s.id.clone(),
            date(s.at),
            time(s.at),
            s.symptom.clone(),
            symptom_name(&s.symptom),
            s.severity.level().to_string(),
            s.severity.word().into(),
            s.note.clone().unwrap_or_default(),
        ]);
    }
    out.push((FILES[1], t.bytes()));

    let mut t = Table::new(&["id", "date", "time", "bristol", "description"]);
    for s in diary.stools.iter().filter(|s| inside(s.at.date())) {
        t.row([
            s.id.clone(),
            date(s.at),
            time(s.at),
            s.bristol.kind().to_string(),
            s.bristol.description().into(),
        ]);
    }
    out.push((FILES[2], t.bytes()));

    let checkin_header = [
        "mood",
        "energy",
        "stress",
        "sleep_hours",
        "water_glasses",
        "movement_minutes",
    ];
    let mut header = vec!["date"];
    header.extend(checkin_header);
    header.push("note");
    let mut t = Table::new(&header);
    for c in diary
        .checkins
        .iter()
        .filter(|c| inside(c.date) && !c.is_empty())
    {
        t.row([
            fmt_date(c.date),
            opt(c.mood),
            opt(c.energy),
            opt(c.stress),
            opt(c.sleep_hours),
            opt(c.water_glasses),
            opt(c.movement_minutes),
            c.note.clone().unwrap_or_default(),
        ]);
    }
    out.push((FILES[3], t.bytes()));

    let mut t = Table::new(&["id", "date", "time", "name", "kind"]);
    for i in diary.intakes.iter().filter(|i| inside(i.at.date())) {
        t.row([
            i.id.clone(),
            date(i.at),
            time(i.at),
            i.name.clone(),
            i.kind.as_str().into(),
        ]);
    }
    out.push((FILES[4], t.bytes()));

    let mut t = Table::new(&["date", "flag", "name"]);
    for f in diary.red_flags.iter().filter(|f| inside(f.date)) {
        let name = content::red_flags()
            .get(&f.flag)
            .map_or_else(|| f.flag.clone(), |i| i.name.clone());
        t.row([fmt_date(f.date), f.flag.clone(), name]);
    }
    out.push((FILES[5], t.bytes()));

    let mut t = Table::new(&["run_id", "run_started_on", "day", "title", "date", "time"]);
    for run in &diary.plan_runs {
        for tick in run.ticks.iter().filter(|t| inside(t.done_at.date())) {
            let title = content::plan()
                .day(tick.day)
                .map(|d| d.title.clone())
                .unwrap_or_default();
            t.row([
                run.id.clone(),
                fmt_date(run.started_on),
                tick.day.to_string(),
                title,
                date(tick.done_at),
                time(tick.done_at),
            ]);
        }
    }
    out.push((FILES[6], t.bytes()));

    let mut t = Table::new(&["run_id", "started_on", "days_ticked", "reflection"]);
    for run in diary.plan_runs.iter().filter(|r| inside(r.started_on)) {
        t.row([
            run.id.clone(),
            fmt_date(run.started_on),
            run.ticks.len().to_string(),
            run.reflection.clone().unwrap_or_default(),
        ]);
    }
    out.push((FILES[7], t.bytes()));

    let mut t = Table::new(&["date", "habit", "name"]);
    for h in diary.habit_ticks.iter().filter(|h| inside(h.date)) {
        let name = content::plan()
            .habits
            .iter()
            .find(|i| i.id == h.habit)
            .map_or_else(|| h.habit.clone(), |i| i.name.clone());
        t.row([fmt_date(h.date), h.habit.clone(), name]);
    }
    out.push((FILES[8], t.bytes()));

    out.push((FILES[9], daily(diary, from, to)));
    out.push((FILES[10], experiments_table(experiments)));
    out
}

fn experiments_table(reports: &[ExperimentReport]) -> Vec<u8> {
    let mut t = Table::new(&[
        "id",
        "factor",
        "factor_label",
        "symptom",
        "design",
        "randomised",
        "baseline_days",
        "washout_days",
        "phases",
        "started_on",
        "planned_end",
        "ended_on",
        "status",
        "with_days",
        "with_symptom_days",
        "with_mean_severity",
        "without_days",
        "without_symptom_days",
        "without_mean_severity",
        "difference",
        "ci_low",
        "ci_high",
        "p_value",
        "verdict",
        "deviations",
    ]);
    let num =
        |v: Option<f64>, digits: usize| v.map_or_else(String::new, |x| format!("{x:.digits$}"));
    for r in reports {
        let phases = r
            .phases
            .iter()
            .map(|p| format!("{} {}", p.condition.as_str(), p.days))
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR);
        for s in &r.result.symptoms {
            t.row([
                r.id.clone(),
                r.factor.clone(),
                r.factor_label.clone(),
                s.symptom.clone(),
                r.design.as_str().into(),
                if r.randomised { "yes" } else { "no" }.into(),
                r.baseline_days.to_string(),
                r.washout_days.to_string(),
                phases.clone(),
                fmt_date(r.started_on),
                fmt_date(r.planned_end),
                opt(r.ended_on.map(fmt_date)),
                r.status.as_str().into(),
                s.with.days.to_string(),
                s.with.days_with_symptom.to_string(),
                num(s.with.mean_severity, 2),
                s.without.days.to_string(),
                s.without.days_with_symptom.to_string(),
                num(s.without.mean_severity, 2),
                num(s.difference, 2),
                num(s.ci_low, 2),
                num(s.ci_high, 2),
                num(s.p_value, 4),
                s.verdict.as_str().into(),
                r.deviations.len().to_string(),
            ]);
        }
    }
    t.bytes()
}

fn daily(diary: &Diary, from: NaiveDate, to: NaiveDate) -> Vec<u8> {
    let symptoms = symptoms_rated(diary);
    let columns: Vec<String> = symptoms.iter().map(|s| format!("worst_{s}")).collect();
    let mut header = vec!["date", "logged"];
    header.extend(columns.iter().map(String::as_str));
    header.extend([
        "stools",
        "stool_types",
        "mood",
        "energy",
        "stress",
        "sleep_hours",
        "water_glasses",
        "movement_minutes",
        "meals",
        "tags",
        "intakes",
        "red_flags",
    ]);
    let mut t = Table::new(&header);
    let dated = diary
        .meals
        .iter()
        .map(|m| m.at.date())
        .chain(diary.symptoms.iter().map(|s| s.at.date()))
        .chain(diary.stools.iter().map(|s| s.at.date()))
        .chain(diary.intakes.iter().map(|i| i.at.date()))
        .chain(
            diary
                .checkins
                .iter()
                .filter(|c| !c.is_empty())
                .map(|c| c.date),
        )
        .chain(diary.red_flags.iter().map(|f| f.date))
        .chain(diary.habit_ticks.iter().map(|h| h.date))
        .filter(|d| from <= *d && *d <= to);
    let (first, last) = dated.fold(
        (None, None),
        |(lo, hi): (Option<NaiveDate>, Option<NaiveDate>), d| {
            (
                Some(lo.map_or(d, |l| l.min(d))),
                Some(hi.map_or(d, |h| h.max(d))),
            )
        },
    );
    let (Some(first), Some(last)) = (first, last) else {
        return t.bytes();
    };
    for r in daily_rows(diary, first, last) {
        let c = r.checkin.clone().unwrap_or_default();
        let mut cells = vec![
            fmt_date(r.date),
            if r.logged { "yes" } else { "no" }.to_string(),
        ];
        cells.extend(symptoms.iter().map(|s| opt(r.worst.get(s))));
        let types: Vec<String> = r.stool_types.iter().map(u8::to_string).collect();
        // On a day with nothing logged, no stool and no meal is unknown, not zero.
        let count = |n: usize| {
            if r.logged {
                n.to_string()
            } else {
                String::new()
            }
        };
        cells.extend([
            count(r.stool_types.len()),
            types.join(" "),
            opt(c.mood),
            opt(c.energy),
            opt(c.stress),
            opt(c.sleep_hours),
            opt(c.water_glasses),
            opt(c.movement_minutes),
            r.meals.to_string(),
            r.tags
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR),
            r.intakes.join(LIST_SEPARATOR),
            r.red_flags.join(LIST_SEPARATOR),
        ]);
        t.row(cells);
    }
    t.bytes()
}
