//! The form that starts an experiment (also opened, prefilled, by "test
//! this" on an Insights finding): its fields, how keys edit it, and the
//! plan it submits. Plain data and pure functions; the state holds it and
//! `experiment` opens and submits it.

use super::action::Action;
use super::field::{edit_field, TextField};
use crate::content;
use crate::domain::experiment::{parse_days, Design, ExperimentPlan, DEFAULT_WASHOUT_DAYS};
use crate::domain::factor::Factor;
use crate::domain::food::FoodBook;
use crate::domain::{parse_symptom, InputError};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExperimentField {
    Factor,
    Symptom,
    Design,
    Days,
    Washout,
    Baseline,
    Randomise,
}

impl ExperimentField {
    pub const ALL: [ExperimentField; 7] = [
        ExperimentField::Factor,
        ExperimentField::Symptom,
        ExperimentField::Design,
        ExperimentField::Days,
        ExperimentField::Washout,
        ExperimentField::Baseline,
        ExperimentField::Randomise,
    ];

    /// Changed with ←/→ or space rather than typed.
    pub fn is_choice(self) -> bool {
        matches!(self, ExperimentField::Design | ExperimentField::Randomise)
    }

    pub fn label(self) -> &'static str {
        let t = &content::experiments().tui;
        match self {
            ExperimentField::Factor => &t.form_factor,
            ExperimentField::Symptom => &t.form_symptom,
            ExperimentField::Design => &t.form_design,
            ExperimentField::Days => &t.form_days,
            ExperimentField::Washout => &t.form_washout,
            ExperimentField::Baseline => &t.form_baseline,
            ExperimentField::Randomise => &t.form_randomise,
        }
    }
}

/// The start form: what to test, against which symptom, and the design.
#[derive(Debug, Clone)]
pub struct ExperimentForm {
    pub factor: TextField,
    pub symptom: TextField,
    pub design: Design,
    pub days: TextField,
    pub washout: TextField,
    pub baseline: TextField,
    pub randomise: bool,
    pub focus: ExperimentField,
}

impl ExperimentForm {
    /// A form with the usual design, and the factor and symptom given
    /// (empty for a new one; a finding's for "test this").
    pub fn new(factor: &str, symptom: &str) -> ExperimentForm {
        ExperimentForm {
            factor: TextField::new(factor),
            symptom: TextField::new(symptom),
            design: Design::Abab,
            days: TextField::offered(&Design::Abab.default_phase_days().to_string()),
            washout: TextField::offered(&DEFAULT_WASHOUT_DAYS.to_string()),
            baseline: TextField::offered("0"),
            randomise: false,
            focus: if factor.is_empty() {
                ExperimentField::Factor
            } else {
                ExperimentField::Design
            },
        }
    }

    fn field(&mut self, f: ExperimentField) -> Option<&mut TextField> {
        match f {
            ExperimentField::Factor => Some(&mut self.factor),
            ExperimentField::Symptom => Some(&mut self.symptom),
            ExperimentField::Days => Some(&mut self.days),
            ExperimentField::Washout => Some(&mut self.washout),
            ExperimentField::Baseline => Some(&mut self.baseline),
            ExperimentField::Design | ExperimentField::Randomise => None,
        }
    }

    pub fn handle(&mut self, action: &Action) {
        let all = ExperimentField::ALL;
        let i = all.iter().position(|f| *f == self.focus).unwrap_or(0);
        match action {
            Action::NextField => self.focus = all[(i + 1) % all.len()],
            Action::PrevField => self.focus = all[(i + all.len() - 1) % all.len()],
            Action::Toggle if self.focus == ExperimentField::Design => {
                let offered = self.days.is_selected();
                self.design = match self.design {
                    Design::Abab => Design::Ab,
                    Design::Ab => Design::Abab,
                };
                // The usual length follows the design until one is typed.
                if offered {
                    self.days = TextField::offered(&self.design.default_phase_days().to_string());
                }
            }
            Action::Toggle if self.focus == ExperimentField::Randomise => {
                self.randomise = !self.randomise
            }
            other => {
                if let Some(f) = self.field(self.focus) {
                    edit_field(f, other);
                }
            }
        }
    }

    /// The checked plan, or what to fix (as the command line says it) and
    /// the field to fix it in (none when it is the design as a whole).
    pub fn submit(
        &self,
        book: &FoodBook,
        custom: &[String],
        today: NaiveDate,
    ) -> Result<ExperimentPlan, (Option<ExperimentField>, String)> {
        let at = |f: ExperimentField| move |e: InputError| (Some(f), e.to_string());
        let number = |f: ExperimentField, field: &TextField| {
            parse_days(field.text()).map_err(|e| (Some(f), format!("{}: {e}", f.label())))
        };
        let plan = ExperimentPlan {
            factor: Factor::parse(self.factor.text(), book).map_err(at(ExperimentField::Factor))?,
            symptoms: vec![
                parse_symptom(self.symptom.text(), custom).map_err(at(ExperimentField::Symptom))?
            ],
            design: self.design,
            phase_days: number(ExperimentField::Days, &self.days)?,
            baseline_days: number(ExperimentField::Baseline, &self.baseline)?,
            washout_days: number(ExperimentField::Washout, &self.washout)?,
            randomised: self.randomise,
            start: today,
        };
        plan.check(today).map_err(|e| (None, e.to_string()))?;
        Ok(plan)
    }
}
