//! Everything the screens show, held apart from drawing (views borrow it)
//! and from IO (the loop fills it from the store in `reload`).

use super::action::{Effect, Screen};
use super::field::TextField;
use super::forms::{IntakeForm, MealForm, StoolForm};
use super::keymap::Context;
use crate::analysis::{WeekTrend, WeeklyReview};
use crate::domain::food::FoodBook;
use crate::domain::{Clock, DayLog, IntakeKind, Meal, PlanRun};
use crate::store::Deleted;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

#[derive(Debug, Clone)]
pub struct State {
    pub clock: Clock,
    pub date: NaiveDate,
    pub screen: Screen,
    /// False under NO_COLOR: severity is shown by its word alone.
    pub color: bool,
    pub size: (u16, u16),
    pub db_path: String,
    pub day: DayLog,
    pub plan: Option<PlanRun>,
    pub custom_symptoms: Vec<String>,
    pub usual_intakes: Vec<(String, IntakeKind)>,
    pub food_book: FoodBook,
    pub food_history: Vec<String>,
    pub recent_meals: Vec<Meal>,
    pub today: TodayUi,
    pub journal: JournalUi,
    pub plan_ui: PlanUi,
    pub guide: GuideUi,
    pub insights: InsightsUi,
    pub modal: Option<Modal>,
    pub undo: Option<Deleted>,
    pub message: Option<Message>,
    pub quit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone, Default)]
pub struct TodayUi {
    pub cursor: usize,
    pub flags_open: bool,
}

/// One line of the Journal: a summary of a day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DaySummary {
    pub foods: Vec<String>,
    pub meals: usize,
    pub worst: Option<(String, u8)>,
    pub mood: Option<u8>,
    pub stools: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct JournalUi {
    /// Every date with anything logged, newest first.
    pub dates: Vec<NaiveDate>,
    pub cursor: usize,
    /// Summaries of the days around the cursor (loaded in a window).
    pub summaries: BTreeMap<NaiveDate, DaySummary>,
    pub query: Option<String>,
    pub results: Vec<Meal>,
}

#[derive(Debug, Clone, Default)]
pub struct PlanUi {
    /// 0..7 are plan days, 7.. the habits.
    pub cursor: usize,
}

/// The Insights screen: the review of the week ending on `State::date`,
/// computed in `reload` when the week or the diary changed, never per frame.
#[derive(Debug, Clone, Default)]
pub struct InsightsUi {
    pub review: Option<WeeklyReview>,
    /// Weekly means of mood, energy and sleep over the history window.
    pub trend: Vec<WeekTrend>,
    /// The selected finding.
    pub cursor: usize,
}

#[derive(Debug, Clone, Default)]
pub struct GuideUi {
    pub section: usize,
    pub scroll: u16,
}

#[derive(Debug, Clone)]
pub enum Modal {
    Help { scroll: u16 },
    Welcome,
    Confirm { question: String, on_yes: Effect },
    Meal(Box<MealForm>),
    Stool(StoolForm),
    Intake(IntakeForm),
    Prompt(Prompt),
    Repeat { cursor: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    CheckInNote,
    Reflection,
    Search,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: PromptFor,
    pub field: TextField,
}

impl PromptFor {
    pub fn title(self) -> &'static str {
        match self {
            PromptFor::CheckInNote => "Note for the day",
            PromptFor::Reflection => "Day-7 reflection: what changed this week?",
            PromptFor::Search => "Search foods and notes",
        }
    }
}

impl State {
    pub fn new(clock: Clock, color: bool) -> State {
        State {
            clock,
            date: clock.today(),
            screen: Screen::Today,
            color,
            size: (80, 24),
            db_path: String::new(),
            day: DayLog {
                date: clock.today(),
                ..DayLog::default()
            },
            plan: None,
            custom_symptoms: Vec::new(),
            usual_intakes: Vec::new(),
            food_book: FoodBook::bundled(),
            food_history: Vec::new(),
            recent_meals: Vec::new(),
            today: TodayUi::default(),
            journal: JournalUi::default(),
            plan_ui: PlanUi::default(),
            guide: GuideUi::default(),
            insights: InsightsUi::default(),
            modal: None,
            undo: None,
            message: None,
            quit: false,
        }
    }

    /// Key contexts in priority order for the current screen and focus.
    pub fn contexts(&self) -> Vec<Context> {
        let mut v = vec![Context::Anywhere];
        match &self.modal {
            Some(Modal::Help { .. }) => v.push(Context::Help),
            Some(Modal::Welcome) => v.push(Context::Welcome),
            Some(Modal::Confirm { .. }) => v.push(Context::Confirm),
            Some(Modal::Repeat { .. }) => v.push(Context::Picker),
            Some(_) => v.push(Context::Form),
            None => {
                match self.screen {
                    Screen::Today => {
                        match super::today::rows(self).get(self.today.cursor) {
                            Some(super::today::Row::Symptom(_)) => v.push(Context::Symptom),
                            Some(super::today::Row::CheckIn(f))
                                if *f != super::today::CheckField::Note =>
                            {
                                v.push(Context::CheckIn)
                            }
                            _ => {}
                        }
                        v.push(Context::Today);
                    }
                    Screen::Journal => v.push(Context::Journal),
                    Screen::Plan => v.push(Context::Plan),
                    Screen::Insights => v.push(Context::Insights),
                    Screen::Guide => v.push(Context::Guide),
                }
                v.push(Context::Global);
            }
        }
        v
    }

    pub fn is_today(&self) -> bool {
        self.date == self.clock.today()
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// A date-time on the edited date at the clock's time of day.
    pub fn at_now(&self) -> chrono::NaiveDateTime {
        self.date.and_time(self.clock.now().time())
    }
}
