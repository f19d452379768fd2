//! Key-driven flows on the Insights screen: week navigation, selecting a
//! finding, the not-enough-data state, and a fresh review after a change.

mod support;

use gutlog::tui::action::Screen;
use support::{press, screen, Diary};

/// A diary of 120 demo days: enough for the trigger analysis to find the
/// demo's planted effects.
fn long_diary() -> Diary {
    let d = Diary::new();
    let mut store = d.store();
    let ex = gutlog::demo::generate(120, 7, support::clock().today());
    store.import(&ex).unwrap();
    d
}

#[test]
fn insights_moves_by_week_and_explains_the_selected_finding() {
    let d = long_diary();
    let mut app = d.app();
    let today = support::clock().today();
    let week_end = |app: &gutlog::tui::App| app.state.insights.review.as_ref().unwrap().week.end;
    press(&mut app, "4");
    assert_eq!(app.state.screen, Screen::Insights);
    assert_eq!(week_end(&app), today);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("4 Insights"), "{shown}");
    assert!(
        shown.contains("Week Sat 14 Nov – Fri 20 Nov 2026"),
        "{shown}"
    );
    assert!(shown.contains("logged on 7 of 7 days"), "{shown}");

    // [ and ] move a week here (to the end of the calendar week before,
    // Sunday with the default weeks from Monday); elsewhere they still
    // move a day.
    press(&mut app, "[");
    assert_eq!(week_end(&app), today - chrono::Duration::days(5));
    assert!(screen(&app, 120, 40).contains("Week Mon 9 Nov – Sun 15 Nov 2026"));
    press(&mut app, "[]");
    assert_eq!(week_end(&app), today - chrono::Duration::days(5));
    press(&mut app, "]");
    assert_eq!(week_end(&app), today);
    // No week after this one yet.
    press(&mut app, "]");
    assert_eq!(week_end(&app), today);
    press(&mut app, "[[t");
    assert_eq!(week_end(&app), today);

    // ↓ selects the next finding and shows its sentence below the table.
    let findings = app.state.insights.review.as_ref().unwrap().findings.clone();
    assert!(findings.len() >= 2, "the demo's planted effects are found");
    press(&mut app, "<Down>");
    assert_eq!(app.state.insights.cursor, 1);
    let shown = screen(&app, 120, 40).replace('\n', " ");
    let words: Vec<&str> = findings[1].explanation.split_whitespace().take(6).collect();
    let squeezed = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains(&words.join(" ")), "{shown}");
    press(&mut app, "<Up><Up>");
    assert_eq!(app.state.insights.cursor, 0);

    press(&mut app, "1[");
    assert_eq!(app.state.date, today - chrono::Duration::days(1));
}

#[test]
fn insights_say_what_is_missing_on_an_empty_diary() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>4");
    let r = app.state.insights.review.as_ref().unwrap();
    assert_eq!(r.analysis.meal_days, 0);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Not enough data yet"), "{shown}");
    assert!(shown.contains("Log meals on 14 more days"), "{shown}");
    assert!(shown.contains("logged on 0 of 7 days"), "{shown}");
}

#[test]
fn insights_are_computed_again_after_a_change() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>4");
    assert_eq!(
        app.state
            .insights
            .review
            .as_ref()
            .unwrap()
            .coverage
            .days_logged,
        0
    );
    press(&mut app, "1arice<Enter><Esc>4");
    assert_eq!(
        app.state
            .insights
            .review
            .as_ref()
            .unwrap()
            .coverage
            .days_logged,
        1
    );
}
