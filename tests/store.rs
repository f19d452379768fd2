//! The store against real SQLite: every aggregate written and read back, on
//! a temporary file and in memory (one test body, two backends).

use chrono::{NaiveDate, NaiveDateTime};
use gutlog::domain::{
    Bristol, CheckIn, Intake, IntakeKind, Meal, RedFlagEntry, Severity, Slot, Stool, SymptomRating,
};
use gutlog::store::{Deleted, Store, StoreError, LATEST_VERSION};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
}
/// When the edits below are made.
fn now() -> NaiveDateTime {
    at("2026-11-20T21:00:00")
}
fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn each_backend(test: impl Fn(&mut Store)) {
    let mut mem = Store::open_in_memory().unwrap();
    test(&mut mem);
    let dir = tempfile::tempdir().unwrap();
    let mut file = Store::open(&dir.path().join("d.db")).unwrap();
    test(&mut file);
}

fn meal(id: &str, when: &str) -> Meal {
    Meal {
        id: id.into(),
        at: at(when),
        slot: Slot::Dinner,
        foods: vec!["pasta".into(), "Parmesan 🧀".into()],
        tags: vec!["dairy".into(), "gluten".into()],
        note: Some("ate late".into()),
    }
}

#[test]
fn meals_round_trip_and_update() {
    each_backend(|s| {
        let m = meal("m1", "2026-11-20T19:30:00");
        s.add_meal(&m, &[], now()).unwrap();
        let day = s.day(date("2026-11-20")).unwrap();
        assert_eq!(day.meals, vec![m.clone()]);
        let mut edited = m.clone();
        edited.foods.push("salad".into());
        edited.slot = Slot::Lunch;
        s.update_meal(&edited, now()).unwrap();
        assert_eq!(s.day(date("2026-11-20")).unwrap().meals, vec![edited]);
        assert!(s.day(date("2026-11-21")).unwrap().meals.is_empty());
    });
}

#[test]
fn remembered_food_tags_feed_the_food_book() {
    each_backend(|s| {
        let m = meal("m2", "2026-11-20T12:00:00");
        s.add_meal(&m, &[("Kvass".into(), vec!["fermented".into()])], now())
            .unwrap();
        let book = s.food_book().unwrap();
        assert_eq!(book.tags_of("kvass"), vec!["fermented".to_string()]);
        assert_eq!(book.tags_of("KVASSES"), vec!["fermented".to_string()]);
    });
}

#[test]
fn symptoms_stools_intakes_flags_round_trip() {
    each_backend(|s| {
        let r = SymptomRating {
            id: "s1".into(),
            at: at("2026-11-20T08:00:00"),
            symptom: "bloating".into(),
            severity: Severity::new(2).unwrap(),
            note: None,
        };
        s.add_symptom(&r).unwrap();
        let custom = SymptomRating {
            id: "s2".into(),
            symptom: "hiccups".into(),
            ..r.clone()
        };
        s.add_symptom(&custom).unwrap();
        assert_eq!(s.custom_symptoms().unwrap(), vec!["hiccups".to_string()]);
        let st = Stool {
            id: "t1".into(),
            at: at("2026-11-20T07:00:00"),
            bristol: Bristol::new(4).unwrap(),
        };
        s.add_stool(&st).unwrap();
        let i = Intake {
            id: "i1".into(),
            at: at("2026-11-20T09:00:00"),
            name: "ibuprofen".into(),
            kind: IntakeKind::Nsaid,
        };
        s.add_intake(&i).unwrap();
        let f = RedFlagEntry {
            date: date("2026-11-20"),
            flag: "fever".into(),
        };
        assert!(s.add_red_flag(&f, now()).unwrap());
        assert!(
            !s.add_red_flag(&f, now()).unwrap(),
            "ticking twice is a no-op"
        );
        s.set_habit(date("2026-11-20"), "reduce_stress", true, now())
            .unwrap();

        let day = s.day(date("2026-11-20")).unwrap();
        assert_eq!(day.symptoms, vec![r.clone(), custom]);
        assert_eq!(day.stools, vec![st]);
        assert_eq!(day.intakes, vec![i]);
        assert_eq!(day.red_flags, vec!["fever".to_string()]);
        assert_eq!(day.habits, vec!["reduce_stress".to_string()]);

        assert!(s.remove_red_flag(&f, now()).unwrap());
        s.set_habit(date("2026-11-20"), "reduce_stress", false, now())
            .unwrap();
        let day = s.day(date("2026-11-20")).unwrap();
        assert!(day.red_flags.is_empty() && day.habits.is_empty());
    });
}

#[test]
fn set_symptom_for_day_replaces_that_days_rating() {
    each_backend(|s| {
        let r = |id: &str, sev| SymptomRating {
            id: id.into(),
            at: at("2026-11-20T21:00:00"),
            symptom: "gas".into(),
            severity: Severity::new(sev).unwrap(),
            note: None,
        };
        s.add_symptom(&r("a", 1)).unwrap();
        let replaced = s.set_symptom_for_day(&r("b", 3), now()).unwrap();
        assert_eq!(replaced, vec![r("a", 1)]);
        assert_eq!(s.day(date("2026-11-20")).unwrap().symptoms, vec![r("b", 3)]);
    });
}

#[test]
fn checkins_merge_later_values() {
    each_backend(|s| {
        let d = date("2026-11-20");
        s.merge_checkin(
            &CheckIn {
                mood: Some(4),
                sleep_hours: Some(7.5),
                ..CheckIn::empty(d)
            },
            now(),
        )
        .unwrap();
        let merged = s
            .merge_checkin(
                &CheckIn {
                    mood: Some(2),
                    water_glasses: Some(8),
                    ..CheckIn::empty(d)
                },
                now(),
            )
            .unwrap();
        assert_eq!(merged.mood, Some(2));
        assert_eq!(merged.sleep_hours, Some(7.5));
        assert_eq!(merged.water_glasses, Some(8));
        s.put_checkin(
            &CheckIn {
                energy: Some(3),
                ..CheckIn::empty(d)
            },
            now(),
        )
        .unwrap();
        let c = s.checkin(d).unwrap().unwrap();
        assert_eq!((c.mood, c.energy), (None, Some(3)));
        let bad = CheckIn {
            stress: Some(0),
            ..CheckIn::empty(d)
        };
        assert!(matches!(
            s.merge_checkin(&bad, now()),
            Err(StoreError::Input(_))
        ));
    });
}

#[test]
fn plan_runs_tick_untick_restart_keep_history() {
    each_backend(|s| {
        let first = s
            .start_plan(date("2026-11-01"), at("2026-11-01T20:00:00"))
            .unwrap();
        s.tick_plan(&first.id, 1, at("2026-11-01T21:00:00"))
            .unwrap();
        s.tick_plan(&first.id, 2, at("2026-11-02T21:00:00"))
            .unwrap();
        assert!(s.untick_plan(&first.id, 2, now()).unwrap());
        s.set_plan_reflection(&first.id, Some("less bloating"), now())
            .unwrap();
        let second = s
            .start_plan(date("2026-11-20"), at("2026-11-20T20:00:00"))
            .unwrap();
        assert_eq!(s.current_plan().unwrap().unwrap().id, second.id);
        let runs = s.plan_runs().unwrap();
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].ticks.len(), 1);
        assert_eq!(runs[0].reflection.as_deref(), Some("less bloating"));
        assert_eq!(runs[0].day_on(date("2026-11-07")), Some(7));
        assert_eq!(runs[0].day_on(date("2026-11-08")), None);
    });
}

#[test]
fn delete_by_prefix_and_restore() {
    each_backend(|s| {
        let m = meal("0123456789abcdef", "2026-11-20T19:30:00");
        s.add_meal(&m, &[], now()).unwrap();
        assert!(
            matches!(s.delete("01234", now()), Err(StoreError::Input(_))),
            "too short"
        );
        assert!(matches!(
            s.delete("ffffff", now()),
            Err(StoreError::NotFound(_))
        ));
        let d = s.delete("012345", now()).unwrap();
        assert_eq!(d, Deleted::Meal(m.clone()));
        assert!(s.day(date("2026-11-20")).unwrap().meals.is_empty());
        s.restore(&d, now()).unwrap();
        assert_eq!(s.day(date("2026-11-20")).unwrap().meals, vec![m]);
        // A plan run is deleted with its ticks, and comes back with them.
        let run = s
            .start_plan(date("2026-11-20"), at("2026-11-20T20:00:00"))
            .unwrap();
        s.tick_plan(&run.id, 1, at("2026-11-20T21:00:00")).unwrap();
        let d = s.delete(&run.id, now()).unwrap();
        assert!(s.current_plan().unwrap().is_none());
        s.restore(&d, now()).unwrap();
        assert_eq!(s.current_plan().unwrap().unwrap().ticks.len(), 1);
    });
}

#[test]
fn database_checks_refuse_out_of_range_rows() {
    // The CHECK constraints hold even if validation were bypassed.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "INSERT INTO symptom_ratings VALUES ('x', '2026-11-20T08:00:00', 'gas', 7, NULL)",
        "INSERT INTO stools VALUES ('x', '2026-11-20T08:00:00', 9)",
        "INSERT INTO checkins (date, stress) VALUES ('2026-11-20', 0)",
        "INSERT INTO checkins (date, water_glasses) VALUES ('2026-11-20', -1)",
        "INSERT INTO checkins (date, sleep_hours) VALUES ('2026-11-20', 7.3)",
        "INSERT INTO meals VALUES ('x', 'yesterday', 'dinner', '[\"a\"]', '[]', NULL)",
        "INSERT INTO intakes VALUES ('x', '2026-11-20T08:00:00', 'x', 'candy')",
        "INSERT INTO plan_ticks VALUES ('no-such-run', 1, '2026-11-20T08:00:00')",
    ] {
        let conn = &conn;
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
    }
}

#[test]
fn pragmas_are_set_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("d.db")).unwrap();
    assert_eq!(s.pragma("journal_mode").unwrap(), "wal");
    assert_eq!(s.pragma("synchronous").unwrap(), "2", "FULL");
    assert_eq!(s.pragma("foreign_keys").unwrap(), "1");
    assert_eq!(s.pragma("trusted_schema").unwrap(), "0");
    assert_eq!(
        s.pragma("application_id").unwrap(),
        gutlog::store::APPLICATION_ID.to_string()
    );
    // Waiting for another writer is a busy handler, not busy_timeout
    // (tests/waiting.rs).
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn files_are_private_and_directory_is_created_0700() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/data/gutlog.db");
    let mut s = Store::open(&path).unwrap();
    s.add_stool(&Stool {
        id: "t".into(),
        at: at("2026-11-20T07:00:00"),
        bristol: Bristol::new(3).unwrap(),
    })
    .unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(mode(&path), 0o600);
    let wal = path.with_file_name("gutlog.db-wal");
    let shm = path.with_file_name("gutlog.db-shm");
    assert!(wal.exists() && shm.exists(), "WAL files exist while open");
    assert_eq!(mode(&wal), 0o600);
    assert_eq!(mode(&shm), 0o600);
}

#[test]
fn an_existing_world_readable_diary_is_tightened_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    drop(Store::open(&path).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let s = Store::open(&path).unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(s
        .warnings()
        .iter()
        .any(|w| w.contains("readable by other users")));
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!path.with_file_name("d.db-wal").exists());
}

#[test]
fn foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        b"this is not a database, it is my shopping list\n".repeat(200),
    )
    .unwrap();
    let before = std::fs::read(&text).unwrap();
    assert!(matches!(Store::open(&text), Err(StoreError::NotADiary(_))));
    assert_eq!(std::fs::read(&text).unwrap(), before);

    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    let err = Store::open(&other).unwrap_err();
    assert!(err.to_string().contains("not a gutlog diary"), "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), before);

    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::NotADiary(_))
    ));
}

#[test]
fn logged_dates_and_ranges() {
    each_backend(|s| {
        s.add_meal(&meal("a", "2026-11-18T12:00:00"), &[], now())
            .unwrap();
        s.merge_checkin(
            &CheckIn {
                mood: Some(3),
                ..CheckIn::empty(date("2026-11-20"))
            },
            now(),
        )
        .unwrap();
        let dates = s
            .logged_dates(date("2026-11-01"), date("2026-11-30"))
            .unwrap();
        assert_eq!(dates, vec![date("2026-11-20"), date("2026-11-18")]);
        assert_eq!(
            s.meals_between(at("2026-11-18T00:00:00"), at("2026-11-18T12:00:00"))
                .unwrap()
                .len(),
            0
        );
        assert_eq!(
            s.meals_between(at("2026-11-18T00:00:00"), at("2026-11-18T12:00:01"))
                .unwrap()
                .len(),
            1
        );
        assert_eq!(s.search_meals("PARM", 10).unwrap().len(), 1);
        assert!(!s.is_empty().unwrap());
    });
}
