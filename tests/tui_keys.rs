//! The key table tells the truth: every form and field has its own
//! context, so the status line and `?` list exactly the keys that work
//! there; a row's hint shows only what works on that row; help pages; and
//! messages name keys from the table.

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gutlog::tui::action::Action;
use gutlog::tui::keymap::{key_for, lookup, status_bindings, Context};
use gutlog::tui::rows::Row;
use support::{focus, press, screen, status, Diary};

/// Places to check: a key spec to get there from a fresh, seeded app.
const PLACES: &[&str] = &[
    "",
    "m",
    "s",
    "c",
    "c<Down><Down><Down>",
    "c<Down><Down><Down><Down><Down><Down>",
    "b",
    "i",
    "f",
    "fp",
    "fp<Tab>",
    "p",
    "a",
    "a<Up>",
    "a<Up><Up>",
    "a<Down>",
    "ba",
    "ba<Tab>",
    "ia",
    "ia<Tab>",
    "/",
    "c<Down><Down><Down>6",
    "r",
    "2",
    "3",
    "4",
    "4<Enter>",
    "5",
    "?",
    "a<F1>",
    "3s",
    "sa",
];

#[test]
fn every_key_the_status_line_shows_does_what_it_says() {
    let d = Diary::seeded();
    for place in PLACES {
        let mut app = d.app();
        press(&mut app, place);
        let contexts = app.state.contexts();
        let shown = status_bindings(&contexts);
        assert!(!shown.is_empty(), "{place:?}: no keys shown");
        for h in shown {
            let b = h.binding;
            for k in &h.keys {
                if k.code == KeyCode::Null {
                    continue; // "text": any character
                }
                let ev = KeyEvent::new(k.code, k.mods);
                let got = lookup(&contexts, &ev);
                let want = match (&b.action, k.code) {
                    (Action::Digit(_), KeyCode::Char(c)) => {
                        Action::Digit(c.to_digit(10).unwrap() as u8)
                    }
                    (a, _) => a.clone(),
                };
                assert_eq!(got, Some(want), "{place:?}: {} {}", k.label(), b.help);
            }
        }
    }
}

#[test]
fn forms_show_their_own_keys() {
    let d = Diary::seeded();
    let mut app = d.app();
    press(&mut app, "ba");
    let s = status(&app);
    assert!(s.contains("1-7 choose the Bristol type"), "{s}");
    assert!(s.contains("Tab/S-Tab edit the time"), "{s}");
    assert!(!s.contains("complete"), "{s}");
    press(&mut app, "<Tab>");
    let s = status(&app);
    assert!(s.contains("Tab/S-Tab choose the type"), "{s}");
    assert!(!s.contains("1-7"), "{s}");
    press(&mut app, "<Esc>ma");
    let s = status(&app);
    assert!(s.contains("Tab complete the food, or next field"), "{s}");
    press(&mut app, "<Up>");
    let s = status(&app);
    assert!(
        s.contains("Tab/↓ next field") && !s.contains("complete"),
        "{s}"
    );
    press(&mut app, "<Up>");
    assert!(status(&app).contains("← previous slot"));
}

#[test]
fn a_rows_hint_shows_only_what_works_on_that_row() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    assert!(!status(&app).contains("delete"), "no meal to delete yet");
    press(&mut app, "arice<Enter><Esc>");
    focus(&mut app, Row::Meal(0));
    assert!(status(&app).contains("d delete it"));
    press(&mut app, "c");
    let s = status(&app);
    assert!(
        s.contains("1-5 set 1-5, then next row") && !s.contains("delete"),
        "{s}"
    );
    press(&mut app, "s");
    assert!(status(&app).contains("0-3 rate none/mild/moderate/severe"));
    press(&mut app, "i");
    let s = status(&app);
    assert!(
        s.contains("a add a medicine or supplement") && !s.contains("toggle"),
        "{s}"
    );
}

#[test]
fn help_has_pages_and_works_inside_forms() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>?");
    let first = screen(&app, 80, 24);
    let pages = first
        .split("page 1 of ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse::<u16>().ok())
        .expect("page 1 of N");
    assert!(pages > 2, "{first}");
    press(&mut app, "<PgDn>");
    assert!(screen(&app, 80, 24).contains(&format!("page 2 of {pages}")));
    press(&mut app, "<End>");
    assert!(screen(&app, 80, 24).contains(&format!("page {pages} of {pages}")));
    press(&mut app, "<PgUp><Home>");
    assert!(screen(&app, 80, 24).contains(&format!("page 1 of {pages}")));
    press(&mut app, "<Esc>");
    assert!(app.state.help.is_none());
    // F1 opens it over a form, with the form's keys first; Esc goes back.
    press(&mut app, "a<F1>");
    let shown = screen(&app, 80, 24);
    let form_at = shown
        .find("Meal form: foods field")
        .expect("form keys listed");
    let global_at = shown.find("All screens").unwrap_or(usize::MAX);
    assert!(form_at < global_at, "{shown}");
    press(&mut app, "<Esc>");
    assert!(app.state.help.is_none());
    assert!(matches!(
        app.state.modal,
        Some(gutlog::tui::state::Modal::Meal(_))
    ));
}

#[test]
fn messages_name_keys_from_the_table() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    let add = key_for(Context::Today, &Action::Add);
    let repeat = key_for(Context::Today, &Action::Repeat);
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains(&format!("(none yet: {add} adds one, {repeat} repeats one)")),
        "{shown}"
    );
    press(&mut app, "b4");
    focus(&mut app, Row::Stool(0));
    press(&mut app, "d");
    let undo = key_for(Context::Global, &Action::Undo);
    assert!(screen(&app, 80, 24).contains(&format!("({undo} undoes it)")));
    // The content's texts leave keys to the table.
    let raw = gutlog::content::FILES
        .iter()
        .find(|(n, _)| *n == "tui.json")
        .unwrap()
        .1;
    for needle in ["press s", "press u", "(u ", "Esc ", " f opens", "Tab:"] {
        let hits = raw.matches(needle).count();
        assert!(
            needle == "Tab:" || hits == 0,
            "tui.json names a key: {needle}"
        );
    }
}

#[test]
fn keys_with_modifiers_are_labelled() {
    let ev = KeyEvent::new(KeyCode::Char('b'), KeyModifiers::ALT);
    let got = lookup(&[Context::MealForm], &ev);
    assert_eq!(got, Some(Action::PickSlot(gutlog::domain::Slot::Breakfast)));
    assert_eq!(
        key_for(
            Context::MealForm,
            &Action::PickSlot(gutlog::domain::Slot::Lunch)
        ),
        "C-l"
    );
}
