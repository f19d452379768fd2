//! The user's settings: `config.toml` in `$XDG_CONFIG_HOME/gutlog/` (else
//! `~/.config/gutlog/`), or the file named by `--config` / `GUTLOG_CONFIG`.
//!
//! Every setting is optional; each default is named once, in `Config::default`,
//! from the constant its module owns. Command-line flags beat the file,
//! which beats the defaults. Parsing is strict (`file.rs`): an unknown key or
//! a bad value is refused with its line and column and what is allowed.

mod file;

pub use file::{unknown_symptoms, ConfigError};

use crate::analysis::{DEFAULT_HISTORY_DAYS, DEFAULT_MIN_SEVERITY};
use crate::domain::water::WaterUnit;
use crate::domain::{MealTimes, Slot, TimeWindow};
use chrono::Weekday;
use std::path::{Path, PathBuf};

/// From this hour on, a day that is not fully logged is reported by
/// `gutlog status` (exit 1) and reminded of.
pub const DEFAULT_REMINDER_HOUR: u8 = 20;
/// Weeks start on Monday (ISO 8601) unless the config says otherwise.
pub const DEFAULT_FIRST_DAY_OF_WEEK: Weekday = Weekday::Mon;

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Default,
    /// The config file, at this line.
    File {
        line: usize,
    },
    /// An environment variable (NO_COLOR for colours).
    Env(&'static str),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File { line } => write!(f, "config file, line {line}"),
            Source::Env(var) => write!(f, "environment: {var}"),
        }
    }
}

/// A setting's effective value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Setting<T> {
    fn default(value: T) -> Setting<T> {
        Setting {
            value,
            source: Source::Default,
        }
    }
}

/// How the config file was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--config PATH` or `GUTLOG_CONFIG`: it must exist.
    Given,
    /// `$XDG_CONFIG_HOME/gutlog/config.toml`.
    XdgConfigHome,
    /// `~/.config/gutlog/config.toml`.
    Home,
}

/// The config file gutlog reads, and how it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub origin: Origin,
}

impl Location {
    /// `given` (from `--config`/`GUTLOG_CONFIG`; empty means unset), else
    /// the XDG location; None without a home directory.
    pub fn find(given: Option<&Path>) -> Option<Location> {
        if let Some(p) = given.filter(|p| !p.as_os_str().is_empty()) {
            return Some(Location {
                path: p.to_path_buf(),
                origin: Origin::Given,
            });
        }
        if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
            let p = PathBuf::from(x);
            if p.is_absolute() {
                return Some(Location {
                    path: p.join("gutlog/config.toml"),
                    origin: Origin::XdgConfigHome,
                });
            }
        }
        std::env::var_os("HOME")
            .filter(|v| !v.is_empty())
            .map(|h| Location {
                path: PathBuf::from(h).join(".config/gutlog/config.toml"),
                origin: Origin::Home,
            })
    }

    pub fn describe_origin(&self) -> &'static str {
        match self.origin {
            Origin::Given => "given with --config or GUTLOG_CONFIG",
            Origin::XdgConfigHome => "in $XDG_CONFIG_HOME/gutlog",
            Origin::Home => "in ~/.config/gutlog ($XDG_CONFIG_HOME is not set)",
        }
    }
}

/// What the environment says, read once at the edge and passed in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Env {
    /// NO_COLOR is set to a non-empty value.
    pub no_color: bool,
}

impl Env {
    pub fn from_process() -> Env {
        Env {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }
}

/// The effective settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file read, when one was found.
    pub file: Option<PathBuf>,
    /// Colours in the check-in screen (`color`); NO_COLOR turns them off
    /// unless the file says `color = true`.
    pub color: Setting<bool>,
    /// `water_unit`: glasses or ml.
    pub water_unit: Setting<WaterUnit>,
    /// `first_day_of_week`: the day weekly views start on.
    pub first_day_of_week: Setting<Weekday>,
    /// `reminder_hour`: 0–23.
    pub reminder_hour: Setting<u8>,
    /// `report.min_severity`: 1–3.
    pub min_severity: Setting<u8>,
    /// `report.history_days`.
    pub history_days: Setting<u32>,
    /// `meal_times.breakfast`, `.lunch`, `.dinner`.
    pub breakfast: Setting<TimeWindow>,
    pub lunch: Setting<TimeWindow>,
    pub dinner: Setting<TimeWindow>,
    /// `symptoms.hide`: symptom ids not shown on the check-in screen.
    pub hide_symptoms: Setting<Vec<String>>,
    /// `symptoms.order`: symptom ids shown first, in this order.
    pub symptom_order: Setting<Vec<String>>,
}

impl Default for Config {
    /// Every default, in one place.
    fn default() -> Self {
        let meals = MealTimes::DEFAULT;
        Config {
            file: None,
            color: Setting::default(true),
            water_unit: Setting::default(WaterUnit::default()),
            first_day_of_week: Setting::default(DEFAULT_FIRST_DAY_OF_WEEK),
            reminder_hour: Setting::default(DEFAULT_REMINDER_HOUR),
            min_severity: Setting::default(DEFAULT_MIN_SEVERITY),
            history_days: Setting::default(DEFAULT_HISTORY_DAYS),
            breakfast: Setting::default(meals.breakfast),
            lunch: Setting::default(meals.lunch),
            dinner: Setting::default(meals.dinner),
            hide_symptoms: Setting::default(Vec::new()),
            symptom_order: Setting::default(Vec::new()),
        }
    }
}

/// One line of `gutlog config show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The TOML table it belongs to (None: the top level).
    pub table: Option<&'static str>,
    pub key: &'static str,
    /// The value as TOML.
    pub value: String,
    pub source: Source,
}

impl Config {
    /// The defaults adjusted by the environment (no config file).
    pub fn defaults(env: Env) -> Config {
        let mut c = Config::default();
        if env.no_color {
            c.color = Setting {
                value: false,
                source: Source::Env("NO_COLOR"),
            };
        }
        c
    }

    /// Reads the config file at `location`. A missing file at the default
    /// location gives the defaults; a missing file that was asked for by
    /// name is an error, as is any bad key or value.
    pub fn load(location: Option<&Location>, env: Env) -> Result<Config, ConfigError> {
        let Some(loc) = location else {
            return Ok(Config::defaults(env));
        };
        let text = match std::fs::read(&loc.path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                ConfigError::whole_file(&loc.path, "is not UTF-8 text; save it as UTF-8")
            })?,
            // No file at the default place (or a file where a folder
            // should be, so no config can be there either).
            Err(e)
                if loc.origin != Origin::Given
                    && matches!(
                        e.kind(),
                        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                    ) =>
            {
                return Ok(Config::defaults(env));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ConfigError::whole_file(
                    &loc.path,
                    "does not exist (named by --config or GUTLOG_CONFIG); create it, or leave \
                     both unset to use ~/.config/gutlog/config.toml",
                ))
            }
            Err(e) if loc.path.is_dir() => {
                return Err(ConfigError::whole_file(
                    &loc.path,
                    &format!("is a directory ({e}); name the file, e.g. config.toml"),
                ))
            }
            Err(e) => {
                return Err(ConfigError::whole_file(
                    &loc.path,
                    &format!("cannot be read: {e}"),
                ))
            }
        };
        let mut config = Config::from_toml(&text, env)
            .map_err(|e| e.in_file(&loc.path.display().to_string()))?;
        config.file = Some(loc.path.clone());
        Ok(config)
    }

    /// Parses the text of a config file (strictly).
    pub fn from_toml(text: &str, env: Env) -> Result<Config, ConfigError> {
        file::parse(text, Config::defaults(env))
    }

    /// The meal windows, for `MealTimes::slot_for`.
    pub fn meal_times(&self) -> MealTimes {
        MealTimes {
            breakfast: self.breakfast.value,
            lunch: self.lunch.value,
            dinner: self.dinner.value,
        }
    }

    /// The slot of a meal eaten at `at`, by the configured meal times.
    pub fn slot_for(&self, at: chrono::NaiveDateTime) -> Slot {
        self.meal_times().slot_for(at.time())
    }

    /// Symptom ids in display order: those in `symptoms.order` first (in
    /// that order, when present in `ids`), then the rest as given; hidden
    /// ones left out.
    pub fn arrange_symptoms(&self, ids: &[String]) -> Vec<String> {
        let (order, hidden) = (&self.symptom_order.value, &self.hide_symptoms.value);
        order
            .iter()
            .filter(|id| ids.contains(id))
            .chain(ids.iter().filter(|id| !order.contains(id)))
            .filter(|id| !hidden.contains(id))
            .cloned()
            .collect()
    }

    /// Every setting with its effective value and source, in file order.
    pub fn entries(&self) -> Vec<Entry> {
        fn e(table: Option<&'static str>, key: &'static str, value: String, s: Source) -> Entry {
            Entry {
                table,
                key,
                value,
                source: s,
            }
        }
        let q = |s: &str| format!("\"{s}\"");
        let list = |v: &[String]| {
            format!(
                "[{}]",
                v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
            )
        };
        let (r, m, s) = (Some("report"), Some("meal_times"), Some("symptoms"));
        vec![
            e(
                None,
                "color",
                self.color.value.to_string(),
                self.color.source,
            ),
            e(
                None,
                "water_unit",
                q(self.water_unit.value.as_str()),
                self.water_unit.source,
            ),
            e(
                None,
                "first_day_of_week",
                q(weekday_name(self.first_day_of_week.value)),
                self.first_day_of_week.source,
            ),
            e(
                None,
                "reminder_hour",
                self.reminder_hour.value.to_string(),
                self.reminder_hour.source,
            ),
            e(
                r,
                "min_severity",
                self.min_severity.value.to_string(),
                self.min_severity.source,
            ),
            e(
                r,
                "history_days",
                self.history_days.value.to_string(),
                self.history_days.source,
            ),
            e(
                m,
                "breakfast",
                q(&self.breakfast.value.to_string()),
                self.breakfast.source,
            ),
            e(
                m,
                "lunch",
                q(&self.lunch.value.to_string()),
                self.lunch.source,
            ),
            e(
                m,
                "dinner",
                q(&self.dinner.value.to_string()),
                self.dinner.source,
            ),
            e(
                s,
                "hide",
                list(&self.hide_symptoms.value),
                self.hide_symptoms.source,
            ),
            e(
                s,
                "order",
                list(&self.symptom_order.value),
                self.symptom_order.source,
            ),
        ]
    }
}

/// "monday" … "sunday".
pub fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}
