//! Shared helpers for the TUI tests: an app on a temp-file diary with a
//! pinned clock, keys written as a tiny string language, and screen text
//! from a TestBackend (csvlens-style step-and-draw).
#![allow(dead_code)]

pub mod evening;

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gutlog::config::{Config, Env};
use gutlog::tui::App;
use gutlog::{Clock, Store};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::PathBuf;

pub const NOW: &str = "2026-11-20T20:30:00";

pub fn clock() -> Clock {
    Clock::fixed(NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M:%S").unwrap())
}

pub struct Diary {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Diary {
    pub fn new() -> Diary {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("diary.db");
        Diary { dir, path }
    }

    /// A diary with a few days of the synthetic demo.
    pub fn seeded() -> Diary {
        let d = Diary::new();
        let mut store = Store::open(&d.path).unwrap();
        let ex = gutlog::demo::generate(21, 7, clock().today());
        store.import(&ex).unwrap();
        d
    }

    pub fn app(&self) -> App {
        self.app_with(Config::default())
    }

    /// The app with these settings (see `settings`).
    pub fn app_with(&self, config: Config) -> App {
        App::new(Store::open(&self.path).unwrap(), clock(), config).unwrap()
    }

    /// A diary with the 14 days of history before the evening of issue 9
    /// (meals usually at 08:00, 12:30 and 19:30).
    pub fn with_history() -> Diary {
        let d = Diary::new();
        d.store().import(&evening::history()).unwrap();
        d
    }

    /// The app opened at `at` ("HH:MM" on the pinned day).
    pub fn app_at(&self, hhmm: &str) -> App {
        let t = chrono::NaiveTime::parse_from_str(hhmm, "%H:%M").unwrap();
        let now = clock().today().and_time(t);
        App::new(
            Store::open(&self.path).unwrap(),
            Clock::fixed(now),
            Config::default(),
        )
        .unwrap()
    }

    /// Everything saved for the pinned date, read through a fresh connection.
    pub fn today(&self) -> gutlog::domain::DayLog {
        self.store().day(clock().today()).unwrap()
    }

    /// The same file opened again, as another process would.
    pub fn store(&self) -> Store {
        Store::open(&self.path).unwrap()
    }
}

/// Settings as a config file would give them (parsed strictly, as at
/// start-up), with no NO_COLOR in the environment.
pub fn settings(toml: &str) -> Config {
    Config::from_toml(toml, Env::default()).expect("valid settings")
}

/// The default settings under NO_COLOR, as `config::Env` reads it.
pub fn no_color() -> Config {
    Config::defaults(Env { no_color: true })
}

/// Parses "a<Enter>pasta<Esc><C-c>" into key events.
pub fn keys(spec: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
            let (code, mods) = match name.as_str() {
                "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "Up" => (KeyCode::Up, KeyModifiers::NONE),
                "Down" => (KeyCode::Down, KeyModifiers::NONE),
                "Left" => (KeyCode::Left, KeyModifiers::NONE),
                "Right" => (KeyCode::Right, KeyModifiers::NONE),
                "BS" => (KeyCode::Backspace, KeyModifiers::NONE),
                "Del" => (KeyCode::Delete, KeyModifiers::NONE),
                "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
                "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
                "Home" => (KeyCode::Home, KeyModifiers::NONE),
                "End" => (KeyCode::End, KeyModifiers::NONE),
                "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
                "F1" => (KeyCode::F(1), KeyModifiers::NONE),
                c if c.starts_with("C-") || c.starts_with("M-") => {
                    let ch = c[2..].chars().next().expect("a key after C- or M-");
                    let m = if c.starts_with("C-") {
                        KeyModifiers::CONTROL
                    } else {
                        KeyModifiers::ALT
                    };
                    (KeyCode::Char(ch), m)
                }
                other => panic!("unknown key <{other}>"),
            };
            out.push(KeyEvent::new(code, mods));
        } else {
            out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }
    out
}

pub fn press(app: &mut App, spec: &str) {
    for k in keys(spec) {
        app.key(k);
    }
}

/// Presses keys at a given time of the pinned day ("HH:MM"), as the loop
/// passes the clock with every key.
pub fn press_at(app: &mut App, hhmm: &str, spec: &str) {
    let t = chrono::NaiveTime::parse_from_str(hhmm, "%H:%M").unwrap();
    press_on(app, clock().today().and_time(t), spec);
}

/// Presses keys at a given date-time.
pub fn press_on(app: &mut App, at: NaiveDateTime, spec: &str) {
    for k in keys(spec) {
        app.tick(at);
        app.key(k);
    }
}

/// The Today row of a symptom.
pub fn symptom_row(app: &App, id: &str) -> gutlog::tui::rows::Row {
    let ids = &app.state.today.rows.symptom_ids;
    gutlog::tui::rows::Row::Symptom(ids.iter().position(|s| s == id).unwrap())
}

/// The status line's message, or "" when there is none.
pub fn message(app: &App) -> String {
    app.state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// The status line's key hints (any message cleared first), 200 wide.
pub fn status(app: &App) -> String {
    let mut state = app.state.clone();
    state.message = None;
    let mut term = Terminal::new(TestBackend::new(200, 30)).unwrap();
    term.draw(|f| gutlog::tui::views::draw(f, &state)).unwrap();
    let buf = term.backend().buffer();
    (0..200)
        .map(|x| buf[(x, 29)].symbol().to_string())
        .collect()
}

/// Draws the app at `w`×`h` and returns the screen as text lines.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.draw(&mut term).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            // A wide character's cell is followed by filler cells.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen's words in one line (borders dropped, whitespace squeezed),
/// to find a sentence that wraps.
pub fn words(app: &App, w: u16, h: u16) -> String {
    screen(app, w, h)
        .replace(['│', '┌', '┐', '└', '┘', '─'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Moves the Today cursor onto `row` with j/k, as a user would.
pub fn focus(app: &mut App, row: gutlog::tui::rows::Row) {
    let target = app
        .state
        .today
        .rows
        .position(row)
        .expect("row is on screen");
    let here = app.state.today.cursor;
    let (key, n) = if target >= here {
        ("j", target - here)
    } else {
        ("k", here - target)
    };
    press(app, &key.repeat(n));
    assert_eq!(app.state.today.cursor, target);
}

/// Logs a typical evening for the pinned date straight through the store.
pub fn log_evening(store: &mut Store) {
    use gutlog::domain::*;
    let today = clock().today();
    let at = |h, m| today.and_hms_opt(h, m, 0).unwrap();
    let now = clock().now();
    store
        .add_meal(
            &Meal {
                id: new_id(),
                at: at(8, 0),
                slot: Slot::Breakfast,
                foods: vec!["oats".into(), "kefir".into(), "blueberries".into()],
                tags: vec!["fermented".into(), "whole_food".into()],
                note: None,
            },
            &[],
            now,
        )
        .unwrap();
    store
        .add_meal(
            &Meal {
                id: new_id(),
                at: at(19, 15),
                slot: Slot::Dinner,
                foods: vec!["salmon".into(), "rice".into(), "寿司 🍣".into()],
                tags: vec!["healthy_fat".into(), "whole_food".into()],
                note: Some("ate late".into()),
            },
            &[],
            now,
        )
        .unwrap();
    for (id, level) in [
        ("bloating", 2),
        ("gas", 1),
        ("fatigue", 3),
        ("heartburn", 0),
    ] {
        store
            .set_symptom_for_day(
                &SymptomRating {
                    id: new_id(),
                    at: at(20, 0),
                    symptom: id.into(),
                    severity: Severity::new(level).unwrap(),
                    note: None,
                },
                now,
            )
            .unwrap();
    }
    store
        .put_checkin(
            &CheckIn {
                date: today,
                mood: Some(4),
                energy: Some(3),
                stress: Some(2),
                sleep_hours: Some(7.5),
                water_glasses: Some(8),
                movement_minutes: Some(30),
                note: Some("long walk 🚶".into()),
            },
            now,
        )
        .unwrap();
    store
        .add_stool(&Stool {
            id: new_id(),
            at: at(7, 40),
            bristol: Bristol::new(4).unwrap(),
        })
        .unwrap();
    store
        .add_intake(&Intake {
            id: new_id(),
            at: at(8, 5),
            name: "probiotic".into(),
            kind: IntakeKind::Probiotic,
        })
        .unwrap();
}
