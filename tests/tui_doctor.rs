//! The red flags, the optional profile and what the diary itself shows
//! on the check-in screen (issue 10): the profile form and the questions
//! it makes relevant, the diary's see-a-doctor notes on Today and
//! Insights with their sources, the Insights caveat's sources, and web
//! addresses kept whole in the Guide. Key-driven flows that check the
//! database.

mod support;

use chrono::{Duration, NaiveDate};
use gutlog::analysis::doctor::doctor_notes;
use gutlog::content::{self, cite};
use gutlog::domain::profile::{Profile, Sex};
use gutlog::domain::{new_id, Severity, SymptomRating};
use gutlog::tui::state::Modal;
use support::{message, press, screen, words, Diary};

fn today() -> NaiveDate {
    support::clock().today()
}

fn question(id: &str) -> &'static str {
    &content::red_flags().get(id).unwrap().question
}

/// Bloating rated mild on the `n` days before today.
fn bloating_days(d: &Diary, n: i64) {
    let mut store = d.store();
    for back in 1..=n {
        store
            .set_symptom_for_day(
                &SymptomRating {
                    id: new_id(),
                    at: (today() - Duration::days(back))
                        .and_hms_opt(20, 0, 0)
                        .unwrap(),
                    symptom: "bloating".into(),
                    severity: Severity::new(1).unwrap(),
                    note: None,
                },
                support::clock().now(),
            )
            .unwrap();
    }
}

#[test]
fn the_profile_is_set_from_the_red_flag_questions_and_decides_them() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>f");
    // No profile: every question, each saying whom it is for, and how to
    // narrow them down; nothing is asked about you.
    assert_eq!(app.state.red_flag_questions().len(), 11);
    let shown = words(&app, 120, 40);
    assert!(shown.contains(question("ovarian_symptoms")), "{shown}");
    assert!(shown.contains("If you are 60 or over:"), "{shown}");
    assert!(
        shown.contains("p gives your year of birth and sex (both optional)"),
        "{shown}"
    );
    assert!(matches!(app.state.modal, Some(Modal::RedFlags { .. })));
    press(&mut app, "<Esc>");
    assert_eq!(d.store().profile().unwrap(), Profile::default());

    // A typo in the year: a message saying what to type, nothing saved.
    press(&mut app, "fp19x6<Enter>");
    assert!(
        message(&app).contains("year of birth '19x6' is not a year; type four digits"),
        "{}",
        message(&app)
    );
    assert!(matches!(app.state.modal, Some(Modal::Profile(_))));
    assert_eq!(d.store().profile().unwrap(), Profile::default());
    press(&mut app, "<C-u>2030<Enter>");
    assert!(message(&app).contains("out of range"), "{}", message(&app));
    // A young man: the over-60 and the women's questions are not asked.
    press(&mut app, "<C-u>1996<Tab><Right><Right><Enter>");
    let p = d.store().profile().unwrap();
    assert_eq!(
        p,
        Profile {
            birth_year: Some(1996),
            sex: Some(Sex::Male)
        }
    );
    assert_eq!(
        message(&app),
        "Saved: your profile (born 1996, male): 9 of 11 red-flag questions apply"
    );
    assert!(matches!(app.state.modal, Some(Modal::RedFlags { .. })));
    let shown = words(&app, 120, 40);
    assert!(!shown.contains(question("ovarian_symptoms")), "{shown}");
    assert!(!shown.contains("If you are 60 or over:"), "{shown}");
    assert!(
        shown
            .contains("Asked for your profile (born 1996, male): 9 of 11 questions. p changes it."),
        "{shown}"
    );
    // The ninth question shown is the family history: ticking it saves
    // that flag, not the ninth of the whole list.
    press(&mut app, "jjjjjjjj ");
    assert_eq!(d.today().red_flags, vec!["family_history_cancer"]);
    press(&mut app, " <Esc>");
    assert!(d.today().red_flags.is_empty());
    // `u` takes back each change, the profile last.
    press(&mut app, "uuu");
    assert_eq!(d.store().profile().unwrap(), Profile::default());
    assert_eq!(app.state.red_flag_questions().len(), 11);
}

#[test]
fn a_question_ticked_before_the_profile_excluded_it_can_still_be_unticked() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>f");
    let n = app.state.red_flag_questions().len();
    press(&mut app, &format!("{} ", "j".repeat(n - 1)));
    assert_eq!(d.today().red_flags, vec!["ovarian_symptoms"]);
    // Sex only: male. The age question stays (age unknown).
    press(&mut app, "p<Tab><Left><Enter>");
    assert_eq!(d.store().profile().unwrap().sex, Some(Sex::Male));
    let ids: Vec<&str> = app
        .state
        .red_flag_questions()
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert!(ids.contains(&"bowel_change_over_60"), "{ids:?}");
    assert_eq!(ids.last(), Some(&"ovarian_symptoms"), "ticked, so shown");
    press(&mut app, &format!("{} ", "j".repeat(ids.len())));
    assert!(d.today().red_flags.is_empty());
    press(&mut app, "<Esc><Esc>f");
    assert!(!app
        .state
        .red_flag_questions()
        .iter()
        .any(|f| f.id == "ovarian_symptoms"));
    // Esc in the form keeps the profile as it was.
    press(&mut app, "p<Tab><Right><Esc>");
    assert_eq!(message(&app), "Not saved.");
    assert_eq!(d.store().profile().unwrap().sex, Some(Sex::Male));
}

#[test]
fn the_diarys_doctor_notes_show_on_today_and_insights_with_their_sources() {
    let d = Diary::new();
    support::log_evening(&mut d.store());
    // Bloating on 12 of the last 30 days (yesterday back): no note yet.
    bloating_days(&d, 12);
    let store = d.store();
    let from = (today() - Duration::days(100))
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let to = (today() + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap();
    let notes = |store: &gutlog::Store| {
        doctor_notes(
            &store.symptoms_between(from, to).unwrap(),
            &store.stools_between(from, to).unwrap(),
            today(),
            &store.profile().unwrap(),
        )
    };
    // log_evening rates bloating today: 13 days.
    let expected = notes(&store);
    assert_eq!(expected.len(), 1);
    let cited = expected[0].cited();
    assert!(cited.contains(&cite(&expected[0].sources)));

    let mut app = d.app();
    assert_eq!(app.state.notes.doctor, expected);
    // In full where there is room, with its sources.
    let shown = words(&app, 120, 40);
    assert!(
        shown.contains("From your log: worth showing a doctor"),
        "{shown}"
    );
    assert!(shown.contains(&cited), "{shown}");
    // At 80×24 one short line, and the meals stay in view.
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("\nFrom your log, worth showing a doctor: frequent bloating. f says why.\n"),
        "{shown}"
    );
    assert!(
        shown.contains("Meals") && shown.contains("08:00 breakfast"),
        "{shown}"
    );
    // f shows it whole, under the questions.
    press(&mut app, "f");
    let n = app.state.red_flag_questions().len();
    press(&mut app, &"j".repeat(n - 1));
    assert!(words(&app, 80, 24).contains(&cited));
    // Insights keeps its room for the review: the short line, with the
    // sources where two lines fit.
    press(&mut app, "<Esc>4");
    let short = format!(
        "From your log, worth showing a doctor: frequent bloating {}. On Today (1), f says why.",
        cite(&expected[0].sources)
    );
    assert!(
        words(&app, 120, 40).contains(&short),
        "{}",
        screen(&app, 120, 40)
    );
    assert!(words(&app, 80, 24)
        .contains("worth showing a doctor: frequent bloating. On Today (1), f says why."));

    // Worked out again when the diary changes (on the effects side):
    // bloating today rated none leaves 12 days, and the note goes.
    press(&mut app, "1/bl<Enter>0");
    assert_eq!(
        d.today()
            .symptoms
            .iter()
            .find(|r| r.symptom == "bloating")
            .unwrap()
            .severity
            .level(),
        0
    );
    assert!(app.state.notes.doctor.is_empty());
    assert!(!words(&app, 120, 40).contains("worth showing a doctor"));
    // A man gets the general wording, without the ovarian-cancer advice.
    press(&mut app, "1");
    press(&mut app, "/bl<Enter>1");
    press(&mut app, "fp<Tab><Left><Enter><Esc>");
    assert_eq!(app.state.notes.doctor.len(), 1);
    assert!(!app.state.notes.doctor[0].text.contains("CA125"));
    assert_eq!(app.state.notes.doctor, notes(&d.store()));
}

#[test]
fn the_insights_caveat_carries_its_sources() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>4");
    let caveat = format!(
        "{} {}",
        app.state.insights.review.as_ref().unwrap().caveat,
        cite(&content::insights().caveat_sources)
    );
    assert!(cite(&content::insights().caveat_sources).len() > 2);
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = words(&app, w, h);
        assert!(shown.contains(&caveat), "{w}x{h}: {shown}");
    }
}

#[test]
fn the_guide_never_breaks_a_web_address() {
    let guide = &content::guide().sections;
    let urls: Vec<&str> = content::sources()
        .sources
        .iter()
        .map(|s| s.url.as_str())
        .collect();
    assert!(urls.len() > 5);
    let mut seen = 0;
    for width in 50..=120 {
        for (i, section) in guide.iter().enumerate() {
            let lines = gutlog::tui::guide::wrapped(i, width);
            let text = lines.join("\n");
            for url in &urls {
                if url.len() > width as usize - 2 || !section.body.contains(url) {
                    continue;
                }
                seen += 1;
                assert!(
                    lines.iter().any(|l| l.contains(url)),
                    "{url} broken at width {width}:\n{text}"
                );
            }
        }
    }
    assert!(seen > 100, "web addresses checked: {seen}");
    // On screen, in "About this guide".
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>5<Left>");
    let about = guide.iter().position(|s| s.id == "about").unwrap();
    while app.state.guide.section != about {
        press(&mut app, "<Left>");
    }
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("https://www.nhs.uk/conditions/leaky-gut-syndrome/"),
        "{shown}"
    );
}
