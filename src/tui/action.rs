//! What a key means (`Action`) and what the app must do outside its state
//! (`Effect`). `update` turns actions into state changes and effects; the
//! loop performs effects against the store and reloads.

use crate::domain::experiment::{ExperimentPlan, Pause};
use crate::domain::meal::Remember;
use crate::domain::profile::Profile;
use crate::domain::{CheckIn, Intake, Meal, RedFlagEntry, Slot, Stool, SymptomRating};
use crate::store::Deleted;
use chrono::{NaiveDate, NaiveDateTime};

/// The sections of Today, each one key away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Meals,
    Symptoms,
    CheckIn,
    Stools,
    Intakes,
    RedFlags,
    Plan,
}

/// The screens, numbered as their tab keys, in tab-bar order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Today,
    Journal,
    Plan,
    Insights,
    Guide,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Today,
        Screen::Journal,
        Screen::Plan,
        Screen::Insights,
        Screen::Guide,
    ];

    pub fn key(self) -> char {
        match self {
            Screen::Today => '1',
            Screen::Journal => '2',
            Screen::Plan => '3',
            Screen::Insights => '4',
            Screen::Guide => '5',
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Screen::Today => "Today",
            Screen::Journal => "Journal",
            Screen::Plan => "Plan",
            Screen::Insights => "Insights",
            Screen::Guide => "Guide",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The clock, read by the loop before every event and when idle.
    Tick(NaiveDateTime),
    Quit,
    ForceQuit,
    Show(Screen),
    NextScreen,
    PrevScreen,
    PrevDay,
    NextDay,
    /// Insights: the week before / after the one reviewed.
    PrevWeek,
    NextWeek,
    GoToday,
    Help,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Enter,
    Add,
    Delete,
    Undo,
    Search,
    Toggle,
    Digit(u8),
    Repeat,
    RedFlags,
    /// The red-flag questions: open the optional profile.
    Profile,
    /// Today: hide the reminder that yesterday has nothing logged.
    HideReminder,
    StartPlan,
    Reflect,
    Clear,
    Plus,
    Minus,
    Close,
    Yes,
    No,
    NextField,
    PrevField,
    /// Meal form: complete the food being typed (or accept a "did you mean").
    Complete,
    /// Meal form: choose the slot by hand.
    PickSlot(Slot),
    /// Copy yesterday's check-in, or yesterday's meal in the form's slot.
    CopyYesterday,
    /// Today: go to a section.
    JumpTo(Section),
    /// Today: jump to a symptom by typing its first letters.
    SymptomJump,
    /// Today: rate every symptom not yet rated today as none.
    RateRestNone,
    ClearField,
    Type(char),
    Backspace,
    DeleteChar,
    Home,
    End,
    Paste(String),
    Resize(u16, u16),
    // Experiments (the Plan screen's experiment page, its form, Insights).
    /// Plan: show the experiment page, or go back to the 7-day plan.
    ExperimentPage,
    /// Open the form to start an experiment.
    StartExperiment,
    /// Insights: start an experiment on the selected finding.
    TestThis,
    PauseExperiment,
    ExtendExperiment,
    EndExperiment,
    /// The experiment's result in full.
    ExperimentResult,
}

/// A change that can be taken back, and what it was (for the message).
#[derive(Debug, Clone, PartialEq)]
pub struct UndoStep {
    pub effects: Vec<Effect>,
    pub what: String,
}

/// Work for the loop: store writes (then a reload) and store reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    AddMeal(Meal, Remember),
    UpdateMeal(Meal, Remember),
    /// Each rating replaces that symptom's ratings on its date.
    SetSymptoms(Vec<SymptomRating>),
    /// Undo of `SetSymptoms`: remove these ratings, put those back.
    RevertSymptoms {
        remove: Vec<String>,
        restore: Vec<SymptomRating>,
    },
    AddCustomSymptom(String),
    RemoveCustomSymptom(String),
    PutCheckIn(CheckIn),
    /// Copy yesterday's check-in values (not its note) onto `to`.
    CopyCheckIn {
        from: NaiveDate,
        to: NaiveDate,
    },
    AddStool(Stool),
    AddIntake(Intake),
    Delete(String),
    Restore(Deleted),
    SetRedFlag(RedFlagEntry, bool),
    /// Replace the profile (an empty one removes it).
    SetProfile(Profile),
    SetHabit(NaiveDate, String, bool),
    StartPlan(NaiveDate),
    /// Tick a plan day at a time, or untick it (None).
    TickPlan(String, u8, Option<NaiveDateTime>),
    SetReflection(String, Option<String>),
    LoadRecentMeals,
    /// Fill the open meal form from the day before's meal in its slot.
    FillMealFromYesterday,
    Search(String),
    Undo(UndoStep),
    Reload,
    /// Start an experiment from a checked plan (its schedule is drawn
    /// here, on the effects side); true when the coeliac-testing advice
    /// was confirmed.
    StartExperiment(Box<ExperimentPlan>, bool),
    /// Undo of a start.
    RemoveExperiment(String),
    /// Pause on a date, or resume on it (the experiment's id).
    PauseExperiment(String, NaiveDate),
    ResumeExperiment(String, NaiveDate),
    /// Set the pauses back to these (undo).
    SetExperimentPauses(String, Vec<Pause>),
    /// Set the days added to the last phase.
    SetExperimentExtension(String, u32),
    /// End after a date, or take the end back (None).
    SetExperimentEnd(String, Option<NaiveDate>),
}
