//! Screens that use the space they have: nothing cut at 200×60 that fits,
//! red-flag text wrapped at 80×24 with the meals still in view, a finding
//! in full on Insights, the Guide's scroll kept inside its text on resize,
//! the Journal's empty message wrapped, and plurals.

mod support;

use gutlog::tui::action::Action;
use gutlog::tui::App;
use support::{press, screen, words, Diary};

fn sized(app: &mut App, w: u16, h: u16) {
    app.dispatch(Action::Resize(w, h));
}

/// A diary of 120 demo days: enough for findings on Insights.
fn long_diary() -> Diary {
    let d = Diary::new();
    let ex = gutlog::demo::generate(120, 7, support::clock().today());
    d.store().import(&ex).unwrap();
    d
}

#[test]
fn at_200x60_nothing_that_fits_is_cut() {
    // The evening alone: every row of it fits in a half of 200 columns.
    let d = Diary::new();
    {
        let mut store = d.store();
        store
            .add_custom_symptom("lower_back_stiffness_after_meals")
            .unwrap();
        support::log_evening(&mut store);
    }
    let mut app = d.app();
    sized(&mut app, 200, 60);
    let shown = screen(&app, 200, 60);
    assert!(
        shown.contains("Lower back stiffness after meals"),
        "{shown}"
    );
    assert!(
        shown.contains("salmon, rice, 寿司 🍣?  [healthy fat, whole food]"),
        "{shown}"
    );
    assert!(!shown.contains('…'), "something was cut:\n{shown}");

    let d = long_diary();
    let mut app = d.app();
    sized(&mut app, 200, 60);
    press(&mut app, "4");
    let shown = screen(&app, 200, 60);
    let findings = &app.state.insights.review.as_ref().unwrap().findings;
    assert!(!findings.is_empty());
    for f in findings.iter().take(5) {
        assert!(
            shown.contains(&f.factor_label),
            "{} cut:\n{shown}",
            f.factor_label
        );
    }
}

#[test]
fn at_80x24_red_flag_text_wraps_and_the_meals_stay_in_view() {
    let d = Diary::seeded();
    support::log_evening(&mut d.store());
    let mut app = d.app();
    press(&mut app, "f <Down> ");
    // The questions in their overlay: whole, wrapped.
    let shown = words(&app, 80, 24);
    for f in &gutlog::content::red_flags().flags[..2] {
        assert!(shown.contains(&f.question), "{} cut:\n{shown}", f.question);
    }
    press(&mut app, "<Esc>");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Meals"), "{shown}");
    let first = &d.today().meals[0];
    let first = format!("{} {}", first.at.format("%H:%M"), first.slot.as_str());
    assert!(shown.contains(&first), "{first} not in view:\n{shown}");
    // Two flags' guidance does not fit in half the screen: the banner says
    // which, and where to read why, in words that are not cut.
    let flat = words(&app, 80, 24);
    let names: Vec<&str> = gutlog::content::red_flags().flags[..2]
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    let short = format!("See a doctor about: {}. f shows why.", names.join(", "));
    assert!(flat.contains(&short), "{flat}");
    // One flag's guidance fits in a third of a taller screen: in full.
    press(&mut app, "f<Down> <Esc>");
    sized(&mut app, 120, 40);
    let flat = words(&app, 120, 40);
    let guidance = &gutlog::content::red_flags().flags[0].guidance;
    assert!(flat.contains(guidance.as_str()), "{flat}");
}

#[test]
fn insights_enter_opens_the_finding_in_full() {
    let d = long_diary();
    let mut app = d.app();
    press(&mut app, "4<Enter>");
    let review = app.state.insights.review.clone().unwrap();
    let f = &review.findings[0];
    let shown = words(&app, 80, 24);
    assert!(
        shown.contains(&format!("Finding 1 of {}", review.findings.len())),
        "{shown}"
    );
    assert!(shown.contains("95% CI"), "{shown}");
    let first_words: Vec<&str> = f.explanation.split_whitespace().take(8).collect();
    assert!(shown.contains(&first_words.join(" ")), "{shown}");
    press(&mut app, "<Down>");
    assert!(words(&app, 80, 24).contains(&format!("Finding 2 of {}", review.findings.len())));
    assert_eq!(app.state.insights.cursor, 1);
    press(&mut app, "<Esc>");
    assert!(app.state.modal.is_none());
}

#[test]
fn the_guide_keeps_its_scroll_inside_the_text_on_resize() {
    let d = Diary::new();
    let mut app = d.app();
    use gutlog::tui::guide::{text_height, text_width, wrapped};
    // The first section longer than one screen at 80×24.
    let n = gutlog::content::guide().sections.len();
    let long = (0..n)
        .find(|i| wrapped(*i, text_width(80)).len() > text_height(24) as usize + 3)
        .expect("a long section");
    press(&mut app, "<Esc>5");
    press(&mut app, &"l".repeat(long));
    press(&mut app, "G");
    let bottom_at_80 = app.state.guide.scroll;
    assert!(bottom_at_80 > 0);
    sized(&mut app, 200, 60);
    assert_eq!(
        app.state.guide.scroll,
        gutlog::tui::guide::max_scroll(&app.state)
    );
    assert!(app.state.guide.scroll < bottom_at_80);
    // The last line of the section is on screen, not blank space.
    let last = wrapped(long, text_width(200))
        .into_iter()
        .rfind(|l| !l.trim().is_empty())
        .unwrap();
    assert!(screen(&app, 200, 60).contains(last.trim()));
}

#[test]
fn the_empty_journal_message_wraps() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>2");
    sized(&mut app, 40, 12);
    let shown = words(&app, 40, 12);
    assert!(
        shown.contains("Nothing logged yet. Press 1 for Today and log your first evening."),
        "{shown}"
    );
}

#[test]
fn plurals_are_right() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>c<Down><Down><Down><Down>1<Enter>");
    assert!(screen(&app, 80, 24).contains("1 glass"));
    press(&mut app, "arice<Enter><Esc>m2");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("1 meal: rice"), "{shown}");
    press(&mut app, "1c<Down><Down><Down><Down>2<Enter>");
    assert!(screen(&app, 80, 24).contains("2 glasses"));
}

#[test]
fn a_long_message_wraps_in_the_status_line_instead_of_being_cut() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>arice<Up>23:30<Enter>");
    let message = app.state.message.clone().unwrap().text;
    assert!(message.len() > 80, "{message}");
    assert!(
        words(&app, 80, 24).contains(&message),
        "{}",
        screen(&app, 80, 24)
    );
}
