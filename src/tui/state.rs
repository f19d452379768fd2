//! Everything the screens show, held apart from drawing (views borrow it)
//! and from IO (the loop fills it from the store in `reload`). Helpers that
//! several screens need live here, on the type that owns the data.

use super::action::{Action, Effect, Screen, UndoStep};
use super::checkin::CheckField;
use super::experiment_form::ExperimentForm;
use super::field::TextField;
use super::forms::{IntakeForm, MealField, MealForm, StoolField, StoolForm};
use super::keymap::Context;
use super::notes::NotesUi;
use super::profile::{ProfileField, ProfileForm};
use super::rows::{Row, RowSource, TodayRows};
use crate::analysis::experiment::{ExperimentReport, PairResult};
use crate::analysis::journal::DaySummary;
use crate::analysis::{WeekTrend, WeeklyReview};
use crate::config::Config;
use crate::content::{red_flags, RedFlagInfo};
use crate::domain::experiment::Experiment;
use crate::domain::food::FoodBook;
use crate::domain::meal::UsualTimes;
use crate::domain::profile::{relevant_red_flags, Profile};
use crate::domain::{Clock, DayLog, Intake, IntakeKind, Meal, PlanRun, Severity};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// Smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// How many changes `u` can take back.
pub const UNDO_DEPTH: usize = 100;

#[derive(Debug, Clone)]
pub struct State {
    /// Now, as of the last event (the loop passes the time with each one).
    pub clock: Clock,
    /// The clock's date when last looked at: when it changes (midnight),
    /// a screen that was showing that day moves to the new one.
    pub seen_today: NaiveDate,
    pub date: NaiveDate,
    pub screen: Screen,
    /// The user's settings (`config.toml`, NO_COLOR already applied).
    pub config: Config,
    pub size: (u16, u16),
    pub db_path: String,
    pub day: DayLog,
    pub plan: Option<PlanRun>,
    /// The optional profile: which red-flag questions are asked.
    pub profile: Profile,
    pub custom_symptoms: Vec<String>,
    pub usual_intakes: Vec<(String, IntakeKind)>,
    /// When this person usually eats each meal.
    pub usual_times: UsualTimes,
    pub food_book: FoodBook,
    pub food_history: Vec<String>,
    pub recent_meals: Vec<Meal>,
    pub today: TodayUi,
    pub journal: JournalUi,
    pub plan_ui: PlanUi,
    pub guide: GuideUi,
    pub insights: InsightsUi,
    /// The diary's see-a-doctor notes and the reminder about yesterday.
    pub notes: NotesUi,
    pub experiment: ExperimentUi,
    pub modal: Option<Modal>,
    /// The key overlay, over any screen or form.
    pub help: Option<HelpUi>,
    /// Changes `u` takes back, the last one last.
    pub undo: Vec<UndoStep>,
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
    /// Derived from the day once per key.
    pub rows: TodayRows,
    /// A symptom to put the cursor on once its row exists.
    pub focus_symptom: Option<String>,
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
/// computed by the loop when the week or the diary changed, never per frame.
#[derive(Debug, Clone, Default)]
pub struct InsightsUi {
    pub review: Option<WeeklyReview>,
    /// Weekly means of mood, energy and sleep over the history window.
    pub trend: Vec<WeekTrend>,
    /// The selected finding.
    pub cursor: usize,
}

/// The experiment: the one running (or the last), read on every reload;
/// its timeline and verdict, computed by the loop when its page is shown.
#[derive(Debug, Clone, Default)]
pub struct ExperimentUi {
    /// The Plan screen shows the experiment page instead of the 7-day plan.
    pub page: bool,
    pub current: Option<Experiment>,
    /// True when `current` is active (scheduled, running or paused).
    pub active: bool,
    /// Today's line for the edited date ("Day 5 of 10 without dairy …").
    pub today_line: Option<String>,
    pub report: Option<ExperimentReport>,
    /// Finished experiments' verdicts, for Insights' findings.
    pub results: Vec<PairResult>,
}

#[derive(Debug, Clone, Default)]
pub struct GuideUi {
    pub section: usize,
    pub scroll: u16,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpUi {
    pub scroll: u16,
}

/// A number being typed on a check-in row (sleep, water, movement).
#[derive(Debug, Clone)]
pub struct NumberEntry {
    pub field: CheckField,
    pub text: TextField,
}

#[derive(Debug, Clone)]
pub enum Modal {
    Welcome,
    Confirm {
        question: String,
        on_yes: Vec<Effect>,
    },
    Meal(Box<MealForm>),
    Stool(StoolForm),
    Intake(IntakeForm),
    Prompt(Prompt),
    Repeat {
        cursor: usize,
    },
    Number(NumberEntry),
    /// Letters typed so far to jump to a symptom.
    Jump(TextField),
    RedFlags {
        cursor: usize,
    },
    /// The optional profile, opened from the red-flag questions.
    Profile(ProfileForm),
    /// Insights: the selected finding in full.
    Finding {
        scroll: u16,
    },
    /// The form that starts an experiment.
    Experiment(Box<ExperimentForm>),
    /// The experiment's result in full.
    ExperimentResult {
        scroll: u16,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    CheckInNote,
    Reflection,
    Search,
    NewSymptom,
    ExtendExperiment,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: PromptFor,
    pub field: TextField,
    /// The date it was opened for (a note keeps it past midnight).
    pub date: NaiveDate,
}

impl PromptFor {
    pub fn title(self) -> &'static str {
        let t = crate::content::tui_text();
        match self {
            PromptFor::CheckInNote => &t.prompt_note,
            PromptFor::Reflection => &t.prompt_reflection,
            PromptFor::Search => &t.prompt_search,
            PromptFor::NewSymptom => &t.prompt_new_symptom,
            PromptFor::ExtendExperiment => &crate::content::experiments().tui.prompt_extend,
        }
    }
}

impl State {
    pub fn new(clock: Clock, config: Config) -> State {
        State {
            clock,
            seen_today: clock.today(),
            date: clock.today(),
            screen: Screen::Today,
            config,
            size: (80, 24),
            db_path: String::new(),
            day: DayLog {
                date: clock.today(),
                ..DayLog::default()
            },
            plan: None,
            profile: Profile::default(),
            custom_symptoms: Vec::new(),
            usual_intakes: Vec::new(),
            usual_times: UsualTimes::default(),
            food_book: FoodBook::bundled(),
            food_history: Vec::new(),
            recent_meals: Vec::new(),
            today: TodayUi::default(),
            journal: JournalUi::default(),
            plan_ui: PlanUi::default(),
            guide: GuideUi::default(),
            insights: InsightsUi::default(),
            notes: NotesUi::default(),
            experiment: ExperimentUi::default(),
            modal: None,
            help: None,
            undo: Vec::new(),
            message: None,
            quit: false,
        }
    }

    /// False under NO_COLOR or `color = false`: severity is shown by its
    /// word alone.
    pub fn color(&self) -> bool {
        self.config.color.value
    }

    /// The Today row under the cursor.
    pub fn row(&self) -> Option<Row> {
        self.today.rows.get(self.today.cursor)
    }

    /// Builds Today's rows from the day (once per key, by the loop) and
    /// keeps the cursor on them.
    pub fn refresh_rows(&mut self) {
        self.today.rows = TodayRows::build(&RowSource {
            day: &self.day,
            custom_symptoms: &self.custom_symptoms,
            usual_intakes: &self.usual_intakes,
            plan_day: self.plan_day(),
            width: self.size.0,
            config: &self.config,
        });
        self.today.cursor = self
            .today
            .cursor
            .min(self.today.rows.len().saturating_sub(1));
    }

    /// Key contexts in priority order for the current screen and focus.
    pub fn contexts(&self) -> Vec<Context> {
        if self.help.is_some() {
            return vec![Context::Anywhere, Context::Help];
        }
        self.contexts_below_help()
    }

    /// The contexts of the screen or form under the help overlay.
    pub fn contexts_below_help(&self) -> Vec<Context> {
        let mut v = vec![Context::Anywhere];
        match &self.modal {
            Some(Modal::Welcome) => v.push(Context::Welcome),
            Some(Modal::Confirm { .. }) => v.push(Context::Confirm),
            Some(Modal::Repeat { .. }) => v.push(Context::Picker),
            Some(Modal::Finding { .. }) => v.push(Context::FindingDetail),
            Some(Modal::RedFlags { .. }) => v.push(Context::RedFlags),
            // Save and cancel before moving between fields, so they show.
            Some(Modal::Profile(f)) => match f.focus {
                ProfileField::Year => {
                    v.extend([Context::Form, Context::ProfileForm, Context::TextEdit])
                }
                ProfileField::Sex => {
                    v.extend([Context::ProfileSex, Context::Form, Context::ProfileForm])
                }
            },
            Some(Modal::Jump(_)) => v.push(Context::SymptomJump),
            Some(Modal::Number(_)) => v.push(Context::NumberEntry),
            Some(Modal::Meal(f)) => {
                match f.focus {
                    MealField::Slot => v.push(Context::MealSlot),
                    MealField::Foods => v.push(Context::MealFoods),
                    _ => {}
                }
                // Save and cancel before the rest, so they always show.
                v.extend([Context::Form, Context::MealForm]);
                if f.focus != MealField::Slot {
                    v.push(Context::TextEdit);
                }
            }
            Some(Modal::Stool(f)) => match f.focus {
                StoolField::Type => v.extend([Context::StoolType, Context::Form]),
                StoolField::Time => {
                    v.extend([Context::StoolTime, Context::Form, Context::TextEdit])
                }
            },
            Some(Modal::Intake(_)) => {
                v.extend([Context::IntakeForm, Context::Form, Context::TextEdit])
            }
            Some(Modal::Prompt(_)) => v.extend([Context::Form, Context::TextEdit]),
            Some(Modal::ExperimentResult { .. }) => v.push(Context::ExperimentResult),
            Some(Modal::Experiment(f)) => {
                if f.focus.is_choice() {
                    v.push(Context::ExperimentChoice);
                }
                v.extend([Context::Form, Context::ExperimentForm]);
                if !f.focus.is_choice() {
                    v.push(Context::TextEdit);
                }
            }
            None => {
                match self.screen {
                    Screen::Today => {
                        v.extend(self.row().map(row_contexts).unwrap_or_default());
                        if self.notes.yesterday_reminder().is_some() {
                            v.push(Context::YesterdayReminder);
                        }
                        v.push(Context::Today);
                    }
                    Screen::Journal => v.push(Context::Journal),
                    Screen::Plan if self.experiment.page => v.push(Context::Experiment),
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
    pub fn at_now(&self) -> NaiveDateTime {
        self.date.and_time(self.clock.now().time())
    }

    /// Opens a one-line text prompt for the edited date.
    pub fn prompt(&mut self, purpose: PromptFor, text: &str) {
        self.modal = Some(Modal::Prompt(Prompt {
            purpose,
            field: TextField::new(text),
            date: self.date,
        }));
    }

    /// Shows another date (never one after today).
    pub fn go_to(&mut self, date: NaiveDate) -> Vec<Effect> {
        self.date = date.min(self.clock.today());
        vec![Effect::Reload]
    }

    /// The symptom id of a Today symptom row.
    pub fn symptom_id(&self, i: usize) -> Option<&str> {
        self.today.rows.symptom_ids.get(i).map(String::as_str)
    }

    /// The day's severity of a symptom: the last rating logged that day.
    pub fn severity_of(&self, id: &str) -> Option<Severity> {
        self.day
            .symptoms
            .iter()
            .rev()
            .find(|r| r.symptom == id)
            .map(|r| r.severity)
    }

    /// The day's entry for a medicine or supplement, if it was taken.
    pub fn taken_today(&self, name: &str) -> Option<&Intake> {
        self.day
            .intakes
            .iter()
            .find(|i| i.name.eq_ignore_ascii_case(name))
    }

    /// The edited date's plan day (1–7) when a run covers it.
    pub fn plan_day(&self) -> Option<u8> {
        self.plan.as_ref().and_then(|p| p.day_on(self.date))
    }

    /// Adds a change to the undo history.
    pub fn push_undo(&mut self, step: UndoStep) {
        self.undo.push(step);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }
}

/// The contexts of a Today row's own keys, most specific first.
fn row_contexts(row: Row) -> Vec<Context> {
    match row {
        Row::Meal(_) => vec![Context::MealRow],
        Row::Symptom(_) => vec![Context::SymptomRow],
        Row::CheckIn(CheckField::Note) => vec![Context::CheckNote],
        Row::CheckIn(f) if f.is_scale() => vec![Context::CheckScale],
        Row::CheckIn(_) => vec![Context::CheckNumber],
        Row::Stool(_) | Row::NoStools => vec![Context::StoolRow],
        Row::Intake(_) => vec![Context::IntakeRow, Context::IntakeSection],
        Row::NoIntakes => vec![Context::IntakeSection],
        Row::RedFlags => vec![Context::RedFlagRow],
        Row::PlanStep => vec![Context::PlanRow],
        Row::NoMeals => Vec::new(),
    }
}

impl State {
    /// The red-flag questions for the edited date: those that apply to the
    /// profile (all of them without one, each saying whom it is for),
    /// and any ticked that day whatever the profile, so it can be unticked.
    pub fn red_flag_questions(&self) -> Vec<&'static RedFlagInfo> {
        let relevant = relevant_red_flags(&self.profile, self.date);
        red_flags()
            .flags
            .iter()
            .filter(|f| relevant.iter().any(|r| r.id == f.id) || self.day.red_flags.contains(&f.id))
            .collect()
    }

    /// Whether `action` would do something now; the status line offers
    /// only those (the experiment page's result needs an experiment).
    pub fn offers(&self, action: &Action) -> bool {
        match action {
            Action::ExperimentResult => self.experiment.report.is_some(),
            _ => true,
        }
    }
}
