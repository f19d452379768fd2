//! The clock moves while the screen is open: every key carries the time
//! it was pressed (as the loop passes it), so stamps, default times and
//! "today" follow it; midnight moves a screen showing today to the new
//! day; nothing is dated in the future.

mod support;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use gutlog::tui::rows::Row;
use support::{clock, focus, press, press_at, press_on, screen, symptom_row, Diary};

fn at(date: NaiveDate, hhmm: &str) -> NaiveDateTime {
    date.and_time(chrono::NaiveTime::parse_from_str(hhmm, "%H:%M").unwrap())
}

fn today() -> NaiveDate {
    clock().today()
}

#[test]
fn entries_are_stamped_with_the_time_of_their_key_not_of_launch() {
    let d = Diary::new();
    let mut app = d.app(); // opened at 20:30
    press(&mut app, "<Esc>3sy1");
    // Two minutes later: a rating; then a stool, a medicine and the plan step.
    let bloating = symptom_row(&app, "bloating");
    focus(&mut app, bloating);
    press_at(&mut app, "20:32", "2");
    press_at(&mut app, "20:33", "b4");
    press_at(&mut app, "20:34", "iaprobiotic<Enter>");
    press_at(&mut app, "20:35", "p ");
    let day = d.today();
    let hm = |t: NaiveDateTime| t.format("%H:%M").to_string();
    assert_eq!(hm(day.symptoms[0].at), "20:32");
    assert_eq!(hm(day.stools[0].at), "20:33");
    assert_eq!(hm(day.intakes[0].at), "20:34");
    let run = d.store().current_plan().unwrap().unwrap();
    assert_eq!(hm(run.ticks[0].done_at), "20:35");
}

#[test]
fn the_meal_form_offers_the_time_of_the_key() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    // Early morning, nothing due yet: the slot of now, at now.
    press_on(&mut app, at(today(), "06:40"), "atoast<Enter>");
    // Ten minutes later, another form opens at 06:50.
    press_on(&mut app, at(today(), "06:50"), "atea<Enter>");
    let meals = d.today().meals;
    let times: Vec<String> = meals
        .iter()
        .map(|m| m.at.format("%H:%M").to_string())
        .collect();
    assert_eq!(times, vec!["06:40", "06:50"]);
    assert!(meals.iter().all(|m| m.slot.as_str() == "breakfast"));
}

#[test]
fn at_midnight_a_screen_showing_today_moves_to_the_new_day() {
    let d = Diary::new();
    let mut app = d.app();
    press_at(&mut app, "23:58", "<Esc>");
    let tomorrow = today() + Duration::days(1);
    app.tick(at(tomorrow, "00:01"));
    assert_eq!(app.state.date, tomorrow);
    assert!(
        screen(&app, 80, 24).contains("It is past midnight: now showing Sat 21 Nov."),
        "{}",
        screen(&app, 80, 24)
    );
    // A rating now goes to the new day.
    let bloating = symptom_row(&app, "bloating");
    focus(&mut app, bloating);
    press_on(&mut app, at(tomorrow, "00:02"), "1");
    let new_day = d.store().day(tomorrow).unwrap();
    assert_eq!(new_day.symptoms.len(), 1);
    assert_eq!(new_day.symptoms[0].at, at(tomorrow, "00:02"));
    assert!(d.today().symptoms.is_empty());
}

#[test]
fn a_screen_showing_an_earlier_day_stays_there_at_midnight() {
    let d = Diary::new();
    let mut app = d.app();
    press_at(&mut app, "23:58", "<Esc>[");
    let yesterday = today() - Duration::days(1);
    app.tick(at(today() + Duration::days(1), "00:01"));
    assert_eq!(app.state.date, yesterday);
}

#[test]
fn an_open_form_keeps_the_date_it_was_opened_for() {
    let d = Diary::new();
    let mut app = d.app();
    press_at(&mut app, "23:50", "<Esc>a<Up>23:45<Down>toast");
    let tomorrow = today() + Duration::days(1);
    // Midnight passes while the form is open; Enter saves it on its day.
    press_on(&mut app, at(tomorrow, "00:03"), "<Enter>");
    let meals = d.today().meals;
    assert_eq!(meals.len(), 1);
    assert_eq!(meals[0].at, at(today(), "23:45"));
    assert!(d.store().day(tomorrow).unwrap().meals.is_empty());
    // Once no form is open, the screen moves to the new day.
    press_on(&mut app, at(tomorrow, "00:04"), "<Esc>");
    assert!(app.state.modal.is_none());
    assert_eq!(app.state.date, tomorrow);
}

#[test]
fn the_next_day_key_stops_at_today() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>]");
    assert_eq!(app.state.date, today());
    assert!(screen(&app, 80, 24).contains("This is today: there is no later day to log yet."));
    press(&mut app, "[[]]]");
    assert_eq!(app.state.date, today());
}

#[test]
fn no_form_saves_a_time_more_than_an_hour_ahead() {
    let d = Diary::new();
    let mut app = d.app(); // 20:30
                           // Meal: 22:00 is refused, 21:30 is fine.
    press(&mut app, "<Esc>arice<Up>22:00<Enter>");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("more than an hour from now"), "{shown}");
    assert!(d.today().meals.is_empty());
    press(&mut app, "<C-u>21:30<Enter>");
    assert_eq!(d.today().meals[0].at, at(today(), "21:30"));
    // Stool and medicine forms follow the same rule.
    press(&mut app, "<Esc>ba<Tab>23<Enter>");
    assert!(screen(&app, 80, 24).contains("more than an hour from now"));
    press(&mut app, "<Esc>iazinc<Tab>2345<Enter>");
    assert!(screen(&app, 80, 24).contains("more than an hour from now"));
    press(&mut app, "<Esc>");
    let day = d.today();
    assert!(day.stools.is_empty() && day.intakes.is_empty());
    // On an earlier day any time of day is fine.
    press(&mut app, "[ba<Tab>2350<Enter>");
    let yesterday = d.store().day(today() - Duration::days(1)).unwrap();
    assert_eq!(
        yesterday.stools[0].at,
        at(today() - Duration::days(1), "23:50")
    );
    assert_eq!(app.state.row(), Some(Row::Stool(0)));
}
