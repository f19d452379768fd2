//! Symptoms, check-in, stools and medicines in few keys; undo of any
//! change; the cursor after a delete; a confirmation for every change.
//! Each flow presses keys, then reads the diary (the same file, opened
//! again) as well as the screen.

mod support;

use gutlog::tui::checkin::CheckField;
use gutlog::tui::rows::{Row, Section};
use support::{focus, message, press, screen, symptom_row, Diary};

fn levels(d: &Diary) -> Vec<(String, u8)> {
    let mut v: Vec<(String, u8)> = d
        .today()
        .symptoms
        .iter()
        .map(|r| (r.symptom.clone(), r.severity.level()))
        .collect();
    v.sort();
    v
}

#[test]
fn typing_letters_jumps_to_a_symptom() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>/f");
    assert_eq!(app.state.row(), Some(symptom_row(&app, "fatigue")));
    assert!(app.state.modal.is_none(), "one match: the jump is done");
    press(&mut app, "1");
    assert_eq!(levels(&d), vec![("fatigue".into(), 1)]);
    // Two symptoms start with b: the first is shown until a letter decides.
    press(&mut app, "/b");
    assert_eq!(app.state.row(), Some(symptom_row(&app, "bloating")));
    assert!(screen(&app, 80, 24).contains("Jump to a symptom: b"));
    press(&mut app, "r");
    assert_eq!(app.state.row(), Some(symptom_row(&app, "brain_fog")));
    assert!(app.state.modal.is_none());
    press(&mut app, "/x");
    assert!(message(&app).contains("No symptom starts with 'x'"));
    press(&mut app, "<Esc>");
    assert!(app.state.modal.is_none());
}

#[test]
fn one_key_rates_every_unrated_symptom_none() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>s2n");
    let all = levels(&d);
    assert_eq!(all.len(), 13);
    assert!(all.contains(&("bloating".into(), 2)));
    assert_eq!(all.iter().filter(|(_, l)| *l == 0).count(), 12);
    assert_eq!(message(&app), "Saved: 12 unrated symptoms rated none");
    press(&mut app, "n");
    assert_eq!(
        message(&app),
        "Every symptom already has a rating on this day."
    );
    press(&mut app, "u");
    assert_eq!(levels(&d), vec![("bloating".into(), 2)]);
}

#[test]
fn add_a_symptom_of_your_own() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>sa");
    assert!(screen(&app, 80, 24).contains("A symptom of your own to track"));
    press(&mut app, "hiccups<Enter>");
    assert_eq!(d.store().custom_symptoms().unwrap(), vec!["hiccups"]);
    assert_eq!(app.state.row(), Some(symptom_row(&app, "hiccups")));
    assert!(message(&app).contains("a symptom of your own: Hiccups"));
    press(&mut app, "1");
    assert_eq!(levels(&d), vec![("hiccups".into(), 1)]);
    // A name already tracked just goes there; a bad one says why.
    press(&mut app, "sareflux<Enter>");
    assert_eq!(app.state.row(), Some(symptom_row(&app, "heartburn")));
    press(&mut app, "sa!!<Enter>");
    assert!(message(&app).contains("must be 1–40 letters"));
    assert!(app.state.modal.is_some());
}

#[test]
fn one_key_goes_to_each_section_in_either_layout() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>3sy1");
    for width in [80, 60] {
        app.dispatch(gutlog::tui::action::Action::Resize(width, 24));
        for (key, sec) in [
            ("s", Section::Symptoms),
            ("c", Section::CheckIn),
            ("b", Section::Stools),
            ("i", Section::Intakes),
            ("p", Section::Plan),
            ("m", Section::Meals),
        ] {
            press(&mut app, key);
            assert_eq!(
                app.state.row().map(|r| r.section()),
                Some(sec),
                "{key} at {width}"
            );
        }
    }
}

#[test]
fn page_down_goes_through_sections_in_reading_order() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>3sy1m");
    let walk = |app: &mut gutlog::tui::App, key: &str| -> Vec<Section> {
        (0..6)
            .map(|_| {
                press(app, key);
                app.state.row().unwrap().section()
            })
            .collect()
    };
    use Section::*;
    // Two columns: down the left one, then the right one.
    assert_eq!(
        walk(&mut app, "<PgDn>"),
        vec![Stools, Intakes, RedFlags, Plan, Symptoms, CheckIn]
    );
    assert_eq!(
        walk(&mut app, "<PgUp>"),
        vec![Symptoms, Plan, RedFlags, Intakes, Stools, Meals]
    );
    // One column: the order on screen.
    app.dispatch(gutlog::tui::action::Action::Resize(60, 30));
    assert_eq!(
        walk(&mut app, "<PgDn>"),
        vec![Symptoms, CheckIn, Stools, Intakes, RedFlags, Plan]
    );
}

#[test]
fn the_check_in_takes_digits_and_typed_numbers() {
    let d = Diary::new();
    let mut app = d.app();
    // Scales: a digit sets it and moves on.
    press(&mut app, "<Esc>c513");
    // Sleep: Enter saves a number that could still grow; 6.5 saves itself.
    press(&mut app, "7<Enter>");
    assert_eq!(app.state.row(), Some(Row::CheckIn(CheckField::Water)));
    press(&mut app, "12"); // 12 glasses: no further digit fits
    press(&mut app, "150"); // 150 minutes: likewise
    let c = d
        .store()
        .checkin(support::clock().today())
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            c.mood,
            c.energy,
            c.stress,
            c.sleep_hours,
            c.water_glasses,
            c.movement_minutes
        ),
        (Some(5), Some(1), Some(3), Some(7.0), Some(12), Some(150))
    );
    assert_eq!(app.state.row(), Some(Row::CheckIn(CheckField::Note)));
    // A number that can never be valid says so at once, and is not saved.
    press(&mut app, "c<Down><Down><Down>25");
    assert!(
        message(&app).contains("sleep 25 hours is out of range"),
        "{}",
        message(&app)
    );
    press(&mut app, "<Esc>");
    let c = d
        .store()
        .checkin(support::clock().today())
        .unwrap()
        .unwrap();
    assert_eq!(c.sleep_hours, Some(7.0));
    // One glass is one glass.
    press(&mut app, "c<Down><Down><Down><Down>1<Enter>");
    assert!(screen(&app, 80, 24).contains("Water     ◂ ▸ 1 glass"));
}

#[test]
fn copy_yesterdays_check_in_but_not_its_note() {
    let d = Diary::with_history();
    let yesterday = support::clock().today() - chrono::Duration::days(1);
    let mut y = d.store().checkin(yesterday).unwrap().unwrap();
    y.note = Some("yesterday's note".into());
    d.store().put_checkin(&y, support::clock().now()).unwrap();
    let mut app = d.app();
    press(&mut app, "c4y");
    let c = d
        .store()
        .checkin(support::clock().today())
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            c.mood,
            c.energy,
            c.sleep_hours,
            c.water_glasses,
            c.movement_minutes,
            c.note
        ),
        (
            y.mood,
            y.energy,
            y.sleep_hours,
            y.water_glasses,
            y.movement_minutes,
            None
        )
    );
    assert!(message(&app).starts_with("Saved: yesterday's check-in copied"));
    press(&mut app, "u");
    let c = d
        .store()
        .checkin(support::clock().today())
        .unwrap()
        .unwrap();
    assert_eq!((c.mood, c.energy), (Some(4), None));
}

#[test]
fn stools_by_digit_or_form_with_a_typed_time() {
    let d = Diary::new();
    let mut app = d.app();
    // On the stool rows a digit logs that Bristol type now.
    press(&mut app, "<Esc>b5");
    // In the form's time field digits are the time, not the type.
    press(&mut app, "a6<Tab>0740<Enter>");
    let stools = d.today().stools;
    let got: Vec<(u8, String)> = stools
        .iter()
        .map(|s| (s.bristol.kind(), s.at.format("%H:%M").to_string()))
        .collect();
    assert_eq!(got, vec![(6, "07:40".into()), (5, "20:30".into())]);
}

#[test]
fn medicines_and_supplements_get_a_time() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>iazinc<Tab>9am<Enter>");
    let i = &d.today().intakes[0];
    assert_eq!(
        (i.name.as_str(), i.at.format("%H:%M").to_string()),
        ("zinc", "09:00".into())
    );
    assert_eq!(message(&app), "Saved: zinc at 09:00");
}

#[test]
fn undo_takes_back_every_kind_of_change_one_at_a_time() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>3sy"); // plan started (undoable too)
    press(&mut app, "1arice<Enter><Esc>"); // meal added
    focus(&mut app, Row::Meal(0));
    press(&mut app, "<Enter><End>, beans<Enter>"); // meal edited
    press(&mut app, "s2k"); // bloating moderate
    press(&mut app, "3"); // bloating severe (a severity change)
    press(&mut app, "c4"); // mood
    press(&mut app, "b4"); // stool
    press(&mut app, "f <Esc>"); // red flag
    press(&mut app, "p "); // plan step
    press(&mut app, "m"); // back to the meal, then delete it
    press(&mut app, "dy");
    assert!(d.today().meals.is_empty());
    let undo = |app: &mut gutlog::tui::App| {
        press(app, "u");
        message(app)
    };
    assert_eq!(undo(&mut app), "Undid: breakfast at 08:00: rice, beans");
    assert_eq!(d.today().meals[0].foods, vec!["rice", "beans"]);
    assert_eq!(undo(&mut app), "Undid: plan day 1 ticked");
    assert!(!d.store().current_plan().unwrap().unwrap().is_ticked(1));
    assert!(undo(&mut app).starts_with("Undid: red flag ticked"));
    assert!(d.today().red_flags.is_empty());
    assert_eq!(undo(&mut app), "Undid: stool type 4 at 20:30");
    assert!(d.today().stools.is_empty());
    assert_eq!(undo(&mut app), "Undid: mood 4/5");
    assert_eq!(d.store().checkin(support::clock().today()).unwrap(), None);
    assert_eq!(undo(&mut app), "Undid: bloating severe");
    assert_eq!(levels(&d), vec![("bloating".into(), 2)]);
    assert_eq!(undo(&mut app), "Undid: bloating moderate");
    assert!(levels(&d).is_empty());
    assert_eq!(undo(&mut app), "Undid: breakfast at 08:00: rice, beans");
    assert_eq!(d.today().meals[0].foods, vec!["rice"]);
    assert_eq!(undo(&mut app), "Undid: breakfast at 08:00: rice");
    assert!(d.today().meals.is_empty());
    assert!(undo(&mut app).starts_with("Undid: the 7-day plan"));
    assert!(d.store().current_plan().unwrap().is_none());
    assert_eq!(undo(&mut app), "Nothing to undo.");
}

#[test]
fn after_a_delete_the_cursor_stays_in_its_section() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>arice<Enter><Esc>");
    focus(&mut app, Row::Meal(0));
    press(&mut app, "dy");
    assert_eq!(app.state.row(), Some(Row::NoMeals));
    // The next digit does not rate a symptom by surprise.
    press(&mut app, "2");
    assert!(d.today().symptoms.is_empty());
    press(&mut app, "1b4b6");
    focus(&mut app, Row::Stool(1));
    press(&mut app, "dy");
    assert_eq!(app.state.row(), Some(Row::Stool(0)));
}

#[test]
fn every_change_says_what_was_saved() {
    let d = Diary::new();
    let mut app = d.app();
    let mut said = |keys: &str| {
        press(&mut app, keys);
        message(&app)
    };
    assert_eq!(said("<Esc>s2"), "Saved: bloating moderate");
    assert_eq!(said("c3"), "Saved: mood 3/5");
    assert_eq!(
        said("<Down><Down><Down><Down><Down><Enter>calm day<Enter>"),
        "Saved: note \"calm day\""
    );
    assert_eq!(said("b4"), "Saved: stool type 4 at 20:30");
    assert_eq!(said("iaprobiotic<Enter>"), "Saved: probiotic at 20:30");
    assert_eq!(said(" "), "Deleted probiotic at 20:30. u undoes it.");
    assert!(said("f <Esc>").starts_with("Saved: red flag ticked: "));
    assert!(said("3sy").starts_with("Saved: the 7-day plan, starting 20 Nov"));
    assert_eq!(said(" "), "Saved: plan day 1 ticked");
    assert_eq!(said("jjjjjjjjjj "), "Saved: habit kept: Time to unwind");
}
