//! Shared helpers for the TUI tests: an app on a temp-file diary with a
//! pinned clock, keys written as a tiny string language, and screen text
//! from a TestBackend (csvlens-style step-and-draw).
#![allow(dead_code)]

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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
        App::new(Store::open(&self.path).unwrap(), clock(), true).unwrap()
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
                "C-c" => (KeyCode::Char('c'), KeyModifiers::CONTROL),
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

/// Moves the Today cursor onto `row` with j/k, as a user would.
pub fn focus(app: &mut App, row: gutlog::tui::today::Row) {
    let rows = gutlog::tui::today::rows(&app.state);
    let target = rows
        .iter()
        .position(|r| *r == row)
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
