//! What a person records in an evening, and the rules that make a record valid.
//!
//! These types are shared by the store, the CLI, the TUI and the analysis.
//! Constructors validate; a value of these types is always in range.

pub mod diary;
pub mod error;
pub mod experiment;
pub mod factor;
pub mod food;
pub mod habits;
pub mod meal;
pub mod meal_times;
pub mod names;
pub mod profile;
pub mod records;
pub mod status;
pub mod time;
pub mod water;

pub use diary::Diary;
pub use error::{InputError, InputResult};
pub use meal_times::{MealTimes, TimeWindow};
pub use records::*;
pub use time::Clock;

/// A new stable random id for a record (UUID v4, hyphenated).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
