//! The evening check-in screen: a thin front end over the same store,
//! domain and content as the CLI. key → keymap → Action → update → Effect
//! → store → reload → view, in one synchronous loop.

pub mod action;
pub mod app;
mod change;
pub mod checkin;
mod context;
mod describe;
mod effects;
pub mod experiment;
mod experiment_effects;
pub mod experiment_form;
pub mod field;
pub mod forms;
pub mod guide;
pub mod help;
mod input;
pub mod insights;
pub mod journal;
pub mod keymap;
pub mod meal_form;
pub mod notes;
pub mod plan;
pub mod profile;
pub mod rows;
mod runner;
pub mod state;
pub mod today;
pub mod update;
pub mod views;

pub use app::App;
pub use runner::run;
