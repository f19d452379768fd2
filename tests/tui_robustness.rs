//! The check-in screen under abuse: random resizes between random keys on
//! every screen, random Unicode in every text field, a 100 KB paste, and
//! entries written by another process while it is open.

mod support;

use gutlog::tui::action::Action;
use gutlog::tui::rows::{Row, Section};
use gutlog::tui::state::Modal;
use support::{focus, keys, press, screen, Diary};

/// Keys a user might press anywhere (and some nobody would).
const KEYS: &[&str] = &[
    "1",
    "2",
    "3",
    "5",
    "<Tab>",
    "<BackTab>",
    "[",
    "]",
    "t",
    "?",
    "<Esc>",
    "j",
    "k",
    "<Up>",
    "<Down>",
    "<Left>",
    "<Right>",
    "<Enter>",
    "a",
    "d",
    "u",
    "r",
    "f",
    " ",
    "0",
    "3",
    "x",
    "+",
    "-",
    "s",
    "e",
    "g",
    "G",
    "/",
    "<PgDn>",
    "<PgUp>",
    "<Home>",
    "<End>",
    "<BS>",
    "n",
    "y",
];

#[test]
fn random_resizes_between_random_keys_never_panic() {
    let d = Diary::seeded();
    let mut rng = fastrand::Rng::with_seed(1120);
    let mut frames = 0;
    for _ in 0..40 {
        let mut app = d.app();
        for _ in 0..120 {
            if rng.u8(..4) == 0 {
                let (w, h) = (rng.u16(1..220), rng.u16(1..70));
                app.dispatch(Action::Resize(w, h));
                let _ = screen(&app, w, h);
                frames += 1;
            } else {
                let k = KEYS[rng.usize(..KEYS.len())];
                // q would end the session early; keep going instead.
                for ev in keys(k) {
                    app.key(ev);
                }
            }
            if app.state.quit {
                break;
            }
        }
    }
    assert!(frames > 500, "only {frames} frames drawn");
}

/// Unicode that trips up terminals and text handling.
fn nasty(rng: &mut fastrand::Rng) -> String {
    const PARTS: &[&str] = &[
        "寿司",
        "麻婆豆腐",
        "👩‍👩‍👧",
        "🏳️‍🌈",
        "🍣",
        "e\u{301}",
        "n\u{303}",
        "\u{200d}",
        "فلافل",
        "\u{202e}evil",
        "שלום",
        "\u{1b}[31m",
        "\u{7}",
        "\u{0}",
        "\t",
        "\n",
        "ﬁ",
        "ẞ",
        " ",
        ",",
        "a",
        "Z",
        "😀\u{fe0f}",
        "\u{feff}",
        "🇯🇵",
    ];
    (0..rng.usize(1..12))
        .map(|_| PARTS[rng.usize(..PARTS.len())])
        .collect()
}

/// What a field keeps of typed or pasted text: one line, no control characters.
fn kept(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect()
}

#[test]
fn random_unicode_in_every_text_field_is_kept_or_cleanly_refused() {
    let mut rng = fastrand::Rng::with_seed(2026);
    for round in 0..60 {
        let d = Diary::new();
        let mut app = d.app();
        press(&mut app, "<Esc>");
        let text = nasty(&mut rng);

        // A meal's foods and note (Tab moves on when there is no completion;
        // Down is used instead to move between fields without completing).
        press(&mut app, "a");
        app.paste(&format!("rice,{text}"));
        press(&mut app, "<Down><Down>");
        app.paste(&text);
        press(&mut app, "<Enter>");
        let _ = screen(&app, 80, 24);
        let day = d.today();
        if let Some(meal) = day.meals.first() {
            let foods = gutlog::domain::food::split_foods(&kept(&format!("rice,{text}")));
            assert_eq!(meal.foods, foods, "round {round}: foods {text:?}");
            let note = kept(&text);
            assert_eq!(
                meal.note.as_deref().unwrap_or(""),
                note.trim(),
                "round {round}"
            );
        } else {
            // Refused: the form is still open with a message.
            assert!(app.state.modal.is_some(), "round {round}: meal vanished");
        }
        // Either the refused form, or the next meal of the day offered.
        if app.state.modal.is_some() {
            press(&mut app, "<Esc>");
        }

        // The check-in note, the intake name, the journal search, the reflection.
        focus(
            &mut app,
            Row::CheckIn(gutlog::tui::checkin::CheckField::Note),
        );
        press(&mut app, "<Enter>");
        app.paste(&text);
        press(&mut app, "<Enter>");
        let c = d.store().checkin(support::clock().today()).unwrap();
        if !kept(&text).trim().is_empty() {
            assert_eq!(
                c.and_then(|c| c.note).as_deref(),
                Some(kept(&text).trim()),
                "round {round}"
            );
        }
        press(&mut app, "<Esc>2/");
        app.paste(&text);
        press(&mut app, "<Enter><Esc>3se");
        app.paste(&text);
        press(&mut app, "<Enter><Esc>1");
        for (w, h) in [(80, 24), (41, 12), (200, 60)] {
            let _ = screen(&app, w, h);
        }
    }
}

/// Every field of every form (meal: slot, time, foods, tags, note; stool:
/// time; intake: name; the prompts) gets random Unicode; saving either
/// works or leaves the form open with a message, and the diary stays sound.
#[test]
fn random_unicode_in_every_form_field_never_panics() {
    let mut rng = fastrand::Rng::with_seed(77);
    let d = Diary::seeded();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    // Each form is opened with `a` on a row of its section.
    let sections = [Section::Meals, Section::Stools, Section::Intakes];
    let mut opened = std::collections::BTreeSet::new();
    for round in 0..80 {
        press(&mut app, "1");
        let want = sections[round % sections.len()];
        let row = *app
            .state
            .today
            .rows
            .rows
            .iter()
            .find(|r| r.section() == want)
            .expect("every section has a row");
        focus(&mut app, row);
        press(&mut app, "a");
        opened.insert(match &app.state.modal {
            Some(Modal::Meal(_)) => "meal",
            Some(Modal::Stool(_)) => "stool",
            Some(Modal::Intake(_)) => "intake",
            _ => "other",
        });
        for _ in 0..6 {
            app.paste(&nasty(&mut rng));
            for ev in keys(["<Down>", "<Tab>", "<Left>", "<BS>", "<Del>"][rng.usize(..5)]) {
                app.key(ev);
            }
        }
        press(&mut app, "<Enter>");
        let _ = screen(&app, 80, 24);
        if app.state.modal.is_some() {
            press(&mut app, "<Esc>");
        }
    }
    for form in ["meal", "stool", "intake"] {
        assert!(
            opened.contains(form),
            "the {form} form was never opened: {opened:?}"
        );
    }
    let health = d.store().health().unwrap();
    assert!(health.is_healthy());
}

#[test]
fn a_100_kb_paste_is_capped_with_a_message() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>a");
    let huge = "oats, ".repeat(100 * 1024 / 6);
    let started = std::time::Instant::now();
    app.paste(&huge);
    let shown = screen(&app, 80, 24);
    assert!(started.elapsed().as_secs() < 5, "a big paste must not hang");
    let message = app
        .state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        message.contains("100 KB") && message.contains("kept the first"),
        "{message}"
    );
    assert!(shown.contains("Paste too long"), "{shown}");
    press(&mut app, "<Enter>");
    let day = d.today();
    let total: usize = day.meals.iter().map(|m| m.foods.join(", ").len()).sum();
    assert!(total <= gutlog::domain::MAX_TEXT_BYTES);
}

#[test]
fn entries_from_another_process_appear_on_the_next_refresh() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    assert!(!app.refresh_if_changed().unwrap(), "nothing changed yet");
    // `gutlog log meal …` in another terminal: another connection.
    let mut other = d.store();
    let now = support::clock().now();
    other
        .add_meal(
            &gutlog::domain::Meal {
                id: gutlog::domain::new_id(),
                at: now,
                slot: gutlog::domain::Slot::Snack,
                foods: vec!["plantain chips".into()],
                tags: vec![],
                note: None,
            },
            &[],
            now,
        )
        .unwrap();
    assert!(app.refresh_if_changed().unwrap());
    assert!(screen(&app, 80, 24).contains("plantain chips"));
    // The app's own writes do not count as someone else's.
    press(&mut app, "apear<Enter>");
    assert!(!app.refresh_if_changed().unwrap());
}
