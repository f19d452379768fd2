//! Every screen and overlay drawn at every size from 1×1 to 40×15 (and a
//! few larger ones): nothing panics, and small sizes say what they need.

mod support;

use gutlog::tui::action::Action;
use support::{press, screen, Diary};

const STATES: &[&str] = &[
    "",
    "f<Down> ",
    "2",
    "2/rice<Enter>",
    "3",
    "4",
    "4j",
    "4[[[",
    "f<Down> <Esc>4",
    "4?",
    "5",
    "5G",
    "?",
    "3s",
    "apasta, 寿司 🍣",
    "ba",
    "ba<Tab>",
    "ia",
    "ia<Tab>",
    "f",
    "/b",
    "c",
    "c<Down><Down><Down>6",
    "4<Enter>",
    "?<PgDn>",
    "r",
    "<End>",
];

#[test]
fn every_screen_at_every_small_size() {
    let d = Diary::seeded();
    for keys in STATES {
        let mut app = d.app();
        press(&mut app, keys);
        for w in 1..=40 {
            for h in 1..=15 {
                app.dispatch(Action::Resize(w, h));
                let _ = screen(&app, w, h);
            }
        }
        for (w, h) in [(41, 12), (60, 20), (79, 23), (200, 60), (300, 100)] {
            app.dispatch(Action::Resize(w, h));
            let _ = screen(&app, w, h);
        }
    }
}

#[test]
fn welcome_at_every_small_size() {
    let d = Diary::new();
    let app = d.app();
    for w in 1..=40 {
        for h in 1..=15 {
            let _ = screen(&app, w, h);
        }
    }
}

#[test]
fn too_small_says_what_it_needs() {
    let d = Diary::new();
    let app = d.app();
    let shown = screen(&app, 39, 11);
    assert!(shown.contains("terminal too small"), "{shown}");
    assert!(shown.contains("40×12"), "{shown}");
}
