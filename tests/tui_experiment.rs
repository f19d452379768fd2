//! Experiments on the check-in screen: the Plan screen's experiment page
//! (`3` then `x`), the start form, the coeliac-testing confirmation, pause
//! and end with undo, Today's line, the deviation warning, "test this" on
//! an Insights finding and the verdict beside it — each flow checked in
//! the database — and snapshots of the page, the form and Today.

mod support;

use chrono::Duration;
use gutlog::analysis::experiment_sim::{simulate, SimParams};
use gutlog::domain::experiment::{Design, Experiment, ExperimentPlan};
use gutlog::domain::factor::Factor;
use gutlog::domain::food::FoodBook;
use gutlog::domain::{Meal, Severity, Slot, SymptomRating};
use gutlog::exchange::Exchange;
use gutlog::tui::action::Screen;
use gutlog::tui::experiment::ExperimentField;
use gutlog::tui::state::Modal;
use support::{clock, press, screen, words, Diary};

/// A fixed ABAB on dairy and bloating that started `days_ago`.
fn dairy_experiment(days_ago: i64) -> Experiment {
    let today = clock().today();
    let plan = ExperimentPlan {
        factor: Factor::parse("dairy", &FoodBook::bundled()).unwrap(),
        symptoms: vec!["bloating".into()],
        design: Design::Abab,
        phase_days: 10,
        baseline_days: 0,
        washout_days: 2,
        randomised: false,
        start: today,
    };
    let mut e = plan.build(
        "exp-1".into(),
        clock().now(),
        &mut fastrand::Rng::with_seed(1),
        false,
    );
    e.started_on = today - Duration::days(days_ago);
    e
}

fn with_experiment(d: &Diary, days_ago: i64) {
    d.store()
        .start_experiment(&dairy_experiment(days_ago), clock().today(), clock().now())
        .unwrap();
}

#[test]
fn the_form_starts_an_experiment_and_the_diary_has_it() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>3x");
    assert!(app.state.experiment.page);
    let shown = words(&app, 80, 24);
    assert!(shown.contains("No experiment yet"), "{shown}");
    assert!(shown.contains("s: start one"), "{shown}");
    // With nothing to show, the status line does not offer the result, and
    // Enter says how to start one instead of doing nothing.
    let status = screen(&app, 80, 24).lines().last().unwrap().to_string();
    assert!(!status.contains("result"), "{status}");
    press(&mut app, "<Enter>");
    assert!(app.state.modal.is_none());
    let msg = app.state.message.clone().expect("a message");
    assert_eq!(msg.text, "No experiment is running; s starts one.");
    press(&mut app, "s");
    assert!(matches!(app.state.modal, Some(Modal::Experiment(_))));
    let shown = words(&app, 80, 24);
    assert!(
        shown.contains("Start an experiment") && shown.contains("Talk to a clinician"),
        "{shown}"
    );
    // A typo is refused with what to type instead; the form stays.
    press(&mut app, "diary<Tab>bloating<Enter>");
    let msg = app.state.message.clone().unwrap();
    assert!(
        msg.error && msg.text.contains("did you mean 'dairy'"),
        "{msg:?}"
    );
    assert!(d.store().experiments().unwrap().is_empty());
    // The cursor is put in the field to fix: the factor, then the symptom.
    let focus = |app: &gutlog::tui::App| match &app.state.modal {
        Some(Modal::Experiment(f)) => f.focus,
        other => panic!("{other:?}"),
    };
    assert_eq!(focus(&app), ExperimentField::Factor);
    press(&mut app, "<C-u>dairy<Tab><C-u>bloatin<Up><Enter>");
    assert_eq!(focus(&app), ExperimentField::Symptom);
    let msg = app.state.message.clone().unwrap();
    assert!(msg.text.contains("did you mean 'bloating'"), "{msg:?}");
    assert!(d.store().experiments().unwrap().is_empty());
    press(&mut app, "<C-u>bloating<Enter>");
    assert!(app.state.modal.is_none(), "{:?}", app.state.message);
    assert!(app
        .state
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("Saved: experiment on dairy"));
    let saved = d.store().experiments().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].factor, "tag:dairy");
    assert_eq!(saved[0].symptoms, ["bloating"]);
    assert_eq!(saved[0].phases.len(), 4);
    assert!(saved[0].phases.iter().all(|p| p.days == 10));
    assert!(!saved[0].randomised);
    // The page shows it; a second one is refused.
    let shown = words(&app, 80, 24);
    assert!(
        shown.contains("Experiment on dairy for bloating · ABAB · running"),
        "{shown}"
    );
    press(&mut app, "s");
    assert!(app.state.modal.is_none());
    assert!(app
        .state
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("already running"));
    // u takes the start back.
    press(&mut app, "u");
    assert!(d.store().experiments().unwrap().is_empty());
}

#[test]
fn the_form_can_randomise_and_change_the_design() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>3xs");
    // Factor, symptom, then design (→ AB), days stay offered (14), then
    // through washout and baseline to randomise.
    press(
        &mut app,
        "caffeine<Tab>heartburn<Tab><Right><Tab><Tab><Tab><Tab> <Enter>",
    );
    let saved = d.store().experiments().unwrap();
    assert_eq!(saved.len(), 1, "{:?}", app.state.message);
    assert_eq!(saved[0].design, Design::Ab);
    assert!(saved[0].randomised);
    assert_eq!(saved[0].phases.iter().map(|p| p.days).sum::<u32>(), 28);
}

#[test]
fn gluten_asks_to_confirm_the_coeliac_testing_advice() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>3xsgluten<Tab>bloating<Enter>");
    assert!(matches!(app.state.modal, Some(Modal::Confirm { .. })));
    let shown = words(&app, 120, 40);
    assert!(
        shown.contains("get tested for coeliac disease while you are still eating it"),
        "{shown}"
    );
    // The whole question fits at 80×24, its sentences apart.
    let small = words(&app, 80, 24);
    assert!(small.contains("talked to your doctor.)"), "{small}");
    let text = screen(&app, 80, 24);
    assert!(
        text.lines()
            .any(|l| l.contains("│Start the experiment on gluten")),
        "the question starts its own line:\n{text}"
    );
    press(&mut app, "n");
    assert!(d.store().experiments().unwrap().is_empty());
    press(&mut app, "sgluten<Tab>bloating<Enter>y");
    let saved = d.store().experiments().unwrap();
    assert_eq!(saved.len(), 1);
    assert!(saved[0].coeliac_advice_confirmed);
}

#[test]
fn pause_resume_and_end_with_undo() {
    let d = Diary::new();
    with_experiment(&d, 3);
    let mut app = d.app();
    press(&mut app, "<Esc>3xp");
    let e = d.store().experiment("exp-1").unwrap();
    assert_eq!(e.pauses.len(), 1);
    assert!(e.pauses[0].to.is_none());
    assert!(words(&app, 80, 24).contains("· paused"));
    press(&mut app, "u");
    assert!(d.store().experiment("exp-1").unwrap().pauses.is_empty());
    press(&mut app, "e<C-u>5<Enter>");
    assert_eq!(d.store().experiment("exp-1").unwrap().extended_days, 5);
    press(&mut app, "Ey");
    let e = d.store().experiment("exp-1").unwrap();
    assert_eq!(e.ended_on, Some(clock().today()));
    assert!(words(&app, 80, 24).contains("ended early"));
    press(&mut app, "u");
    assert_eq!(d.store().experiment("exp-1").unwrap().ended_on, None);
}

#[test]
fn today_shows_the_phase_and_warns_about_the_avoided_factor() {
    let d = Diary::new();
    with_experiment(&d, 4);
    let mut app = d.app();
    press(&mut app, "<Esc>");
    let shown = words(&app, 80, 24);
    assert!(
        shown.contains("Experiment: Day 5 of 10 without dairy (Mon 16 Nov – Wed 25 Nov)"),
        "{shown}"
    );
    // Yesterday, still in the washout.
    press(&mut app, "[[[");
    assert!(words(&app, 80, 24)
        .contains("Day 2 of 10 without dairy (Mon 16 Nov – Wed 25 Nov) · washout"));
    press(&mut app, "t");
    press(&mut app, "acheese sandwich<Enter><Esc>");
    let meals = d.today().meals;
    assert_eq!(meals.len(), 1, "the meal is saved");
    let msg = app.state.message.clone().unwrap();
    assert!(
        msg.text
            .contains("Dairy is being left out until Wed 25 Nov: this counts as a deviation"),
        "{msg:?}"
    );
    // The experiment lists it.
    let e = d.store().experiment("exp-1").unwrap();
    let r = d.store().experiment_report(&e, clock().today()).unwrap();
    assert_eq!(r.deviations.len(), 1);
    assert_eq!(r.deviations[0].kind, "had");
}

/// Eight weeks in which dairy days are bloating days, and a finished
/// experiment on dairy and bloating before them.
fn findings_diary() -> Diary {
    let d = Diary::new();
    let mut ex = Exchange::empty();
    let (e, records) = simulate(&SimParams::six_week_abab(3.0, 0.3), 11);
    ex.meals = records.meals;
    ex.symptoms = records.symptoms;
    ex.experiments = vec![e];
    let end = clock().today();
    for i in 0..56 {
        let day = end - Duration::days(i);
        let dairy = i % 2 == 0;
        ex.meals.push(Meal {
            id: format!("d{i}"),
            at: day.and_hms_opt(12, 0, 0).unwrap(),
            slot: Slot::Lunch,
            foods: vec![if dairy { "milk" } else { "rice" }.into()],
            tags: if dairy { vec!["dairy".into()] } else { vec![] },
            note: None,
        });
        ex.symptoms.push(SymptomRating {
            id: format!("b{i}"),
            at: day.and_hms_opt(21, 0, 0).unwrap(),
            symptom: "bloating".into(),
            severity: Severity::new(if dairy { 3 } else { 0 }).unwrap(),
            note: None,
        });
    }
    d.store().import(&ex).unwrap();
    d
}

#[test]
fn a_finding_shows_the_experiments_verdict_and_x_tests_it() {
    let d = findings_diary();
    let mut app = d.app();
    press(&mut app, "4");
    let findings = app.state.insights.review.as_ref().unwrap().findings.clone();
    let first = findings.first().expect("dairy days come before bloating");
    assert_eq!(first.symptom, "bloating");
    press(&mut app, "<Enter>");
    let shown = words(&app, 120, 40);
    assert!(
        shown.contains("Experiment (5 Jan – ") && shown.contains("Clearly worse with dairy"),
        "{shown}"
    );
    assert!(shown.contains("x test this finding"), "{shown}");
    // x: the Plan screen's experiment page, the form filled in.
    press(&mut app, "x");
    assert_eq!(app.state.screen, Screen::Plan);
    assert!(app.state.experiment.page);
    let Some(Modal::Experiment(form)) = &app.state.modal else {
        panic!("the form is open: {:?}", app.state.message);
    };
    assert_eq!(form.factor.text(), first.factor);
    assert_eq!(form.symptom.text(), "bloating");
    press(&mut app, "<Enter>");
    let saved = d.store().experiments().unwrap();
    assert_eq!(saved.len(), 2, "{:?}", app.state.message);
    assert_eq!(saved[1].factor, first.factor);
}

#[test]
fn the_page_has_its_keys_in_help_and_the_status_line() {
    let d = Diary::new();
    with_experiment(&d, 3);
    let mut app = d.app();
    press(&mut app, "<Esc>3?");
    assert!(words(&app, 120, 60).contains("the experiment: timeline and verdict, or start one"));
    press(&mut app, "<Esc>x?");
    let help = words(&app, 120, 60);
    for text in [
        "Plan: the experiment",
        "start an experiment",
        "pause or resume it",
        "extend its last phase",
        "end it now (asks first)",
        "back to the 7-day plan",
    ] {
        assert!(help.contains(text), "{text}: {help}");
    }
    press(&mut app, "<Esc><Enter>");
    assert!(matches!(
        app.state.modal,
        Some(Modal::ExperimentResult { .. })
    ));
    assert!(words(&app, 120, 40).contains("Days count in the phase they were planned for"));
    press(&mut app, "<Esc>x");
    assert!(!app.state.experiment.page);
    assert!(screen(&app, 80, 24).contains("Seven days"));
}

/// The experiment 12 days in, with a few days logged.
fn snapshot_diary() -> Diary {
    let d = Diary::seeded();
    with_experiment(&d, 12);
    d
}

fn snap(name: &str, keys: &str, color: bool) {
    let d = snapshot_diary();
    let config = if color {
        gutlog::config::Config::default()
    } else {
        support::no_color()
    };
    let mut app = gutlog::tui::App::new(d.store(), clock(), config).unwrap();
    press(&mut app, keys);
    for (w, h) in [(80, 24), (120, 40)] {
        app.dispatch(gutlog::tui::action::Action::Resize(w, h));
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn snapshot_the_experiment_page() {
    snap("experiment_page", "3x", true);
}

#[test]
fn snapshot_the_experiment_page_without_colour() {
    let d = snapshot_diary();
    let mut app = gutlog::tui::App::new(d.store(), clock(), support::no_color()).unwrap();
    press(&mut app, "3x");
    insta::assert_snapshot!("experiment_page_no_color_80x24", screen(&app, 80, 24));
}

#[test]
fn snapshot_the_start_form() {
    let d = Diary::seeded();
    let mut app = d.app();
    press(&mut app, "3xsdairy<Tab>bloating");
    for (w, h) in [(80, 24), (120, 40)] {
        app.dispatch(gutlog::tui::action::Action::Resize(w, h));
        insta::assert_snapshot!(format!("experiment_form_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn snapshot_today_with_an_experiment() {
    snap("experiment_today", "", true);
}

/// The factor's hint under the empty form's first field wraps at 80
/// columns: every value stays on its own label's row.
#[test]
fn the_empty_form_keeps_each_value_beside_its_label() {
    let d = Diary::seeded();
    let mut app = d.app();
    press(&mut app, "3xs");
    // 40×12 is the smallest screen drawn: every field is still there (the
    // factor's hint gives way).
    for (w, h) in [(40, 12), (45, 14), (80, 24), (120, 40)] {
        app.dispatch(gutlog::tui::action::Action::Resize(w, h));
        let text = screen(&app, w, h);
        let row = |label: &str| {
            text.lines()
                .find(|l| l.contains(label))
                .unwrap_or_else(|| panic!("no {label} row at {w}x{h}:\n{text}"))
                .to_string()
        };
        assert!(row("Design").contains("◂ ABAB ▸"), "{w}x{h}:\n{text}");
        assert!(row("Days per phase").contains(" 10 "), "{w}x{h}:\n{text}");
        assert!(row("Washout days").contains(" 2 "), "{w}x{h}:\n{text}");
        assert!(row("Baseline days").contains(" 0 "), "{w}x{h}:\n{text}");
        assert!(row("Randomise").contains("[ ]"), "{w}x{h}:\n{text}");
        // The focused factor's row and the symptom's are there too (row
        // panics when a label is missing).
        row("Factor");
        row("Symptom");
    }
}

/// A long message (what a factor may be) wraps onto up to a third of the
/// screen: whole at 80×24, and at 40×12 cut with "…" rather than silently.
#[test]
fn a_long_error_is_shown_whole_or_marked_as_cut() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>3xscofee<Enter>");
    let msg = app.state.message.clone().unwrap();
    // The screen does not send people to a shell command.
    assert!(
        msg.error && msg.text.ends_with("or a food gutlog knows") && !msg.text.contains('`'),
        "{msg:?}"
    );
    let text = screen(&app, 80, 24);
    let bottom: String = text.lines().rev().take(8).collect::<Vec<_>>().join(" ");
    assert!(bottom.contains("habits: short_sleep"), "{text}");
    assert!(bottom.contains("gutlog knows"), "{text}");
    app.dispatch(gutlog::tui::action::Action::Resize(40, 12));
    let text = screen(&app, 40, 12);
    let last: Vec<&str> = text.lines().rev().take(4).collect();
    assert!(last[0].trim_end().ends_with('…'), "{text}");
    // The screen's own rows are still there above the four message rows.
    assert!(text.lines().next().unwrap().contains("gutlog"), "{text}");
}
