//! Today's rows: one list the cursor moves through, in reading order
//! (column by column when the screen has two columns). Derived from the
//! day's records once per key (`App::dispatch`), then read by `update`,
//! the key contexts and the view.

pub use super::action::Section;
use super::checkin::CheckField;
use crate::config::Config;
use crate::content;
use crate::domain::{DayLog, IntakeKind};

/// Today has two columns from this width on.
pub const TWO_COLUMNS_FROM: u16 = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Meal(usize),
    NoMeals,
    Symptom(usize),
    CheckIn(CheckField),
    Stool(usize),
    NoStools,
    Intake(usize),
    NoIntakes,
    RedFlags,
    PlanStep,
}

impl Row {
    pub fn section(self) -> Section {
        match self {
            Row::Meal(_) | Row::NoMeals => Section::Meals,
            Row::Symptom(_) => Section::Symptoms,
            Row::CheckIn(_) => Section::CheckIn,
            Row::Stool(_) | Row::NoStools => Section::Stools,
            Row::Intake(_) | Row::NoIntakes => Section::Intakes,
            Row::RedFlags => Section::RedFlags,
            Row::PlanStep => Section::Plan,
        }
    }
}

impl Section {
    /// In the right-hand column when there are two.
    pub fn on_the_right(self) -> bool {
        matches!(self, Section::Symptoms | Section::CheckIn)
    }
}

/// What the rows are made of.
pub struct RowSource<'a> {
    pub day: &'a DayLog,
    pub custom_symptoms: &'a [String],
    pub usual_intakes: &'a [(String, IntakeKind)],
    pub plan_day: Option<u8>,
    pub width: u16,
    /// `[symptoms] hide` and `order`.
    pub config: &'a Config,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TodayRows {
    pub rows: Vec<Row>,
    /// Row::Symptom(i) is `symptom_ids[i]`: the catalogue, the user's own,
    /// and any other rated that day, arranged by `[symptoms]` in the
    /// settings; a hidden symptom still shows on a day it was rated.
    pub symptom_ids: Vec<String>,
    /// Row::Intake(i) is `intake_names[i]`: the usual ones and any taken that day.
    pub intake_names: Vec<String>,
    pub two_columns: bool,
}

impl TodayRows {
    pub fn build(src: &RowSource) -> TodayRows {
        let mut symptom_ids: Vec<String> = content::symptoms()
            .symptoms
            .iter()
            .map(|i| i.id.clone())
            .collect();
        for id in src
            .custom_symptoms
            .iter()
            .chain(src.day.symptoms.iter().map(|r| &r.symptom))
        {
            if !symptom_ids.contains(id) {
                symptom_ids.push(id.clone());
            }
        }
        let mut symptom_ids = src.config.arrange_symptoms(&symptom_ids);
        // Nothing logged is out of sight: a hidden symptom rated this day
        // keeps its row.
        for r in &src.day.symptoms {
            if !symptom_ids.contains(&r.symptom) {
                symptom_ids.push(r.symptom.clone());
            }
        }
        let mut intake_names: Vec<String> = Vec::new();
        for n in src
            .usual_intakes
            .iter()
            .map(|(n, _)| n)
            .chain(src.day.intakes.iter().map(|i| &i.name))
        {
            if !intake_names.iter().any(|x| x.eq_ignore_ascii_case(n)) {
                intake_names.push(n.clone());
            }
        }
        let two_columns = src.width >= TWO_COLUMNS_FROM;
        let section_rows = |sec: Section| -> Vec<Row> {
            let some_or = |n: usize, f: fn(usize) -> Row, none: Row| {
                if n == 0 {
                    vec![none]
                } else {
                    (0..n).map(f).collect()
                }
            };
            match sec {
                Section::Meals => some_or(src.day.meals.len(), Row::Meal, Row::NoMeals),
                Section::Symptoms => (0..symptom_ids.len()).map(Row::Symptom).collect(),
                Section::CheckIn => CheckField::ALL.map(Row::CheckIn).to_vec(),
                Section::Stools => some_or(src.day.stools.len(), Row::Stool, Row::NoStools),
                Section::Intakes => some_or(intake_names.len(), Row::Intake, Row::NoIntakes),
                Section::RedFlags => vec![Row::RedFlags],
                Section::Plan => src.plan_day.map(|_| Row::PlanStep).into_iter().collect(),
            }
        };
        let order: &[Section] = if two_columns {
            &[
                Section::Meals,
                Section::Stools,
                Section::Intakes,
                Section::RedFlags,
                Section::Plan,
                Section::Symptoms,
                Section::CheckIn,
            ]
        } else {
            &[
                Section::Meals,
                Section::Symptoms,
                Section::CheckIn,
                Section::Stools,
                Section::Intakes,
                Section::RedFlags,
                Section::Plan,
            ]
        };
        TodayRows {
            rows: order.iter().flat_map(|s| section_rows(*s)).collect(),
            symptom_ids,
            intake_names,
            two_columns,
        }
    }

    pub fn get(&self, i: usize) -> Option<Row> {
        self.rows.get(i).copied()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn position(&self, row: Row) -> Option<usize> {
        self.rows.iter().position(|r| *r == row)
    }

    /// The first row of a section, if the section is shown.
    pub fn first_of(&self, sec: Section) -> Option<usize> {
        self.rows.iter().position(|r| r.section() == sec)
    }
}
