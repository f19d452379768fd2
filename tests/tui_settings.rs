//! The settings file on the check-in screen (issue 14): colour, the
//! symptoms shown and their order, meal times, the water unit, the first
//! day of the week, and the reminder that yesterday has nothing logged.
//! Key-driven flows that check the database.

mod support;

use chrono::{Duration, NaiveDate, Timelike};
use gutlog::domain::{new_id, Meal, Severity, Slot, SymptomRating};
use gutlog::tui::checkin::CheckField;
use gutlog::tui::rows::Row;
use support::{focus, message, press, press_at, screen, settings, status, words, Diary};

fn today() -> NaiveDate {
    support::clock().today()
}

fn meal_on(date: NaiveDate, hh: u32, foods: &str) -> Meal {
    Meal {
        id: new_id(),
        at: date.and_hms_opt(hh, 0, 0).unwrap(),
        slot: Slot::Lunch,
        foods: vec![foods.into()],
        tags: vec![],
        note: None,
    }
}

#[test]
fn color_false_in_the_settings_turns_colour_off() {
    let d = Diary::seeded();
    for (config, coloured) in [
        (settings(""), true),
        (settings("color = false"), false),
        (support::no_color(), false),
        // The file wins over NO_COLOR (config::Env reads it once).
        (
            gutlog::config::Config::from_toml(
                "color = true",
                gutlog::config::Env { no_color: true },
            )
            .unwrap(),
            true,
        ),
    ] {
        let mut app = d.app_with(config);
        for keys in ["", "4", "2"] {
            press(&mut app, keys);
            let mut term =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
            app.draw(&mut term).unwrap();
            let any_colour = term.backend().buffer().content().iter().any(|c| {
                c.fg != ratatui::style::Color::Reset || c.bg != ratatui::style::Color::Reset
            });
            assert_eq!(any_colour, coloured, "{keys:?}");
        }
    }
}

#[test]
fn symptoms_hide_and_order_arrange_todays_rows() {
    let d = Diary::new();
    let config = settings(
        r#"
[symptoms]
hide = ["joint pain", "brain fog"]
order = ["heartburn", "bloating"]
"#,
    );
    let mut app = d.app_with(config);
    press(&mut app, "<Esc>");
    let ids = app.state.today.rows.symptom_ids.clone();
    assert_eq!(ids[..3], ["heartburn", "bloating", "gas"]);
    assert!(!ids.contains(&"joint_pain".to_string()), "{ids:?}");
    assert!(!ids.contains(&"brain_fog".to_string()), "{ids:?}");
    let shown = screen(&app, 120, 40);
    assert!(!shown.contains("Joint pain") && !shown.contains("Brain fog"));
    // The first symptom row is heartburn: `s` then a digit rates it.
    press(&mut app, "s3");
    let day = d.today();
    assert_eq!(day.symptoms.len(), 1);
    assert_eq!(day.symptoms[0].symptom, "heartburn");
    assert_eq!(day.symptoms[0].severity.level(), 3);
    // "Every unrated symptom none" means every one shown: not the hidden.
    press(&mut app, "n");
    let rated: Vec<String> = d.today().symptoms.into_iter().map(|r| r.symptom).collect();
    assert_eq!(rated.len(), ids.len());
    assert!(!rated.contains(&"joint_pain".to_string()), "{rated:?}");
    // A hidden symptom rated (say from the command line) keeps its row
    // that day: nothing logged is out of sight.
    d.store()
        .set_symptom_for_day(
            &SymptomRating {
                id: new_id(),
                at: support::clock().now(),
                symptom: "joint_pain".into(),
                severity: Severity::new(2).unwrap(),
                note: None,
            },
            support::clock().now(),
        )
        .unwrap();
    assert!(app.refresh_if_changed().unwrap());
    assert_eq!(
        app.state.today.rows.symptom_ids.last().unwrap(),
        "joint_pain"
    );
    assert!(screen(&app, 120, 40).contains("Joint pain"));
    // With the default settings every catalogue symptom is a row, in order.
    let app = d.app();
    let ids = &app.state.today.rows.symptom_ids;
    assert_eq!(ids[..3], ["bloating", "gas", "diarrhea"]);
    assert!(ids.contains(&"brain_fog".to_string()));
}

#[test]
fn meal_times_choose_the_slot_and_the_times_offered() {
    let d = Diary::new();
    let config = settings(
        r#"
[meal_times]
breakfast = "06:00-07:30"
lunch = "11:00-14:00"
dinner = "20:00-23:00"
"#,
    );
    let mut app = d.app_with(config.clone());
    press_at(&mut app, "22:00", "<Esc>");
    // No meals yet: each meal is offered inside its window, at the
    // common time when the window has it (lunch 12:30), else its middle
    // (breakfast 06:45); dinner's middle, 21:30, is near now: now.
    let offered = |app: &gutlog::tui::App| match &app.state.modal {
        Some(gutlog::tui::state::Modal::Meal(f)) => (f.slot, f.time.text().to_string()),
        _ => panic!("no meal form"),
    };
    press_at(&mut app, "22:00", "a");
    assert_eq!(offered(&app), (Slot::Breakfast, "06:45".into()));
    press_at(&mut app, "22:00", "oats<Enter>");
    assert_eq!(offered(&app), (Slot::Lunch, "12:30".into()));
    press_at(&mut app, "22:00", "soup<Enter>");
    assert_eq!(offered(&app), (Slot::Dinner, "22:00".into()));
    press_at(&mut app, "22:00", "pasta<Enter>");
    let slots: Vec<(Slot, String)> = d
        .today()
        .meals
        .iter()
        .map(|m| (m.slot, m.at.format("%H:%M").to_string()))
        .collect();
    assert_eq!(
        slots,
        [
            (Slot::Breakfast, "06:45".into()),
            (Slot::Lunch, "12:30".into()),
            (Slot::Dinner, "22:00".into())
        ]
    );
    // A typed time chooses its slot by the configured windows: 22:30 is
    // dinner here (a snack by the defaults), 07:45 a snack (breakfast by
    // the defaults).
    press_at(&mut app, "23:00", "a");
    assert_eq!(offered(&app).0, Slot::Snack, "23:00 is after dinner");
    press_at(&mut app, "23:00", "<Up>2230");
    assert_eq!(offered(&app).0, Slot::Dinner);
    press_at(&mut app, "23:00", "<Down>wine<Enter>");
    press_at(&mut app, "23:00", "a<Up>0745");
    assert_eq!(offered(&app).0, Slot::Snack);
    press_at(&mut app, "23:00", "<Down>apple<Enter>");
    let meals = d.today().meals;
    let slot_at = |hhmm: &str| {
        meals
            .iter()
            .find(|m| m.at.format("%H:%M").to_string() == hhmm)
            .map(|m| m.slot)
    };
    assert_eq!(slot_at("22:30"), Some(Slot::Dinner));
    assert_eq!(slot_at("07:45"), Some(Slot::Snack));
    // The same keys under the default windows.
    let d2 = Diary::new();
    let mut app = d2.app();
    press_at(&mut app, "23:00", "<Esc>a<Up>0745");
    assert_eq!(offered(&app).0, Slot::Breakfast);
    press_at(&mut app, "23:00", "<Esc>a<Up>2230");
    assert_eq!(offered(&app).0, Slot::Snack);
    // Once meals are logged, their own usual time wins over the window.
    let d3 = Diary::new();
    let mut store = d3.store();
    for back in 1..=5 {
        let mut m = meal_on(today() - Duration::days(back), 7, "eggs");
        m.at = m.at.with_minute(10).unwrap();
        m.slot = Slot::Breakfast;
        store.add_meal(&m, &[], support::clock().now()).unwrap();
    }
    let mut app = d3.app_with(config);
    press_at(&mut app, "10:00", "a");
    assert_eq!(offered(&app), (Slot::Breakfast, "07:10".into()));
}

#[test]
fn water_is_shown_and_typed_in_the_unit_of_the_settings() {
    let d = Diary::new();
    let mut app = d.app_with(settings(r#"water_unit = "ml""#));
    press(&mut app, "<Esc>");
    focus(&mut app, Row::CheckIn(CheckField::Water));
    let water = |d: &Diary| d.today().checkin.and_then(|c| c.water_glasses);
    // A typed amount is millilitres, kept as whole glasses of 250 ml.
    press(&mut app, "500<Enter>");
    assert_eq!(water(&d), Some(2));
    assert_eq!(message(&app), "Saved: water 500 ml");
    assert!(screen(&app, 80, 24).contains("Water     ◂ ▸ 500 ml"));
    focus(&mut app, Row::CheckIn(CheckField::Water));
    press(&mut app, "330<Enter>");
    assert_eq!(water(&d), Some(1));
    assert!(screen(&app, 80, 24).contains("250 ml"));
    // 2000 can only be 2000: saved without Enter, like a rating.
    focus(&mut app, Row::CheckIn(CheckField::Water));
    press(&mut app, "2000");
    assert_eq!(water(&d), Some(8));
    assert!(app.state.modal.is_none());
    // Too much is refused with what to type instead, and nothing changes.
    focus(&mut app, Row::CheckIn(CheckField::Water));
    press(&mut app, "12501");
    assert!(
        message(&app).contains("use 0 to 12500 ml"),
        "{}",
        message(&app)
    );
    press(&mut app, "<Esc>");
    assert_eq!(water(&d), Some(8));
    // + steps a glass, shown in ml.
    press(&mut app, "+");
    assert_eq!(water(&d), Some(9));
    assert_eq!(message(&app), "Saved: water 2250 ml");
    // In glasses (the default) the same digits are glasses.
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    focus(&mut app, Row::CheckIn(CheckField::Water));
    press(&mut app, "12");
    assert_eq!(water(&d), Some(12));
    assert!(screen(&app, 80, 24).contains("12 glasses"));
}

#[test]
fn weeks_follow_the_first_day_of_the_week() {
    let d = Diary::new();
    d.store()
        .import(&gutlog::demo::generate(60, 7, today()))
        .unwrap();
    let week_end = |app: &gutlog::tui::App| app.state.insights.review.as_ref().unwrap().week.end;
    // Friday 20 November 2026. Weeks from Monday (the default): `[` goes
    // to the Sunday before, and each calendar shows Monday first.
    let mut app = d.app();
    press(&mut app, "4");
    assert_eq!(week_end(&app), today());
    let shown = screen(&app, 120, 40);
    assert!(shown.contains(" Mo Tu We Th Fr Sa Su"), "{shown}");
    press(&mut app, "[");
    assert_eq!(week_end(&app), today() - Duration::days(5));
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("Week Mon 9 Nov – Sun 15 Nov 2026"),
        "{shown}"
    );
    press(&mut app, "[");
    assert!(screen(&app, 120, 40).contains("Week Mon 2 Nov – Sun 8 Nov 2026"));
    press(&mut app, "]]");
    assert_eq!(week_end(&app), today(), "] stops at today");
    press(&mut app, "2");
    assert!(screen(&app, 120, 40).contains(" Mo Tu We Th Fr Sa Su"));
    // Weeks from Sunday: Saturday ends them.
    let mut app = d.app_with(settings(r#"first_day_of_week = "sunday""#));
    press(&mut app, "4[");
    assert_eq!(week_end(&app), today() - Duration::days(6));
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("Week Sun 8 Nov – Sat 14 Nov 2026"),
        "{shown}"
    );
    assert!(shown.contains(" Su Mo Tu We Th Fr Sa"), "{shown}");
    assert!(!shown.contains(" Mo Tu We Th Fr Sa Su"), "{shown}");
    press(&mut app, "]");
    assert_eq!(week_end(&app), today());
}

#[test]
fn a_gentle_reminder_when_yesterday_has_nothing_logged() {
    let reminder = "Nothing logged yesterday";
    // A first run: the welcome, and no reminder behind it or after it.
    let d = Diary::new();
    let mut app = d.app();
    assert!(!words(&app, 80, 24).contains(reminder));
    press(&mut app, "<Esc>");
    assert!(!words(&app, 80, 24).contains(reminder));
    // A diary kept before yesterday, with nothing yesterday.
    d.store()
        .add_meal(
            &meal_on(today() - Duration::days(3), 12, "rice"),
            &[],
            support::clock().now(),
        )
        .unwrap();
    let mut app = d.app();
    let shown = words(&app, 80, 24);
    assert!(
        shown.contains("Nothing logged yesterday (Thu 19 Nov): [ goes there, Esc hides this."),
        "{shown}"
    );
    assert!(status(&app).contains("Esc hide the reminder about yesterday"));
    // It stays off the other screens, and Esc hides it for the session.
    press(&mut app, "2");
    assert!(!words(&app, 120, 40).contains(reminder));
    press(&mut app, "1<Esc>");
    assert!(!words(&app, 80, 24).contains(reminder));
    assert!(!status(&app).contains("reminder"));
    assert_eq!(
        d.store()
            .logged_dates(today() - Duration::days(9), today())
            .unwrap()
            .len(),
        1
    );
    // `[` goes there; a stool logged there and `]` back: no reminder.
    let mut app = d.app();
    press(&mut app, "[");
    assert_eq!(app.state.date, today() - Duration::days(1));
    assert!(!words(&app, 80, 24).contains(reminder));
    press(&mut app, "b4]");
    assert!(app.state.is_today());
    assert_eq!(
        d.store()
            .day(today() - Duration::days(1))
            .unwrap()
            .stools
            .len(),
        1
    );
    assert!(!words(&app, 80, 24).contains(reminder));
    assert!(app.state.notes.empty_yesterday.is_none());
}
