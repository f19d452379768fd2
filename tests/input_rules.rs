//! One rule per fact: the time-of-day parser, the "not more than an hour
//! ahead" rule, the note rule and the meal built from input are the same
//! for the CLI and import (the TUI's side is in tests/tui_meals.rs).

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::Diary;
use gutlog::domain::food::FoodBook;
use gutlog::domain::meal::{MealDraft, TagChoice};
use gutlog::domain::time::{check_not_ahead, parse_time_of_day, parse_when};
use gutlog::domain::{clean_note, Clock};

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn times_of_day_are_read_the_way_people_type_them() {
    for (typed, want) in [
        ("8", t(8, 0)),
        ("08", t(8, 0)),
        ("830", t(8, 30)),
        ("0830", t(8, 30)),
        ("8:30", t(8, 30)),
        ("8.30", t(8, 30)),
        ("20:30", t(20, 30)),
        ("2030", t(20, 30)),
        ("8pm", t(20, 0)),
        ("8 PM", t(20, 0)),
        ("8:30am", t(8, 30)),
        ("12am", t(0, 0)),
        ("12pm", t(12, 0)),
        ("12:15 p.m.", t(12, 15)),
        ("0", t(0, 0)),
        ("23:59", t(23, 59)),
        (" 7:05 ", t(7, 5)),
    ] {
        assert_eq!(parse_time_of_day(typed).ok(), Some(want), "{typed:?}");
    }
    assert_eq!(
        parse_time_of_day("19:30:15").unwrap(),
        NaiveTime::from_hms_opt(19, 30, 15).unwrap()
    );
    for bad in [
        "",
        "24",
        "2400",
        "860",
        "8:3",
        "8:300",
        "13pm",
        "0am",
        "12345",
        "8:60",
        "x",
        "8h",
        "-8",
        ":30",
        "8:30:60",
        "8:30:00pm",
        "８",
    ] {
        let err = parse_time_of_day(bad).unwrap_err().to_string();
        assert!(err.contains("8pm"), "{bad:?}: {err}");
    }
}

#[test]
fn the_cli_at_uses_the_same_time_parser() {
    let clock = Clock::fixed(
        NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(21, 0, 0)
            .unwrap(),
    );
    let today = clock.today();
    assert_eq!(parse_when("8pm", &clock).unwrap(), today.and_time(t(20, 0)));
    assert_eq!(parse_when("830", &clock).unwrap(), today.and_time(t(8, 30)));
    assert_eq!(
        parse_when("yesterday 7", &clock).unwrap(),
        today.pred_opt().unwrap().and_time(t(7, 0))
    );
    let d = Diary::new();
    d.ok(&["log", "meal", "oats", "--at", "8"]);
    d.ok(&["log", "stool", "4", "--at", "7:40am"]);
    let ex = d.export();
    assert_eq!(ex["meals"][0]["at"], "2026-11-20T08:00:00");
    assert_eq!(ex["meals"][0]["slot"], "breakfast");
    assert_eq!(ex["stools"][0]["at"], "2026-11-20T07:40:00");
}

#[test]
fn nothing_is_logged_more_than_an_hour_ahead() {
    let now = NaiveDate::from_ymd_opt(2026, 11, 20)
        .unwrap()
        .and_hms_opt(21, 0, 0)
        .unwrap();
    assert!(check_not_ahead(now + chrono::Duration::minutes(60), now).is_ok());
    let err = check_not_ahead(now + chrono::Duration::minutes(61), now).unwrap_err();
    assert!(err.to_string().contains("more than an hour"), "{err}");

    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    let before = d.bytes();
    for args in [
        &["log", "meal", "pasta", "--at", "22:30"][..],
        &["log", "symptom", "gas", "1", "--at", "2026-11-21 08:00"],
        &["log", "intake", "zinc", "--at", "23:59"],
        &["log", "stool", "4", "--at", "2027-01-01T00:00:00"],
    ] {
        let err = d.fails(args, 2);
        assert!(
            err.contains("more than an hour from now"),
            "{args:?}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1);
        assert_eq!(d.bytes(), before, "{args:?} changed the diary");
    }
    for args in [
        &["log", "checkin", "--mood", "3", "--date", "2026-11-21"][..],
        &["log", "flag", "fever", "--date", "2026-12-01"],
    ] {
        let err = d.fails(args, 2);
        assert!(err.contains("is in the future"), "{args:?}: {err}");
        assert_eq!(d.bytes(), before);
    }
    // Up to an hour ahead is fine: a meal about to be eaten.
    d.ok(&["log", "meal", "pasta", "--at", "22:00"]);
}

#[test]
fn notes_follow_one_rule_in_the_cli_and_import() {
    assert_eq!(clean_note(Some("  ")).unwrap(), None);
    assert_eq!(
        clean_note(Some(" late 🍝 ")).unwrap().as_deref(),
        Some("late 🍝")
    );
    assert_eq!(clean_note(None).unwrap(), None);
    assert!(clean_note(Some("bell\u{7}")).is_err());

    let cli = Diary::new();
    cli.ok(&["log", "meal", "rice", "--at", "12:00", "--note", "   "]);
    cli.ok(&[
        "log", "meal", "beans", "--at", "13:00", "--note", "  late  ",
    ]);
    cli.ok(&["log", "symptom", "gas", "1", "--note", " \t "]);
    let ex = cli.export();
    assert_eq!(ex["meals"][0]["note"], serde_json::Value::Null);
    assert_eq!(ex["meals"][1]["note"], "late");
    assert_eq!(ex["symptoms"][0]["note"], serde_json::Value::Null);

    let file = serde_json::json!({"format": "gutlog", "version": 1,
        "meals": [
            {"at": "2026-11-20T12:00:00", "foods": ["rice"], "note": "   "},
            {"at": "2026-11-20T13:00:00", "foods": ["beans"], "note": "  late  "}],
        "symptoms": [{"at": "2026-11-20T20:00:00", "symptom": "gas", "severity": 1, "note": " \t "}]});
    let imported = Diary::new();
    let path = imported.dir.path().join("in.json");
    std::fs::write(&path, file.to_string()).unwrap();
    imported.ok(&["import", path.to_str().unwrap()]);
    let ex2 = imported.export();
    for i in 0..2 {
        assert_eq!(ex2["meals"][i]["note"], ex["meals"][i]["note"]);
    }
    assert_eq!(ex2["symptoms"][0]["note"], serde_json::Value::Null);
}

#[test]
fn one_meal_draft_builds_the_same_meal_for_every_front_end() {
    let book =
        FoodBook::with_user_tags([("grandma's stew".to_string(), vec!["bone_broth".to_string()])]);
    let at = NaiveDate::from_ymd_opt(2026, 11, 20)
        .unwrap()
        .and_hms_opt(12, 30, 0)
        .unwrap();
    // The CLI's way: inferred tags adjusted.
    let cli = MealDraft {
        tags: TagChoice::Adjust {
            add: vec!["spicy".into()],
            remove: vec!["gluten".into(), "high_fodmap".into()],
        },
        ..MealDraft::new(at, vec!["pasta".into(), "mystery curry".into()])
    };
    // The TUI's and import's way: exactly the tags in the field, as words.
    let tui = MealDraft {
        tags: TagChoice::Exactly(vec!["Spicy".into()]),
        ..MealDraft::new(at, vec!["pasta".into(), "mystery curry".into()])
    };
    let (a, remember_a) = cli.build(&book).unwrap();
    let (b, remember_b) = tui.build(&book).unwrap();
    assert_eq!(a.tags, vec!["spicy"]);
    assert_eq!(
        (&a.foods, &a.tags, a.slot, a.at),
        (&b.foods, &b.tags, b.slot, b.at)
    );
    // Both remember the change for the food the dictionary does not know.
    assert_eq!(remember_a, remember_b);
    assert_eq!(
        remember_a,
        vec![("mystery curry".to_string(), vec!["spicy".to_string()])]
    );
    // Unknown foods are listed once each, with a "did you mean".
    let unknown = book.unknown_foods(&["cofee".into(), "Cofee".into(), "grandma's stew".into()]);
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].to_string(), "'cofee' (did you mean 'coffee'?)");
}
