//! One strict reading of dates and times everywhere, imports that never drop
//! a record silently, duplicates refused, and a size limit on import files.

mod common;
use common::Diary;
use gutlog::domain::{new_id, Meal, Slot};
use gutlog::exchange::Exchange;
use gutlog::store::Store;
use proptest::prelude::*;
use serde_json::json;

fn import_text(d: &Diary, text: &str) -> std::process::Output {
    let f = d.dir.path().join("import.json");
    std::fs::write(&f, text).unwrap();
    d.cmd()
        .args(["import", f.to_str().unwrap()])
        .output()
        .unwrap()
}

/// Runs `import` and asserts it is refused (exit 2) with `needles` in the
/// message and the diary byte-for-byte unchanged.
fn refused(d: &Diary, text: &str, needles: &[&str]) -> String {
    let before = d.bytes();
    let out = import_text(d, text);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{text}\n{err}");
    for n in needles {
        assert!(err.contains(n), "expected {n:?} in: {err}");
    }
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert_eq!(d.bytes(), before, "a refused import changed the diary");
    err
}

fn seeded() -> Diary {
    let d = Diary::new();
    d.ok(&["log", "meal", "toast", "--at", "08:00"]);
    d
}

#[test]
fn leap_seconds_and_five_digit_years_are_input_errors_naming_the_field() {
    let d = seeded();
    let before = d.bytes();
    let cases: &[(&[&str], &str)] = &[
        (&["log", "stool", "4", "--at", "23:59:60"], "--at"),
        (
            &["log", "stool", "4", "--at", "2026-06-30 23:59:60"],
            "--at",
        ),
        (
            &["log", "stool", "4", "--at", "2026-06-30T23:59:60"],
            "--at",
        ),
        (
            &["log", "meal", "rice", "--at", "+10000-01-01T10:00:00"],
            "--at",
        ),
        (
            &["log", "meal", "rice", "--at", "10000-01-01 10:00"],
            "--at",
        ),
        (
            &["log", "symptom", "gas", "1", "--at=-0001-01-01 10:00"],
            "--at",
        ),
        (
            &["log", "intake", "zinc", "--at", "2026-11-20T10:00:00+05:00"],
            "--at",
        ),
        (
            &["log", "flag", "fever", "--date", "+10000-01-01"],
            "--date",
        ),
        (
            &["log", "checkin", "--mood", "3", "--date", "10000-01-01"],
            "--date",
        ),
        (&["day", "+10000-01-01"], "10000"),
        (&["plan", "start", "+10000-01-01"], "10000"),
    ];
    for (args, field) in cases {
        let err = d.fails(args, 2);
        assert!(err.contains(field), "{args:?}: {err}");
        assert!(!err.contains("database"), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert_eq!(d.bytes(), before, "{args:?} changed the diary");
    }
    let leap = d.fails(&["log", "stool", "4", "--at", "2026-06-30 23:59:60"], 2);
    assert!(leap.contains("00 to 59"), "{leap}");
    let year = d.fails(&["log", "flag", "fever", "--date", "+10000-01-01"], 2);
    assert!(year.contains("0000–9999"), "{year}");
    // Seconds 00–59 and four-digit years still work.
    d.ok(&["log", "stool", "4", "--at", "2026-06-30 23:59:59"]);
    d.ok(&["log", "flag", "fever", "--date", "0001-01-01"]);
    let ex = d.export();
    assert_eq!(ex["stools"][0]["at"], "2026-06-30T23:59:59");
    assert_eq!(ex["red_flags"][0]["date"], "0001-01-01");
}

#[test]
fn import_refuses_leap_seconds_and_big_years_naming_the_record() {
    let d = seeded();
    let leap = "2026-06-30T23:59:60";
    let cases = [
        (
            json!({"meals": [{"at": leap, "foods": ["x"]}]}),
            "meals[0]: at '",
        ),
        (
            json!({"symptoms": [{"at": leap, "symptom": "gas", "severity": 1}]}),
            "symptoms[0]: at '",
        ),
        (
            json!({"stools": [{"at": leap, "bristol": 4}]}),
            "stools[0]: at '",
        ),
        (
            json!({"intakes": [{"at": leap, "name": "zinc"}]}),
            "intakes[0]: at '",
        ),
        (
            json!({"plan_runs": [{"started_on": "2026-06-30", "ticks": [{"day": 1, "done_at": leap}]}]}),
            "plan_runs[0]: ticks[0] done_at '",
        ),
        (
            json!({"checkins": [{"date": "+10000-01-01", "mood": 3}]}),
            "checkins[0]: date '",
        ),
        (
            json!({"red_flags": [{"date": "+10000-01-01", "flag": "fever"}]}),
            "red_flags[0]: date '",
        ),
        (
            json!({"habits": [{"date": "+10000-01-01", "habit": "reduce_stress"}]}),
            "habits[0]: date '",
        ),
        (
            json!({"meals": [{"at": "+10000-01-01T10:00:00", "foods": ["x"]}]}),
            "meals[0]: at '",
        ),
        (
            json!({"meals": [{"at": "2026-11-20T10:00:00Z", "foods": ["x"]}]}),
            "offset",
        ),
    ];
    for (mut doc, needle) in cases {
        doc["format"] = json!("gutlog");
        doc["version"] = json!(1);
        refused(&d, &doc.to_string(), &[needle]);
    }
}

#[test]
fn already_present_counts_exactly_the_ids_already_there() {
    let d = Diary::new();
    let first = json!({"format": "gutlog", "version": 1,
        "meals": [{"id": "m-1", "at": "2026-11-20T08:00:00", "foods": ["toast"]}],
        "stools": [{"id": "s-1", "at": "2026-11-20T07:00:00", "bristol": 4}],
        "red_flags": [{"date": "2026-11-20", "flag": "fever"}]});
    let out = import_text(&d, &first.to_string());
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Imported 3 new entries (0 already present)")
    );
    let second = json!({"format": "gutlog", "version": 1,
        "meals": [{"id": "M-1", "at": "2026-11-20T08:00:00", "foods": ["toast"]},
                  {"id": "m-2", "at": "2026-11-20T12:00:00", "foods": ["soup"]}],
        "stools": [{"id": "s-1", "at": "2026-11-20T07:00:00", "bristol": 4}],
        "red_flags": [{"date": "2026-11-20", "flag": "fever"}, {"date": "2026-11-20", "flag": "weight_loss"}]});
    let out = import_text(&d, &second.to_string());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Imported 2 new entries (3 already present)"),
        "{stdout}"
    );
    let ex = d.export();
    assert_eq!(ex["meals"].as_array().unwrap().len(), 2);
    assert_eq!(ex["red_flags"].as_array().unwrap().len(), 2);
    // An id names one record: a stool cannot take a meal's id.
    let stool = json!({"format": "gutlog", "version": 1,
        "stools": [{"id": "M-2", "at": "2026-11-20T07:00:00", "bristol": 4}]});
    refused(&d, &stool.to_string(), &["stools[0]", "'m-2'", "meal"]);
}

/// A record the parser lets through but the database refuses aborts the
/// whole import, naming the record; nothing is half-imported.
#[test]
fn a_record_the_database_refuses_aborts_the_whole_import() {
    let mut store = Store::open_in_memory().unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let meal = |foods: Vec<String>| Meal {
        id: new_id(),
        at,
        slot: Slot::Lunch,
        foods,
        tags: vec![],
        note: None,
    };
    let mut ex = Exchange::empty();
    ex.meals.push(meal(vec!["rice".into()]));
    let bad = meal(vec![]);
    let bad_id = bad.id.clone();
    ex.meals.push(bad);
    let err = store.import(&ex).unwrap_err().to_string();
    assert!(err.contains("meals[1]"), "{err}");
    assert!(err.contains(&bad_id), "{err}");
    assert!(store.is_empty().unwrap(), "half-imported");
}

#[test]
fn duplicates_in_one_file_are_refused_naming_both_places() {
    let d = seeded();
    let meal = |id: &str| json!({"id": id, "at": "2026-11-20T10:00:00", "foods": ["x"]});
    let doc = |body: &str| format!(r#"{{"format": "gutlog", "version": 1, {body}}}"#);
    let m = |id: &str| meal(id).to_string();
    // The same id twice (ids ignore case), in one kind or across kinds.
    refused(
        &d,
        &doc(&format!(
            r#""meals": [{}, {}, {}]"#,
            m("abc-1"),
            m("other"),
            m("ABC-1")
        )),
        &["meals[0]", "meals[2]", "abc-1"],
    );
    refused(
        &d,
        &doc(&format!(
            r#""meals": [{}], "stools": [{{"id": "Abc-1", "at": "2026-11-20T10:00:00", "bristol": 4}}]"#,
            m("abc-1")
        )),
        &["meals[0]", "stools[0]"],
    );
    // A repeated top-level key: serde_json would keep only the last one.
    refused(
        &d,
        &doc(&format!(r#""meals": [{}], "meals": []"#, m("a-1"))),
        &["'meals'", "twice"],
    );
    // A repeated field inside a record.
    refused(
        &d,
        &doc(
            r#""meals": [{"at": "2026-11-20T10:00:00", "foods": ["x"], "at": "2026-11-21T10:00:00"}]"#,
        ),
        &["meals[0]", "'at'", "twice"],
    );
    refused(
        &d,
        &doc(r#""checkins": [{"date": "2026-11-20", "mood": 3, "mood": 4}]"#),
        &["checkins[0]", "'mood'"],
    );
    // Keyed records: the same date, flag, habit, tick day or name twice.
    refused(
        &d,
        &doc(
            r#""checkins": [{"date": "2026-11-20", "mood": 3}, {"date": "2026-11-20", "sleep_hours": 7}]"#,
        ),
        &["checkins[0]", "checkins[1]", "2026-11-20"],
    );
    refused(
        &d,
        &doc(
            r#""red_flags": [{"date": "2026-11-20", "flag": "fever"}, {"date": "2026-11-20", "flag": "Fever"}]"#,
        ),
        &["red_flags[0]", "red_flags[1]"],
    );
    refused(
        &d,
        &doc(
            r#""habits": [{"date": "2026-11-20", "habit": "reduce_stress"}, {"date": "2026-11-20", "habit": "reduce stress"}]"#,
        ),
        &["habits[0]", "habits[1]"],
    );
    refused(
        &d,
        &doc(
            r#""plan_runs": [{"started_on": "2026-11-20", "ticks": [{"day": 1, "done_at": "2026-11-20T10:00:00"}, {"day": 1, "done_at": "2026-11-21T10:00:00"}]}]"#,
        ),
        &["plan_runs[0]: ticks[0]", "ticks[1]"],
    );
    refused(
        &d,
        &doc(r#""custom_symptoms": ["hiccups", "Hiccups"]"#),
        &["custom_symptoms[0]", "custom_symptoms[1]"],
    );
    refused(
        &d,
        &doc(r#""food_tags": [{"food": "stew", "tags": ["spicy"]}, {"food": "Stew", "tags": []}]"#),
        &["food_tags[0]", "food_tags[1]"],
    );
    refused(
        &d,
        &doc(
            r#""food_parts": [{"food": "stew", "parts": ["beef"]}, {"food": "STEW", "parts": ["onion"]}]"#,
        ),
        &["food_parts[0]", "food_parts[1]"],
    );
}

#[test]
fn a_fractional_version_says_what_it_is_and_what_is_expected() {
    let d = seeded();
    let err = refused(&d, r#"{"format": "gutlog", "version": 1.0}"#, &["1.0"]);
    assert!(err.contains("whole number 1"), "{err}");
    let err = refused(&d, r#"{"format": "gutlog", "version": "1"}"#, &["\"1\""]);
    assert!(err.contains("whole number 1"), "{err}");
    let err = refused(&d, r#"{"format": "gutlog"}"#, &["missing"]);
    assert!(err.contains("whole number 1"), "{err}");
}

#[test]
fn import_refuses_files_over_the_size_limit() {
    let d = seeded();
    let before = d.bytes();
    // A sparse file one byte over the limit: refused before it is read.
    let big = d.dir.path().join("big.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(64 * 1024 * 1024 + 1).unwrap();
    let err = d.fails(&["import", big.to_str().unwrap()], 2);
    assert!(err.contains("64 MB"), "{err}");
    // Endless non-regular files are read up to the same cap, then refused.
    let err = d.fails(&["import", "/dev/zero"], 2);
    assert!(err.contains("64 MB"), "{err}");
    let out = common::process_at(&d.db)
        .args(["import", "-"])
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("64 MB"));
    assert_eq!(d.bytes(), before);
}

/// A date or date-time in the exchange format, valid or not.
fn any_time(date_only: bool) -> impl Strategy<Value = String> {
    let year = prop_oneof![
        Just("2026".to_string()),
        Just("0000".to_string()),
        Just("9999".to_string()),
        Just("+10000".to_string()),
        Just("10000".to_string()),
        Just("-0001".to_string()),
        Just("+2026".to_string()),
    ];
    (year, 0u32..14, 0u32..33, 0u32..26, 0u32..62, 0u32..62).prop_map(
        move |(y, mo, d, h, mi, s)| {
            if date_only {
                format!("{y}-{mo:02}-{d:02}")
            } else {
                format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
            }
        },
    )
}

fn any_dated_record() -> impl Strategy<Value = (&'static str, serde_json::Value)> {
    // Few ids, so some are already in the diary and some repeat.
    let id = (0u8..12).prop_map(|i| format!("rec-{i}"));
    prop_oneof![
        (id.clone(), any_time(false))
            .prop_map(|(id, at)| ("meals", json!({"id": id, "at": at, "foods": ["rice"]}))),
        (id.clone(), any_time(false)).prop_map(|(id, at)| (
            "symptoms",
            json!({"id": id, "at": at, "symptom": "gas", "severity": 1})
        )),
        (id.clone(), any_time(false))
            .prop_map(|(id, at)| ("stools", json!({"id": id, "at": at, "bristol": 4}))),
        (id.clone(), any_time(false))
            .prop_map(|(id, at)| ("intakes", json!({"id": id, "at": at, "name": "zinc"}))),
        (id, any_time(true), any_time(false)).prop_map(|(id, on, done)| (
            "plan_runs",
            json!({"id": id, "started_on": on, "ticks": [{"day": 1, "done_at": done}]})
        )),
    ]
}

fn ids_in(store: &Store) -> std::collections::BTreeSet<String> {
    let ex = store.export().unwrap();
    let mut ids = std::collections::BTreeSet::new();
    ids.extend(ex.meals.iter().map(|r| r.id.clone()));
    ids.extend(ex.symptoms.iter().map(|r| r.id.clone()));
    ids.extend(ex.stools.iter().map(|r| r.id.clone()));
    ids.extend(ex.intakes.iter().map(|r| r.id.clone()));
    ids.extend(ex.plan_runs.iter().map(|r| r.id.clone()));
    ids
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Random records with random (valid and invalid) dates: no record is
    /// reported imported but absent, or present but reported skipped.
    #[test]
    fn import_reports_exactly_what_it_stored(
        existing in prop::collection::vec(any_dated_record(), 0..4),
        records in prop::collection::vec(any_dated_record(), 0..8),
    ) {
        let doc = |recs: &[(&str, serde_json::Value)]| {
            let mut doc = json!({"format": "gutlog", "version": 1});
            for (key, rec) in recs {
                doc.as_object_mut().unwrap().entry(key.to_string()).or_insert_with(|| json!([]))
                    .as_array_mut().unwrap().push(rec.clone());
            }
            doc.to_string()
        };
        let mut store = Store::open_in_memory().unwrap();
        if let Ok(ex) = gutlog::exchange::parse(&doc(&existing), &[]) {
            store.import(&ex).unwrap();
        }
        let before = ids_in(&store);
        let wanted: Vec<String> = records.iter().map(|(_, r)| r["id"].as_str().unwrap().to_string()).collect();
        let result = gutlog::exchange::parse(&doc(&records), &[])
            .map_err(gutlog::StoreError::from)
            .and_then(|ex| store.import(&ex));
        match result {
            Ok(s) => {
                let after = ids_in(&store);
                let new: Vec<&String> = wanted.iter().filter(|id| !before.contains(*id)).collect();
                let old = wanted.len() - new.len();
                prop_assert_eq!(s.added, new.len(), "reported added");
                prop_assert_eq!(s.skipped, old, "reported already present");
                for id in &wanted {
                    prop_assert!(after.contains(id), "{} reported but absent", id);
                }
                prop_assert_eq!(after.len(), before.len() + new.len());
            }
            Err(e) => {
                // Refused whole (a bad date, an id given twice, an id of
                // another kind of record), naming the record.
                prop_assert!(e.is_bad_input(), "{}", e);
                prop_assert!(e.to_string().contains('['), "{}", e);
                prop_assert_eq!(ids_in(&store), before);
            }
        }
    }
}

/// SQLite's `OR IGNORE` also swallows CHECK failures, so a record that
/// breaks a rule would vanish silently: the source must never use it.
#[test]
fn no_insert_or_ignore_in_the_source() {
    let files = common::rust_sources();
    assert!(files.len() > 10);
    for (path, text) in files {
        let text = text.to_uppercase();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in ["INSERT OR", "REPLACE INTO", "UPDATE OR"] {
            assert!(!text.contains(needle), "{} uses {needle}", path.display());
        }
    }
}
