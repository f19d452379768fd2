//! Experiments (issue 12): the command line, the stored rows, export and
//! import, `check`, the reports, the verdict on hand-made diaries, the
//! upgrade of a version-4 diary, and a light sweep of simulated ones.

mod common;

use chrono::NaiveDate;
use common::{gutlog_at, Diary};
use gutlog::analysis::experiment::{evaluate, ExperimentVerdict};
use gutlog::analysis::experiment_sim::{simulate, SimParams};
use gutlog::analysis::Diary as Records;
use gutlog::domain::experiment::{Condition, Design, Experiment, Phase};
use gutlog::domain::food::FoodBook;
use gutlog::domain::{Meal, Severity, Slot, SymptomRating};
use gutlog::exchange::Exchange;
use gutlog::store::LATEST_VERSION;
use gutlog::Store;
use serde_json::Value;
use std::process::Output;

/// Runs gutlog at another "now" (the diary's clock moves on).
fn at(d: &Diary, now: &str, args: &[&str]) -> Output {
    d.cmd().env("GUTLOG_NOW", now).args(args).output().unwrap()
}

fn ok_at(d: &Diary, now: &str, args: &[&str]) -> String {
    let out = at(d, now, args);
    assert!(
        out.status.success(),
        "gutlog {args:?} at {now}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_at(d: &Diary, now: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok_at(d, now, args)).unwrap()
}

/// Text with every run of whitespace made one space (output wraps at 80).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A fixed ABAB on dairy and bloating from 2026-11-20 (today in the
/// tests): without 20–29 Nov, with 30 Nov–9 Dec, without 10–19 Dec,
/// with 20–29 Dec; 2 washout days after each switch.
fn start_dairy(d: &Diary) -> String {
    d.ok(&["experiment", "start", "dairy", "--symptom", "bloating"])
}

#[test]
fn a_version_4_diary_is_upgraded_and_keeps_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gutlog.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v4.db"),
        &db,
    )
    .unwrap();
    let out = gutlog_at(&db).args(["export"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ex: Value = serde_json::from_slice(&out.stdout).unwrap();
    let meals = ex["meals"].as_array().unwrap();
    assert_eq!(meals.len(), 3);
    let v4 = meals.iter().find(|m| m["id"] == "v4-meal").unwrap();
    assert_eq!(v4["note"], "v4 meal");
    assert_eq!(v4["foods"], serde_json::json!(["nan's pie"]));
    assert_eq!(ex["profile"]["birth_year"], 1970);
    assert_eq!(ex["food_parts"][0]["parts"][2], "onion");
    let mut flags: Vec<&str> = ex["red_flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["flag"].as_str().unwrap())
        .collect();
    flags.sort();
    assert_eq!(flags, ["fever", "ovarian_symptoms"]);
    assert!(
        ex.get("experiments").is_none(),
        "no experiments to export yet"
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    drop(store);
    let backup = dir.path().join(format!(
        "backups/gutlog-before-v{LATEST_VERSION}-from-v4.db"
    ));
    let c = rusqlite::Connection::open(&backup).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 4, "the pre-migration backup is the version 4 diary");
    // The upgraded diary takes an experiment.
    let out = gutlog_at(&db)
        .args(["experiment", "start", "dairy", "--symptom", "bloating"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gutlog_at(&db).args(["check"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn start_shows_the_clinician_note_and_refuses_a_second_experiment() {
    let d = Diary::new();
    let out = flat(&start_dairy(&d));
    assert!(
        out.contains("Talk to a clinician") && out.contains("[NICE CG61; Monash FODMAP"),
        "{out}"
    );
    assert!(out.contains("until Tue 29 Dec 2026"), "{out}");
    assert!(out.contains("1 without Fri 20 Nov – Sun 29 Nov"), "{out}");
    let before = d.bytes();
    let err = flat(&d.fails(
        &["experiment", "start", "coffee", "--symptom", "heartburn"],
        2,
    ));
    assert!(
        err.contains("already running")
            && err.contains("dairy")
            && err.contains("one runs at a time"),
        "{err}"
    );
    assert_eq!(d.bytes(), before, "a refused start changes nothing");
    // Medicines: ask the prescriber first, not the food-group note.
    let d = Diary::new();
    let out = flat(&d.ok(&["experiment", "start", "nsaid", "--symptom", "heartburn"]));
    assert!(
        out.contains("prescribed medicine") && !out.contains("whole food groups"),
        "{out}"
    );
}

#[test]
fn bad_starts_are_refused_in_one_line_and_change_nothing() {
    let d = Diary::new();
    d.ok(&["day"]);
    let before = d.bytes();
    for (args, says) in [
        (
            vec!["diary", "--symptom", "bloating"],
            "did you mean 'dairy'",
        ),
        (vec!["dairy", "--symptom", "blotting"], "bloating"),
        // The command line, and only it, points to the command that lists foods.
        (
            vec!["cofee", "--symptom", "bloating"],
            "or a food gutlog knows; see `gutlog food NAME`",
        ),
        (
            vec!["food:chese", "--symptom", "bloating"],
            "'chese' is not one gutlog knows (did you mean 'cheese'?); see `gutlog food NAME`",
        ),
        (
            vec!["dairy", "--symptom", "bloating", "--design", "abc"],
            "use abab",
        ),
        (
            vec!["dairy", "--symptom", "bloating", "--days", "3"],
            "use 7 to 28",
        ),
        (
            vec!["dairy", "--symptom", "bloating", "--washout", "9"],
            "0 to 7",
        ),
        (
            vec!["dairy", "--symptom", "bloating", "--start", "yesterday"],
            "in the past",
        ),
        (
            vec!["dairy", "--symptom", "bloating", "--days", "ten"],
            "not a whole number",
        ),
    ] {
        let mut all = vec!["experiment", "start"];
        all.extend(args.iter().copied());
        let err = d.fails(&all, 2);
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert_eq!(d.bytes(), before, "{args:?} changed the diary");
    }
}

#[test]
fn gluten_needs_the_coeliac_advice_confirmed() {
    let d = Diary::new();
    d.ok(&["day"]);
    let before = d.bytes();
    for factor in ["gluten", "fructans", "bread", "tag:high_fodmap"] {
        let err = d.fails(&["experiment", "start", factor, "--symptom", "bloating"], 2);
        assert!(
            err.contains("tested for coeliac disease while you are still eating it")
                && err.contains("six weeks")
                && err.contains("[NICE NG20")
                && err.contains("--confirm-coeliac-advice"),
            "{factor}: {err}"
        );
        assert_eq!(d.bytes(), before, "{factor}");
    }
    let out = d.ok(&[
        "experiment",
        "start",
        "gluten",
        "--symptom",
        "bloating",
        "--confirm-coeliac-advice",
    ]);
    assert!(
        out.contains("coeliac disease"),
        "the advice is shown again: {out}"
    );
    let ex = d.export();
    assert_eq!(ex["experiments"][0]["factor"], "tag:gluten");
    assert_eq!(ex["experiments"][0]["coeliac_advice_confirmed"], true);
}

#[test]
fn today_shows_the_phase_with_its_dates() {
    let d = Diary::new();
    start_dairy(&d);
    let s = flat(&ok_at(&d, "2026-11-21T20:00:00", &["experiment", "status"]));
    assert!(
        s.contains("Today: Day 2 of 10 without dairy (Fri 20 Nov – Sun 29 Nov) · washout"),
        "{s}"
    );
    let s = flat(&ok_at(&d, "2026-11-22T20:00:00", &["experiment", "status"]));
    assert!(
        s.contains("Today: Day 3 of 10 without dairy (Fri 20 Nov – Sun 29 Nov) Phases"),
        "{s}"
    );
    let s = flat(&ok_at(&d, "2026-12-02T20:00:00", &["experiment", "status"]));
    assert!(
        s.contains("Today: With dairy: have some today, e.g. milk or cheese (day 3 of 10, Mon 30 Nov – Wed 9 Dec)"),
        "{s}"
    );
    let j = json_at(
        &d,
        "2026-12-02T20:00:00",
        &["experiment", "status", "--json"],
    );
    assert_eq!(j["today"]["place"], "phase");
    assert_eq!(j["today"]["phase"], 2);
    assert_eq!(j["today"]["condition"], "with");
    assert_eq!(j["today"]["number"], 13);
}

#[test]
fn the_avoided_factor_warns_and_deviations_are_listed() {
    let d = Diary::new();
    start_dairy(&d);
    let out = flat(&ok_at(
        &d,
        "2026-11-22T20:00:00",
        &["log", "meal", "cheese sandwich", "--at", "13:00"],
    ));
    assert!(
        out.contains("Dairy is being left out until Sun 29 Nov: this counts as a deviation"),
        "{out}"
    );
    let out = ok_at(&d, "2026-11-22T20:00:00", &["log", "meal", "rice, chicken"]);
    assert!(!out.contains("deviation"), "{out}");
    // A day of a "with" phase without dairy is a deviation once it is over.
    ok_at(&d, "2026-12-02T20:00:00", &["log", "meal", "rice, chicken"]);
    let j = json_at(
        &d,
        "2026-12-02T21:00:00",
        &["experiment", "status", "--json"],
    );
    assert_eq!(
        j["deviations"].as_array().unwrap().len(),
        1,
        "not judged before the day ends"
    );
    let j = json_at(
        &d,
        "2026-12-03T09:00:00",
        &["experiment", "status", "--json"],
    );
    let devs = j["deviations"].as_array().unwrap();
    assert_eq!(devs.len(), 2, "{devs:?}");
    assert_eq!(devs[0]["date"], "2026-11-22");
    assert_eq!(devs[0]["kind"], "had");
    assert!(devs[0]["what"]
        .as_str()
        .unwrap()
        .contains("cheese sandwich"));
    assert_eq!(devs[1]["date"], "2026-12-02");
    assert_eq!(devs[1]["kind"], "missed");
    assert_eq!(j["phases"][0]["deviations"], 1);
    assert_eq!(j["phases"][1]["deviations"], 1);
    let s = flat(&ok_at(&d, "2026-12-03T09:00:00", &["experiment", "result"]));
    assert!(
        s.contains("Days count in the phase they were planned for, deviations included"),
        "{s}"
    );
}

#[test]
fn a_medicine_or_a_habit_left_out_warns_too() {
    // Medicines: an NSAID taken while it is left out (the first phase
    // runs 20–29 Nov).
    let d = Diary::new();
    d.ok(&["experiment", "start", "nsaid", "--symptom", "heartburn"]);
    let out = flat(&ok_at(
        &d,
        "2026-11-23T20:00:00",
        &["log", "intake", "ibuprofen", "--kind", "nsaid"],
    ));
    assert!(
        out.contains("Experiment:") && out.contains("until Sun 29 Nov"),
        "{out}"
    );
    let out = ok_at(&d, "2026-11-23T20:00:00", &["log", "intake", "probiotic"]);
    assert!(!out.contains("deviation"), "{out}");
    // Habits: a check-in with short sleep while short sleep is left out.
    let d = Diary::new();
    d.ok(&["experiment", "start", "short_sleep", "--symptom", "fatigue"]);
    let out = flat(&ok_at(
        &d,
        "2026-11-23T20:00:00",
        &["log", "checkin", "--sleep", "5"],
    ));
    assert!(
        out.contains("This day counts as short sleep") && out.contains("a deviation"),
        "{out}"
    );
    let out = ok_at(
        &d,
        "2026-11-24T20:00:00",
        &["log", "checkin", "--sleep", "8"],
    );
    assert!(!out.contains("deviation"), "{out}");
    let j = json_at(
        &d,
        "2026-11-25T09:00:00",
        &["experiment", "status", "--json"],
    );
    let devs = j["deviations"].as_array().unwrap();
    assert_eq!(devs.len(), 1, "{devs:?}");
    assert_eq!(devs[0]["date"], "2026-11-23");
}

#[test]
fn pause_extend_and_an_early_end() {
    let d = Diary::new();
    start_dairy(&d);
    ok_at(&d, "2026-11-25T20:00:00", &["experiment", "pause"]);
    let j = json_at(
        &d,
        "2026-11-27T20:00:00",
        &["experiment", "status", "--json"],
    );
    assert_eq!(j["status"], "paused");
    assert_eq!(j["today"]["place"], "paused");
    let out = ok_at(&d, "2026-11-28T20:00:00", &["experiment", "resume"]);
    // Paused 25, 26, 27 Nov: the plan moves three days on.
    assert!(out.contains("it now ends Fri 1 Jan 2027"), "{out}");
    let out = ok_at(&d, "2026-11-28T20:00:00", &["experiment", "extend", "7"]);
    assert!(out.contains("now ends Fri 8 Jan 2027"), "{out}");
    let err = at(&d, "2026-11-28T20:00:00", &["experiment", "extend", "99"]);
    assert_eq!(err.status.code(), Some(2));
    let s = flat(&ok_at(&d, "2026-12-05T20:00:00", &["experiment", "end"]));
    assert!(
        s.contains("ended early") && s.contains("Ended early, on day 13 of 47."),
        "{s}"
    );
    let j = json_at(
        &d,
        "2026-12-06T20:00:00",
        &["experiment", "result", "--json"],
    );
    assert_eq!(j["status"], "ended_early");
    assert_eq!(j["result"]["interim"], false);
    assert_eq!(j["result"]["ended_early_on_day"], 13);
    assert_eq!(j["pauses"][0]["from"], "2026-11-25");
    assert_eq!(j["pauses"][0]["to"], "2026-11-28");
    // Ended: a new one may start.
    ok_at(
        &d,
        "2026-12-06T20:00:00",
        &["experiment", "start", "coffee", "--symptom", "heartburn"],
    );
    let list = json_at(&d, "2026-12-06T20:00:00", &["experiment", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[1]["status"], "running");
}

/// A hand-made experiment: fixed ABAB of `days` per phase from 1 Sep 2026,
/// no washout, the symptom rated `with`/`without` on each compared day.
fn handmade(days: u32, with: &[i64], without: &[i64], rated: u32) -> (Experiment, Records) {
    let start = date("2026-09-01");
    let e = Experiment {
        id: "hand".into(),
        factor: "tag:dairy".into(),
        symptoms: vec!["bloating".into()],
        design: Design::Abab,
        phases: [
            Condition::Without,
            Condition::With,
            Condition::Without,
            Condition::With,
        ]
        .iter()
        .map(|&condition| Phase { condition, days })
        .collect(),
        baseline_days: 0,
        washout_days: 0,
        randomised: false,
        min_phase_days: days,
        extended_days: 0,
        started_on: start,
        created_at: start.and_hms_opt(8, 0, 0).unwrap(),
        ended_on: None,
        coeliac_advice_confirmed: false,
        pauses: vec![],
    };
    let mut d = Records::default();
    for i in 0..(4 * days) {
        let day = start + chrono::Duration::days(i as i64);
        let phase = i / days;
        let dairy = phase % 2 == 1;
        let values = if dairy { with } else { without };
        d.meals.push(Meal {
            id: format!("m{i}"),
            at: day.and_hms_opt(12, 0, 0).unwrap(),
            slot: Slot::Lunch,
            foods: vec![if dairy { "milk" } else { "rice" }.into()],
            tags: if dairy { vec!["dairy".into()] } else { vec![] },
            note: None,
        });
        if i % days < rated {
            d.symptoms.push(SymptomRating {
                id: format!("s{i}"),
                at: day.and_hms_opt(21, 0, 0).unwrap(),
                symptom: "bloating".into(),
                severity: Severity::new(values[(i as usize) % values.len()]).unwrap(),
                note: None,
            });
        }
    }
    (e, d)
}

#[test]
fn verdicts_say_what_happened_with_counts_and_the_next_step() {
    let book = FoodBook::bundled();
    let after = date("2026-11-01");
    // Bloating on every day with dairy, rarely without: clearly worse.
    let (e, d) = handmade(10, &[2, 3, 2, 3], &[0, 0, 1, 0, 0], 10);
    let r = evaluate(&e, &d, &book, after);
    let s = &r.result.symptoms[0];
    assert_eq!(s.verdict, ExperimentVerdict::ClearlyWorse);
    assert_eq!(s.headline, "Clearly worse with dairy");
    assert_eq!((s.with.days, s.with.days_with_symptom), (20, 20));
    assert_eq!((s.without.days, s.without.days_with_symptom), (20, 4));
    assert!(
        s.sentence.starts_with(
            "Bloating averaged 2.5 on the 20 compared days with dairy and 0.2 on the 20 without"
        ),
        "{}",
        s.sentence
    );
    assert!(s
        .sentence
        .contains("it came on 20 of 20 days with dairy and 4 of 20 without"));
    assert!(s.sentence.contains("is unlikely to be chance"));
    assert!(s.ci_low.unwrap() > 1.0 && s.ci_high.unwrap() < 3.5, "{s:?}");
    assert!(s
        .next_step
        .starts_with("Talk to your clinician about leaving dairy out"));
    assert!(!r.result.interim);
    // The reverse: clearly better (a helper).
    let (e, d) = handmade(10, &[0, 0, 1, 0, 0], &[2, 3, 2, 3], 10);
    let s = &evaluate(&e, &d, &book, after).result.symptoms[0];
    assert_eq!(s.verdict, ExperimentVerdict::ClearlyBetter);
    assert!(
        s.next_step.contains("seems to help your bloating"),
        "{}",
        s.next_step
    );
    // The same days either way: no clear difference, and how big a
    // difference it could have found.
    let (e, d) = handmade(10, &[0, 1, 2, 0, 1], &[1, 0, 0, 2, 1], 10);
    let s = &evaluate(&e, &d, &book, after).result.symptoms[0];
    assert_eq!(s.verdict, ExperimentVerdict::NoClearDifference);
    assert!(
        s.headline.starts_with(
            "No clear difference (this experiment could have detected a difference of about "
        ) && s.headline.ends_with(" in the daily rating)"),
        "{}",
        s.headline
    );
    assert!(s.sentence.contains("could well be chance"));
    assert!(s.next_step.contains("you could bring it back"));
    // Two rated days per phase: not enough.
    let (e, d) = handmade(10, &[3], &[0], 2);
    let s = &evaluate(&e, &d, &book, after).result.symptoms[0];
    assert_eq!(s.verdict, ExperimentVerdict::NotEnoughDays);
    assert_eq!(s.headline, "Not enough logged days");
    assert!(s
        .sentence
        .contains("rated on 4 compared days with dairy and 4 without"));
    assert!(s.sentence.contains("at least 5 of each are needed"));
    // While it runs, an interim look says so.
    let (e, d) = handmade(10, &[2, 3], &[0, 0, 1], 10);
    let r = evaluate(&e, &d, &book, date("2026-09-25"));
    assert!(r.result.interim);
    assert!(r.result.symptoms[0].headline.starts_with("So far: "));
    assert!(r.result.notes.iter().any(|n| n.starts_with("Interim")));
}

#[test]
fn several_symptoms_share_the_level_and_the_interval_says_so() {
    // Two symptoms: each is held to 0.05 ÷ 2, and its interval is the
    // matching 97.5% one, which the sentence names.
    let book = FoodBook::bundled();
    let (mut e, d) = handmade(10, &[2, 3, 2, 3], &[0, 0, 1, 0, 0], 10);
    e.symptoms.push("gas".into());
    let r = evaluate(&e, &d, &book, date("2026-11-01"));
    let s = &r.result.symptoms[0];
    assert_eq!(s.verdict, ExperimentVerdict::ClearlyWorse);
    assert_eq!(s.alpha, 0.025);
    assert!(s.sentence.contains("(97.5% interval "), "{}", s.sentence);
    assert!(s.sentence.ends_with("(p < 0.001)."), "{}", s.sentence);
    assert_eq!(
        r.result.symptoms[1].verdict,
        ExperimentVerdict::NotEnoughDays,
        "gas was never rated"
    );
    assert!(r
        .result
        .notes
        .iter()
        .any(|n| n == "2 symptoms are tested, so each must reach p ≤ 0.025 to count as clear."));
    // One symptom: the usual 95%.
    e.symptoms.pop();
    let s = &evaluate(&e, &d, &book, date("2026-11-01")).result.symptoms[0];
    assert!(s.sentence.contains("(95% interval "), "{}", s.sentence);
    let (e, d) = handmade(10, &[0, 1, 2, 0, 1], &[1, 0, 0, 2, 1], 10);
    let s = &evaluate(&e, &d, &book, date("2026-11-01")).result.symptoms[0];
    assert!(s.sentence.contains("(p = 0."), "{}", s.sentence);
}

#[test]
fn red_flags_during_an_experiment_keep_the_see_a_doctor_guidance() {
    let d = Diary::new();
    start_dairy(&d);
    let out = ok_at(
        &d,
        "2026-11-23T20:00:00",
        &["log", "flag", "blood_in_stool"],
    );
    assert!(out.contains("SEE A DOCTOR"), "{out}");
    let s = flat(&ok_at(&d, "2026-11-24T20:00:00", &["experiment", "status"]));
    assert!(s.starts_with("SEE A DOCTOR."), "{s}");
    assert!(
        s.contains("A red flag was logged during this experiment"),
        "{s}"
    );
    let j = json_at(
        &d,
        "2026-11-24T20:00:00",
        &["experiment", "result", "--json"],
    );
    assert_eq!(j["red_flags"][0]["flag"], "blood_in_stool");
    assert!(j["red_flags"][0]["guidance"].as_str().unwrap().len() > 20);
}

/// The case as a diary file: a simulated six-week randomised
/// ABAB (`experiment_sim`) exported with its experiment.
fn simulated_file(d: &Diary, effect: f64, seed: u64) -> (std::path::PathBuf, ExperimentVerdict) {
    let p = SimParams::six_week_abab(effect, 0.3);
    let (e, records) = simulate(&p, seed);
    let expected = gutlog::analysis::experiment_sim::run(&p, seed)
        .result
        .symptoms[0]
        .verdict;
    let mut ex = Exchange::empty();
    ex.meals = records.meals;
    ex.symptoms = records.symptoms;
    ex.experiments = vec![e];
    let path = d.dir.path().join(format!("sim-{seed}.json"));
    std::fs::write(&path, ex.to_json()).unwrap();
    (path, expected)
}

#[test]
fn a_finished_experiment_is_exported_imported_and_judged_the_same() {
    let d = Diary::new();
    let (file, expected) = simulated_file(&d, 3.0, 11);
    assert_eq!(
        expected,
        ExperimentVerdict::ClearlyWorse,
        "seed 11 is a clear one"
    );
    let out = d.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("(0 already present)"), "{out}");
    let j = json_at(&d, common::NOW, &["experiment", "result", "--json"]);
    assert_eq!(j["status"], "finished");
    assert_eq!(j["result"]["symptoms"][0]["verdict"], "clearly_worse");
    assert_eq!(j["result"]["interim"], false);
    // Export → import into an empty diary → export: identical.
    let first = d.ok(&["export"]);
    let d2 = Diary::new();
    let f2 = d2.dir.path().join("again.json");
    std::fs::write(&f2, &first).unwrap();
    d2.ok(&["import", f2.to_str().unwrap()]);
    assert_eq!(d2.ok(&["export"]), first);
    // Importing it again adds nothing.
    let again = d.ok(&["import", f2.to_str().unwrap()]);
    assert!(again.starts_with("Imported 0 new entries"), "{again}");
}

#[test]
fn experiments_with_pauses_and_ends_round_trip() {
    let d = Diary::new();
    start_dairy(&d);
    ok_at(&d, "2026-11-25T20:00:00", &["experiment", "pause"]);
    ok_at(&d, "2026-11-28T20:00:00", &["experiment", "resume"]);
    ok_at(&d, "2026-11-28T20:00:00", &["experiment", "extend", "5"]);
    ok_at(&d, "2026-12-01T20:00:00", &["experiment", "end"]);
    let first = ok_at(&d, "2026-12-01T20:00:00", &["export"]);
    let v: Value = serde_json::from_str(&first).unwrap();
    let x = &v["experiments"][0];
    assert_eq!(x["extended_days"], 5);
    assert_eq!(x["ended_on"], "2026-12-01");
    assert_eq!(
        x["phases"][0],
        serde_json::json!({"condition": "without", "days": 10})
    );
    assert_eq!(
        v["version"],
        gutlog::exchange::VERSION,
        "new optional keys need no new version"
    );
    let d2 = Diary::new();
    let f = d2.dir.path().join("x.json");
    std::fs::write(&f, &first).unwrap();
    d2.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(ok_at(&d2, "2026-12-01T20:00:00", &["export"]), first);
}

#[test]
fn bad_or_overlapping_experiments_are_refused_whole() {
    let d = Diary::new();
    start_dairy(&d);
    let before = d.bytes();
    let good = serde_json::json!({
        "factor": "tag:caffeine", "symptoms": ["heartburn"], "design": "ab",
        "phases": [{"condition": "without", "days": 14}, {"condition": "with", "days": 14}],
        "washout_days": 2, "min_phase_days": 10, "started_on": "2026-06-01"
    });
    let cases = [
        ("factor", serde_json::json!("caffeine"), "kind:name"),
        (
            "factor",
            serde_json::json!("tag:caffiene"),
            "did you mean 'caffeine'",
        ),
        (
            "symptoms",
            serde_json::json!(["heartburn", "heartburn"]),
            "name each once",
        ),
        ("design", serde_json::json!("abc"), "unknown design"),
        (
            "phases",
            serde_json::json!([{"condition": "without", "days": 14}, {"condition": "without", "days": 14}]),
            "alternate",
        ),
        ("washout_days", serde_json::json!(12), "washout 12"),
        (
            "started_on",
            serde_json::json!("2026-11-25"),
            "overlaps the diary's experiment on dairy",
        ),
        ("colour", serde_json::json!("red"), "unknown field"),
    ];
    for (key, value, says) in cases {
        let mut x = good.clone();
        x[key] = value;
        let file = d.dir.path().join("bad.json");
        let text = serde_json::json!({"format": "gutlog", "version": 1, "experiments": [x]});
        std::fs::write(&file, text.to_string()).unwrap();
        let err = d.fails(&["import", file.to_str().unwrap()], 2);
        assert!(err.contains(says), "{key}: {err}");
        assert_eq!(d.bytes(), before, "{key}");
    }
    // Two in one file that share dates.
    let file = d.dir.path().join("two.json");
    let text = serde_json::json!({"format": "gutlog", "version": 1, "experiments": [good, good]});
    std::fs::write(&file, text.to_string()).unwrap();
    let err = d.fails(&["import", file.to_str().unwrap()], 2);
    assert!(
        err.contains("experiments[0] and experiments[1] overlap"),
        "{err}"
    );
    // The good one alone imports (it ended before dairy started).
    let text = serde_json::json!({"format": "gutlog", "version": 1, "experiments": [good]});
    std::fs::write(&file, text.to_string()).unwrap();
    d.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(d.export()["experiments"].as_array().unwrap().len(), 2);
}

#[test]
fn check_reports_an_experiment_that_import_would_refuse() {
    let d = Diary::new();
    start_dairy(&d);
    assert!(d.ok(&["check"]).contains("Your diary is healthy."));
    {
        let c = rusqlite::Connection::open(&d.db).unwrap();
        c.execute(
            "UPDATE experiments SET phases = '[{\"condition\":\"with\",\"days\":10},{\"condition\":\"with\",\"days\":10},{\"condition\":\"without\",\"days\":10},{\"condition\":\"with\",\"days\":10}]'",
            [],
        )
        .unwrap();
    }
    let out = d.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("experiments[0]") && text.contains("alternate"),
        "{text}"
    );
}

#[test]
fn reports_say_how_to_test_a_finding_and_show_the_verdict_beside_it() {
    let d = Diary::new();
    // A finished experiment on dairy and bloating (clearly worse) …
    let (file, _) = simulated_file(&d, 3.0, 11);
    d.ok(&["import", file.to_str().unwrap()]);
    // … and eight weeks of diary in which dairy comes before bloating.
    let mut ex = Exchange::empty();
    let end = date("2026-11-20");
    for i in 0..56 {
        let day = end - chrono::Duration::days(i);
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
    let f = d.dir.path().join("diary.json");
    std::fs::write(&f, ex.to_json()).unwrap();
    d.ok(&["import", f.to_str().unwrap()]);
    let j: Value = serde_json::from_str(&d.ok(&["report", "--json"])).unwrap();
    let x = &j["experiments"];
    assert!(x["how_to_start"]
        .as_str()
        .unwrap()
        .contains("To test a finding, start an experiment: gutlog experiment start "));
    let tests: Vec<&str> = x["test_this"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["command"].as_str().unwrap())
        .collect();
    assert!(
        tests.contains(&"gutlog experiment start tag:dairy --symptom bloating"),
        "{tests:?}"
    );
    assert_eq!(x["results"][0]["factor"], "tag:dairy");
    assert_eq!(x["results"][0]["verdict"], "clearly_worse");
    let text = flat(&d.ok(&["report"]));
    assert!(text.contains("Testing a finding"), "{text}");
    assert!(
        text.contains("tag:dairy · Bloating: Experiment (5 Jan – ")
            && text.contains("Clearly worse with dairy"),
        "{text}"
    );
    // The report for a doctor lists it.
    let md = d.ok(&["report", "--format", "markdown", "--days", "365"]);
    assert!(md.contains("## Experiments"), "{md}");
    assert!(md.contains("Dairy and bloating (ABAB, randomised"), "{md}");
    assert!(md.contains("*Clearly worse with dairy*"), "{md}");
}

#[test]
fn csv_export_has_an_experiments_file() {
    let d = Diary::new();
    let (file, _) = simulated_file(&d, 3.0, 11);
    d.ok(&["import", file.to_str().unwrap()]);
    let out = d.dir.path().join("csv");
    d.ok(&["export", "--format", "csv", "--out", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(out.join("experiments.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..4], ["id", "factor", "factor_label", "symptom"]);
    let recs: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), 1);
    let col = |name: &str| &recs[0][header.iter().position(|h| h == name).unwrap()];
    assert_eq!(col("factor"), "tag:dairy");
    assert_eq!(col("verdict"), "clearly_worse");
    assert_eq!(col("status"), "finished");
    assert!(text.contains("\r\n"), "CRLF line ends");
}

#[test]
fn status_json_has_the_documented_keys() {
    let d = Diary::new();
    start_dairy(&d);
    let j = json_at(
        &d,
        "2026-11-25T20:00:00",
        &["experiment", "status", "--json"],
    );
    for key in [
        "id",
        "factor",
        "factor_label",
        "symptoms",
        "design",
        "randomised",
        "baseline_days",
        "washout_days",
        "status",
        "started_on",
        "planned_end",
        "ended_on",
        "today",
        "phases",
        "days",
        "pauses",
        "deviations",
        "red_flags",
        "result",
    ] {
        assert!(j.get(key).is_some(), "missing {key}");
    }
    for key in [
        "number",
        "condition",
        "start",
        "end",
        "days",
        "washout_days",
        "days_so_far",
        "days_rated",
        "symptom_days",
        "deviations",
    ] {
        assert!(j["phases"][0].get(key).is_some(), "phases: missing {key}");
    }
    let s = &j["result"]["symptoms"][0];
    for key in [
        "symptom",
        "name",
        "with",
        "without",
        "difference",
        "ci_low",
        "ci_high",
        "p_value",
        "alpha",
        "rho",
        "detectable",
        "randomisation_p",
        "schedules",
        "verdict",
        "headline",
        "sentence",
        "next_step",
    ] {
        assert!(s.get(key).is_some(), "result: missing {key}");
    }
    assert_eq!(j["days"].as_array().unwrap().len(), 6, "20 to 25 Nov");
}

#[test]
fn one_rule_decides_exposure_for_findings_and_experiments() {
    // Every same-day finding's count of days with its factor is what the
    // experiments' rule (domain::factor) counts over the same meal days.
    let today = date("2026-11-20");
    let ex = gutlog::demo::generate(120, 5, today);
    let mut store = Store::open_in_memory().unwrap();
    store.import(&ex).unwrap();
    let params = gutlog::analysis::ReviewParams::new(today);
    let (from, to) = params.dates_needed();
    let diary = store.diary(from, to).unwrap();
    let review = gutlog::analysis::weekly_review(&diary, &params);
    let book = store.food_book().unwrap();
    let mut checked = 0;
    for f in review
        .findings
        .iter()
        .filter(|f| f.lag == gutlog::analysis::Lag::SameDay)
    {
        let Some(factor) =
            gutlog::domain::factor::Factor::from_id(&f.factor).filter(|x| x.testable())
        else {
            continue;
        };
        let mut exposed = 0;
        let mut d = params.history_start();
        while d <= today {
            let meals: Vec<&Meal> = diary.meals.iter().filter(|m| m.at.date() == d).collect();
            let intakes: Vec<_> = diary.intakes.iter().filter(|i| i.at.date() == d).collect();
            let checkin = diary.checkins.iter().find(|c| c.date == d);
            if !meals.is_empty() && factor.on_day(&meals, &intakes, checkin, &book) == Some(true) {
                exposed += 1;
            }
            d += chrono::Duration::days(1);
        }
        assert_eq!(exposed, f.exposed_days, "{}", f.factor);
        checked += 1;
    }
    assert!(
        checked >= 2,
        "only {checked} findings checked: {:?}",
        review.findings
    );
}

#[test]
fn a_light_sweep_of_simulated_experiments_keeps_the_verdicts_honest() {
    // The benchmark (benches/experiments-accuracy.rs) runs hundreds of
    // seeds per case in release; this is a quick guard against a broken test.
    let count = |effect: f64, wanted: &[ExperimentVerdict]| {
        let p = SimParams::six_week_abab(effect, 0.3);
        (0..40)
            .filter(|&s| {
                wanted.contains(
                    &gutlog::analysis::experiment_sim::run(&p, 1000 + s)
                        .result
                        .symptoms[0]
                        .verdict,
                )
            })
            .count()
    };
    let worse = count(3.0, &[ExperimentVerdict::ClearlyWorse]);
    let false_alarms = count(
        1.0,
        &[
            ExperimentVerdict::ClearlyWorse,
            ExperimentVerdict::ClearlyBetter,
        ],
    );
    assert!(worse >= 24, "a tripling found {worse} times in 40");
    assert!(
        false_alarms <= 4,
        "no effect called clear {false_alarms} times in 40"
    );
}

#[test]
fn with_phase_examples_are_foods_the_dictionary_gives_that_factor() {
    let book = FoodBook::bundled();
    let examples = &gutlog::content::experiments().examples;
    assert!(examples.len() >= 10);
    for (id, foods) in examples {
        let factor = gutlog::domain::factor::Factor::from_id(id).unwrap();
        assert!(factor.testable(), "{id}");
        for food in foods {
            let meal = Meal {
                id: "x".into(),
                at: date("2026-11-20").and_hms_opt(12, 0, 0).unwrap(),
                slot: Slot::Lunch,
                foods: vec![food.clone()],
                tags: book.infer(std::slice::from_ref(food)),
                note: None,
            };
            assert!(factor.meal_has(&meal, &book), "{food} does not have {id}");
        }
    }
    // Every advice text experiments show names its sources (content test
    // `every_claim_names_a_known_source` checks they are on the list).
    for (id, note) in gutlog::analysis::experiment::cited_notes() {
        assert!(!note.sources.is_empty(), "{id}");
    }
}

/// Experiments never share a day (an export holding two that did could
/// not be imported, nor synced): a start on the day the last one ended is
/// refused in one line, saying when to start, and changes nothing; the
/// next day it starts.
#[test]
fn a_start_on_the_day_the_last_one_ended_is_refused_until_the_next_day() {
    let d = Diary::new();
    start_dairy(&d);
    ok_at(&d, "2026-11-25T20:00:00", &["experiment", "end"]);
    let before = d.bytes();
    let out = at(
        &d,
        "2026-11-25T20:05:00",
        &["experiment", "start", "coffee", "--symptom", "heartburn"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = flat(&String::from_utf8_lossy(&out.stderr));
    assert!(
        err.contains("dairy") && err.contains("2026-11-26"),
        "says which and when: {err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(d.bytes(), before);
    ok_at(
        &d,
        "2026-11-26T08:00:00",
        &["experiment", "start", "coffee", "--symptom", "heartburn"],
    );
    // The diary's export imports into another diary whole.
    let f = d.dir.path().join("all.json");
    std::fs::write(&f, ok_at(&d, "2026-11-26T08:05:00", &["export"])).unwrap();
    let e = Diary::new();
    ok_at(&e, "2026-11-26T08:10:00", &["import", f.to_str().unwrap()]);
    assert_eq!(
        json_at(&e, "2026-11-26T08:10:00", &["experiment", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}
