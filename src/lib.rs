//! gutlog: a private, keyboard-first gut-health journal for the terminal.
//!
//! The library holds everything both front ends (CLI and TUI) share: the
//! domain types, the SQLite store, the bundled content, the exchange format,
//! the sync through a shared folder and the synthetic demo diary.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod content;
pub mod csv_export;
pub mod demo;
pub mod domain;
pub mod exchange;
pub mod report;
pub mod store;
pub mod sync;
pub mod tui;

pub use domain::Clock;
pub use store::{Store, StoreError};
