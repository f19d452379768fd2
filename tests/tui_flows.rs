//! Key-driven flows without a terminal: each presses keys like a user and
//! then reads the DATABASE (the same file, opened again) to check the data.

mod support;

use gutlog::tui::action::Screen;
use gutlog::tui::checkin::CheckField;
use gutlog::tui::rows::Row;
use support::{focus, press, screen, symptom_row, Diary};

#[test]
fn first_run_shows_the_welcome_and_can_start_the_plan() {
    let d = Diary::new();
    let mut app = d.app();
    assert!(screen(&app, 80, 24).contains("Welcome to gutlog"));
    press(&mut app, "<Enter>");
    // The first evening stays on Today, with the plan's first step there.
    assert_eq!(app.state.screen, Screen::Today);
    let run = d.store().current_plan().unwrap().expect("a plan run");
    assert_eq!(run.started_on, support::clock().today());
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Day 1"), "{shown}");
    assert!(shown.contains("(3 shows it)"), "{shown}");
}

#[test]
fn add_a_meal_with_completion_and_inferred_tags() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>a");
    press(&mut app, "pasta, parme");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Tab: parmesan"), "{shown}");
    press(&mut app, "<Tab><Enter>");
    let day = d.today();
    assert_eq!(day.meals.len(), 1);
    let m = &day.meals[0];
    assert_eq!(m.foods, vec!["pasta", "parmesan"]);
    // Pasta is wheat: gluten and fructans (high_fodmap); parmesan is dairy.
    assert_eq!(m.tags, vec!["dairy", "gluten", "high_fodmap"]);
    // At 20:30 with nothing logged, the form offered breakfast at its usual time.
    assert_eq!(m.at.format("%H:%M").to_string(), "08:00");
    assert_eq!(m.slot.as_str(), "breakfast");
    assert!(screen(&app, 80, 24).contains("Saved: breakfast at 08:00: pasta, parmesan"));
}

#[test]
fn edit_a_meal_time_and_tags() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>a");
    // Saving offers the next meal not logged yet; Esc closes it.
    press(&mut app, "rice<Enter><Esc>");
    focus(&mut app, Row::Meal(0));
    // Enter edits; Up moves to Time, where typing replaces the time shown.
    press(&mut app, "<Enter><Up>12:15<Down><Down>, fried<Enter>");
    let day = d.today();
    assert_eq!(day.meals.len(), 1);
    assert_eq!(day.meals[0].at.format("%H:%M").to_string(), "12:15");
    assert!(day.meals[0].tags.contains(&"fried".to_string()));
    assert!(screen(&app, 80, 24).contains("Updated: breakfast at 12:15: rice"));
}

#[test]
fn bad_time_keeps_the_form_open_with_a_message() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>arice<Up>xx<Enter>");
    assert!(app.state.modal.is_some());
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("time 'xx' is not a time of day"), "{shown}");
    assert!(d.today().meals.is_empty());
}

#[test]
fn rate_symptoms_with_digits_and_space() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    let bloating = symptom_row(&app, "bloating");
    focus(&mut app, bloating);
    // A digit rates the row and moves to the next: bloating 2, then gas.
    press(&mut app, "2");
    assert_eq!(app.state.row(), Some(symptom_row(&app, "gas")));
    press(&mut app, "   "); // space cycles gas 1, 2, 3 and stays
    press(&mut app, "j0"); // diarrhea none, then constipation
    assert_eq!(app.state.row(), Some(symptom_row(&app, "constipation")));
    let day = d.today();
    let level = |id: &str| {
        day.symptoms
            .iter()
            .filter(|r| r.symptom == id)
            .map(|r| r.severity.level())
            .collect::<Vec<_>>()
    };
    assert_eq!(level("bloating"), vec![2]);
    assert_eq!(level("gas"), vec![3]);
    assert_eq!(level("diarrhea"), vec![0]);
    assert_eq!(level("constipation"), Vec::<u8>::new());
    // On a symptom row digits rate; elsewhere 2 switches screens.
    assert_eq!(app.state.screen, Screen::Today);
    focus(&mut app, Row::CheckIn(CheckField::Note));
    press(&mut app, "2");
    assert_eq!(app.state.screen, Screen::Journal);
}

#[test]
fn set_the_check_in() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    focus(&mut app, Row::CheckIn(CheckField::Mood));
    press(&mut app, "4"); // mood 4, then energy
    press(&mut app, "<Right><Right>"); // energy 3 then 4
    press(&mut app, "j<Left>"); // stress from unset: 3
    press(&mut app, "j<Right><Right>"); // sleep 7 then 7.5
    press(&mut app, "j++++++++-"); // water 7
    press(&mut app, "j+++"); // movement 15
    press(&mut app, "j<Enter>felt calm 🙂<Enter>");
    let c = d
        .store()
        .checkin(support::clock().today())
        .unwrap()
        .unwrap();
    assert_eq!(c.mood, Some(4));
    assert_eq!(c.energy, Some(4));
    assert_eq!(c.stress, Some(3));
    assert_eq!(c.sleep_hours, Some(7.5));
    assert_eq!(c.water_glasses, Some(7));
    assert_eq!(c.movement_minutes, Some(15));
    assert_eq!(c.note.as_deref(), Some("felt calm 🙂"));
    // x clears a field.
    focus(&mut app, Row::CheckIn(CheckField::Water));
    press(&mut app, "x");
    let c = d
        .store()
        .checkin(support::clock().today())
        .unwrap()
        .unwrap();
    assert_eq!(c.water_glasses, None);
    assert!(screen(&app, 80, 24).contains("Saved: water cleared"));
}

#[test]
fn add_a_stool_with_its_bristol_description() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    focus(&mut app, Row::NoStools);
    press(&mut app, "a6");
    assert!(screen(&app, 80, 24).contains("Fluffy"));
    press(&mut app, "<Up><Enter>");
    let day = d.today();
    assert_eq!(day.stools.len(), 1);
    assert_eq!(day.stools[0].bristol.kind(), 5);
}

#[test]
fn intakes_add_and_toggle() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    // Yesterday's probiotic makes it a usual intake, offered as a toggle today.
    press(&mut app, "[");
    focus(&mut app, Row::NoIntakes);
    press(&mut app, "aprobiotic<Enter>");
    let yesterday = support::clock().today() - chrono::Duration::days(1);
    let day = d.store().day(yesterday).unwrap();
    assert_eq!(day.intakes.len(), 1);
    assert_eq!(day.intakes[0].kind.as_str(), "probiotic");
    press(&mut app, "]");
    focus(&mut app, Row::Intake(0));
    press(&mut app, " ");
    let today = d.today().intakes;
    assert_eq!(today.len(), 1);
    assert_eq!(today[0].name, "probiotic");
    press(&mut app, " ");
    assert!(d.today().intakes.is_empty());
}

#[test]
fn red_flags_open_and_show_guidance() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    assert!(!screen(&app, 80, 24).contains("Have you had bleeding"));
    press(&mut app, "f");
    assert!(screen(&app, 80, 24).contains("Have you had bleeding"));
    press(&mut app, " ");
    let flags = d.today().red_flags;
    assert_eq!(flags, vec!["blood_in_stool"]);
    press(&mut app, "<Esc>");
    assert!(screen(&app, 80, 24).contains("See a doctor"));
    press(&mut app, "f ");
    assert!(d.today().red_flags.is_empty());
}

#[test]
fn tick_the_plan_from_today_and_plan_screens() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>3s");
    assert!(screen(&app, 80, 24).contains("Start the 7-day plan today?"));
    press(&mut app, "y");
    let run = d.store().current_plan().unwrap().unwrap();
    press(&mut app, " ");
    let run2 = d.store().current_plan().unwrap().unwrap();
    assert_eq!(run2.id, run.id);
    assert!(run2.is_ticked(1));
    // Untick from Today's plan row.
    press(&mut app, "1");
    focus(&mut app, Row::PlanStep);
    press(&mut app, " ");
    assert!(!d.store().current_plan().unwrap().unwrap().is_ticked(1));
    // Restart keeps the past run.
    press(&mut app, "3sy");
    assert_eq!(d.store().plan_runs().unwrap().len(), 2);
}

#[test]
fn habits_tick_by_hand_and_from_data() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>akimchi<Enter><Esc>3");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("[x] Fermented or fibre food (logged)"),
        "{shown}"
    );
    // reduce_stress is the fourth habit: days 0..7 then habits.
    press(&mut app, "jjjjjjjjjj ");
    let day = d.today();
    assert_eq!(day.habits, vec!["reduce_stress"]);
}

#[test]
fn delete_and_undo() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>arice<Enter><Esc>");
    focus(&mut app, Row::Meal(0));
    press(&mut app, "dn");
    assert_eq!(d.today().meals.len(), 1);
    press(&mut app, "dy");
    assert!(d.today().meals.is_empty());
    press(&mut app, "u");
    let meals = d.today().meals;
    assert_eq!(meals.len(), 1);
    assert_eq!(meals[0].foods, vec!["rice"]);
}

#[test]
fn repeat_a_recent_meal() {
    let d = Diary::seeded();
    let mut app = d.app();
    let before = d.today().meals.len();
    press(&mut app, "r");
    assert!(!app.state.recent_meals.is_empty());
    let picked = app.state.recent_meals[1].clone();
    // Enter opens the meal form filled from it, to edit before saving.
    press(&mut app, "j<Enter>");
    assert_eq!(d.today().meals.len(), before, "nothing saved yet");
    press(&mut app, "<Enter>");
    let after = d.today().meals;
    assert_eq!(after.len(), before + 1);
    assert!(after
        .iter()
        .any(|m| m.foods == picked.foods && m.slot == picked.slot));
}

#[test]
fn days_move_with_brackets_and_t() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>[[");
    assert_eq!(
        app.state.date,
        support::clock().today() - chrono::Duration::days(2)
    );
    press(&mut app, "arice<Enter><Esc>");
    let day = d.store().day(app.state.date).unwrap();
    assert_eq!(day.meals.len(), 1);
    press(&mut app, "]t");
    assert_eq!(app.state.date, support::clock().today());
}

#[test]
fn journal_opens_a_day_and_searches() {
    let d = Diary::seeded();
    let mut app = d.app();
    press(&mut app, "2");
    assert!(
        app.state.journal.dates.len() >= 15,
        "{:?}",
        app.state.journal.dates
    );
    let third = app.state.journal.dates[2];
    press(&mut app, "jj<Enter>");
    assert_eq!(app.state.screen, gutlog::tui::action::Screen::Today);
    assert_eq!(app.state.date, third);
    press(&mut app, "2/rice<Enter>");
    assert_eq!(app.state.journal.query.as_deref(), Some("rice"));
    let results = &app.state.journal.results;
    assert!(results
        .iter()
        .all(|m| m.foods.iter().any(|f| f.to_lowercase().contains("rice"))));
    press(&mut app, "<Esc>");
    assert!(app.state.journal.query.is_none());
}

#[test]
fn a_misspelt_food_gets_a_suggestion_and_is_kept_as_typed() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>acofee");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("did you mean 'coffee'?"), "{shown}");
    press(&mut app, "<Enter>");
    let day = d.today();
    assert_eq!(day.meals[0].foods, vec!["cofee"]);
}

#[test]
fn paste_goes_into_the_field_as_one_insertion() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>a");
    app.paste("寿司, 🍣 miso\nsoup");
    press(&mut app, "<BS><Enter>");
    let day = d.today();
    assert_eq!(day.meals[0].foods, vec!["寿司", "🍣 miso sou"]);
}

#[test]
fn guide_scrolls_and_switches_sections() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>5");
    assert!(screen(&app, 80, 24).contains("About this guide"));
    press(&mut app, "G");
    let bottom = app.state.guide.scroll;
    press(&mut app, "g");
    assert_eq!(app.state.guide.scroll, 0);
    press(&mut app, "<Left>");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("When to see a doctor"), "{shown}");
    let _ = bottom;
}

#[test]
fn quit_keys() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>a");
    press(&mut app, "q");
    assert!(!app.state.quit, "q types into an open form");
    press(&mut app, "<Esc>q");
    assert!(app.state.quit);
    let mut app = d.app();
    press(&mut app, "a<C-c>");
    assert!(app.state.quit);
}

#[test]
fn ticking_day_seven_asks_for_the_reflection() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>3sy");
    press(&mut app, "jjjjjj ");
    assert!(screen(&app, 80, 24).contains("Day-7 reflection"));
    press(&mut app, "Less bloating after dinner.<Enter>");
    let run = d.store().current_plan().unwrap().unwrap();
    assert!(run.is_ticked(7));
    assert_eq!(
        run.reflection.as_deref(),
        Some("Less bloating after dinner.")
    );
    // e edits it later.
    press(&mut app, "e<BS>!<Enter>");
    let run = d.store().current_plan().unwrap().unwrap();
    assert_eq!(
        run.reflection.as_deref(),
        Some("Less bloating after dinner!")
    );
}

#[test]
fn the_cursor_stays_on_its_row_when_rows_are_added() {
    let d = Diary::seeded();
    let mut app = d.app();
    let bloating = symptom_row(&app, "bloating");
    focus(&mut app, bloating);
    // A meal added from the symptom row (repeat) adds a row above it.
    press(&mut app, "r<Enter><Enter>2");
    let day = d.today();
    let ratings: Vec<_> = day
        .symptoms
        .iter()
        .filter(|r| r.symptom == "bloating")
        .collect();
    assert_eq!(ratings.len(), 1);
    assert_eq!(ratings[0].severity.level(), 2);
}
