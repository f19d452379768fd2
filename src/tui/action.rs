//! What a key means (`Action`) and what the app must do outside its state
//! (`Effect`). `update` turns actions into state changes and effects; the
//! loop performs effects against the store and reloads.

use crate::domain::{CheckIn, Intake, Meal, RedFlagEntry, Stool, SymptomRating};
use crate::store::Deleted;
use chrono::NaiveDate;

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
    Type(char),
    Backspace,
    DeleteChar,
    Home,
    End,
    Paste(String),
    Resize(u16, u16),
}

/// Work for the loop: store writes (then a reload) and store reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    AddMeal(Meal, Vec<(String, Vec<String>)>),
    UpdateMeal(Meal),
    SetSymptom(SymptomRating),
    PutCheckIn(CheckIn),
    AddStool(Stool),
    AddIntake(Intake),
    Delete(String),
    Restore(Deleted),
    SetRedFlag(RedFlagEntry, bool),
    SetHabit(NaiveDate, String, bool),
    StartPlan(NaiveDate),
    TickPlan(String, u8, bool),
    SetReflection(String, Option<String>),
    LoadRecentMeals,
    Search(String),
    Reload,
}
