//! How complete a day's log is: what `gutlog status` reports and reminders
//! act on. A day is logged when it has a meal, a symptom rating (0 "none"
//! counts), a check-in, and, while a 7-day plan run covers it, its plan
//! step ticked.

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;

/// The plan step a date falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlanStep {
    pub day: u8,
    pub ticked: bool,
}

/// What one date has logged, counted (not loaded) by `Store::day_status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayStatus {
    pub date: NaiveDate,
    pub meals: u32,
    /// Distinct symptoms rated that day.
    pub symptoms_rated: u32,
    pub checkin: bool,
    /// The step of the plan run covering the date, if any.
    pub plan: Option<PlanStep>,
}

/// One part of the evening log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Meals,
    Symptoms,
    CheckIn,
    Plan,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Meals => "meals",
            Part::Symptoms => "symptoms",
            Part::CheckIn => "check-in",
            Part::Plan => "plan",
        }
    }
}

impl DayStatus {
    /// An empty day (and what a diary that does not exist yet has).
    pub fn nothing(date: NaiveDate) -> DayStatus {
        DayStatus {
            date,
            meals: 0,
            symptoms_rated: 0,
            checkin: false,
            plan: None,
        }
    }

    /// The parts still to log, in the order of the evening.
    pub fn missing(&self) -> Vec<Part> {
        let mut out = Vec::new();
        if self.meals == 0 {
            out.push(Part::Meals);
        }
        if self.symptoms_rated == 0 {
            out.push(Part::Symptoms);
        }
        if !self.checkin {
            out.push(Part::CheckIn);
        }
        if self.plan.is_some_and(|p| !p.ticked) {
            out.push(Part::Plan);
        }
        out
    }

    pub fn is_logged(&self) -> bool {
        self.missing().is_empty()
    }

    /// True when the day is not logged and it is `reminder_hour` or later.
    pub fn reminder_due(&self, now: NaiveDateTime, reminder_hour: u8) -> bool {
        !self.is_logged() && now.hour() >= reminder_hour as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> DayStatus {
        DayStatus::nothing(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
    }

    #[test]
    fn a_day_is_logged_when_every_part_is_there() {
        let mut d = day();
        assert_eq!(
            d.missing(),
            [Part::Meals, Part::Symptoms, Part::CheckIn],
            "no plan run: no plan part"
        );
        d.meals = 2;
        d.symptoms_rated = 1;
        d.checkin = true;
        assert!(d.is_logged());
        d.plan = Some(PlanStep {
            day: 3,
            ticked: false,
        });
        assert_eq!(d.missing(), [Part::Plan]);
        let evening = d.date.and_hms_opt(20, 0, 0).unwrap();
        assert!(d.reminder_due(evening, 20));
        assert!(!d.reminder_due(evening, 21));
        d.plan = Some(PlanStep {
            day: 3,
            ticked: true,
        });
        assert!(!d.reminder_due(evening, 20));
    }
}
