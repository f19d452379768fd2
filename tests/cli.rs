//! The real binary on temporary diaries: every command, and bad input for
//! every argument (exit 2, a useful message, the diary byte-for-byte unchanged).

mod common;
use common::Diary;

/// A diary with a little of everything, for the rejection tests.
fn seeded() -> Diary {
    let d = Diary::new();
    d.ok(&["log", "meal", "pasta, parmesan", "--at", "19:30"]);
    d.ok(&["log", "symptom", "bloating", "2", "--at", "21:00"]);
    d.ok(&["log", "checkin", "--mood", "4"]);
    d.ok(&["plan", "start", "2026-11-18"]);
    d
}

#[test]
fn log_meal_infers_tags_and_slot() {
    let d = Diary::new();
    let out = d.ok(&[
        "log",
        "meal",
        "Pasta, Parmesan,  Onions",
        "--at",
        "19:30",
        "--note",
        "late",
    ]);
    assert!(out.contains("dinner"), "{out}");
    let ex = d.export();
    let m = &ex["meals"][0];
    assert_eq!(m["at"], "2026-11-20T19:30:00");
    assert_eq!(m["slot"], "dinner");
    assert_eq!(
        m["foods"],
        serde_json::json!(["Pasta", "Parmesan", "Onions"])
    );
    let tags: Vec<&str> = m["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for t in ["gluten", "dairy", "prebiotic", "high_fodmap"] {
        assert!(tags.contains(&t), "{t} missing from {tags:?}");
    }
    assert_eq!(m["note"], "late");
    // A food the dictionary does not know is kept as typed, with a hint.
    let out = d.ok(&["log", "meal", "cofee"]);
    assert!(out.contains("'cofee' (did you mean 'coffee'?)"), "{out}");
    assert_eq!(
        d.export()["meals"][1]["foods"],
        serde_json::json!(["cofee"])
    );
}

#[test]
fn log_meal_tags_by_hand_and_remembers_them_for_unknown_foods() {
    let d = Diary::new();
    d.ok(&[
        "log", "meal", "pizza", "--at", "12:00", "--no-tag", "gluten", "--slot", "lunch",
    ]);
    d.ok(&[
        "log",
        "meal",
        "grandma's stew",
        "--at",
        "yesterday 18:00",
        "--tag",
        "bone_broth",
    ]);
    d.ok(&["log", "meal", "Grandma's Stews", "--at", "18:30"]);
    let ex = d.export();
    let meals = ex["meals"].as_array().unwrap();
    assert_eq!(meals.len(), 3);
    // Sorted by time: yesterday's stew, today's pizza, today's stew.
    assert_eq!(meals[0]["tags"], serde_json::json!(["bone_broth"]));
    assert_eq!(meals[0]["slot"], "dinner");
    assert!(!meals[1]["tags"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("gluten")));
    assert_eq!(meals[1]["slot"], "lunch");
    assert_eq!(
        meals[2]["tags"],
        serde_json::json!(["bone_broth"]),
        "remembered, plural-tolerant"
    );
}

#[test]
fn log_symptom_stool_intake_flag_checkin_and_day() {
    let d = Diary::new();
    d.ok(&[
        "log",
        "symptom",
        "Brain fog",
        "moderate",
        "--at",
        "yesterday 08:00",
    ]);
    d.ok(&["log", "symptom", "reflux", "1", "--note", "after coffee"]);
    d.ok(&["log", "symptom", "hiccups", "2", "--new"]);
    d.ok(&["log", "symptom", "hiccups", "1"]);
    d.ok(&["log", "stool", "4", "--at", "07:40"]);
    d.ok(&["log", "intake", "Ibuprofen"]);
    d.ok(&["log", "intake", "bitter herbs", "--kind", "supplement"]);
    let flag = d.ok(&["log", "flag", "fever"]);
    assert!(flag.to_lowercase().contains("doctor"), "{flag}");
    d.ok(&["log", "checkin", "--mood", "4", "--sleep", "7.5"]);
    let merged = d.ok(&[
        "log",
        "checkin",
        "--water",
        "8",
        "--stress",
        "2",
        "--energy",
        "3",
        "--movement",
        "30",
        "--note",
        "ok day",
    ]);
    assert!(
        merged.contains("mood 4/5") && merged.contains("water 8"),
        "{merged}"
    );

    let ex = d.export();
    let mut sym: Vec<(&str, i64)> = ex["symptoms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["symptom"].as_str().unwrap(),
                s["severity"].as_i64().unwrap(),
            )
        })
        .collect();
    sym.sort();
    assert_eq!(
        sym,
        vec![
            ("brain_fog", 2),
            ("heartburn", 1),
            ("hiccups", 1),
            ("hiccups", 2)
        ]
    );
    assert_eq!(ex["custom_symptoms"], serde_json::json!(["hiccups"]));
    assert_eq!(ex["stools"][0]["bristol"], 4);
    let kind_of = |name: &str| {
        ex["intakes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == name)
            .unwrap()["kind"]
            .clone()
    };
    assert_eq!(kind_of("Ibuprofen"), "nsaid");
    assert_eq!(kind_of("bitter herbs"), "supplement");
    assert_eq!(
        ex["red_flags"][0],
        serde_json::json!({"date": "2026-11-20", "flag": "fever"})
    );
    let c = &ex["checkins"][0];
    assert_eq!(
        (
            c["mood"].as_i64(),
            c["sleep_hours"].as_f64(),
            c["water_glasses"].as_i64()
        ),
        (Some(4), Some(7.5), Some(8))
    );

    let text = d.ok(&["day"]);
    for needle in [
        "Friday 20 November 2026",
        "Heartburn mild",
        "Bristol type 4",
        "Ibuprofen (nsaid)",
        "Fever",
        "see a doctor",
    ] {
        assert!(text.contains(needle), "day text lacks {needle:?}:\n{text}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&d.ok(&["day", "yesterday", "--json"])).unwrap();
    assert_eq!(json["date"], "2026-11-19");
    assert_eq!(json["symptoms"][0]["symptom"], "brain_fog");
    assert!(d.ok(&["day", "2026-01-01"]).contains("Nothing logged"));

    let cleared = d.ok(&["log", "flag", "fever", "--clear"]);
    assert!(cleared.contains("Cleared"), "{cleared}");
    assert_eq!(d.export()["red_flags"], serde_json::json!([]));
}

#[test]
fn delete_by_short_id() {
    let d = Diary::new();
    d.ok(&["log", "stool", "3"]);
    let id = d.export()["stools"][0]["id"].as_str().unwrap().to_string();
    let out = d.ok(&["delete", &id[..8]]);
    assert!(out.contains("Deleted stool"), "{out}");
    assert_eq!(d.export()["stools"], serde_json::json!([]));
    let err = d.fails(&["delete", &id[..8]], 2);
    assert!(err.contains("no entry"), "{err}");
}

#[test]
fn plan_start_tick_untick_show() {
    let d = Diary::new();
    let none = d.ok(&["plan"]);
    assert!(none.contains("No 7-day plan"), "{none}");
    assert!(d.fails(&["plan", "tick", "1"], 2).contains("plan start"));
    d.ok(&["plan", "start", "2026-11-18"]);
    let shown = d.ok(&["plan", "tick", "today"]);
    assert!(shown.contains("today is day 3"), "{shown}");
    d.ok(&["plan", "tick", "1"]);
    d.ok(&["plan", "untick", "1"]);
    let json: serde_json::Value = serde_json::from_str(&d.ok(&["plan", "show", "--json"])).unwrap();
    assert_eq!(json["today_day"], 3);
    assert_eq!(json["run"]["started_on"], "2026-11-18");
    assert_eq!(
        json["run"]["ticks"],
        serde_json::json!([{"day": 3, "done_at": "2026-11-20T21:00:00"}])
    );
    assert_eq!(json["days"].as_array().unwrap().len(), 7);
    // Restarting keeps the old run.
    d.ok(&["plan", "start"]);
    assert_eq!(d.export()["plan_runs"].as_array().unwrap().len(), 2);
}

#[test]
fn guide_lists_and_prints_sections() {
    let d = Diary::new();
    let list = d.ok(&["guide"]);
    for id in ["causes", "faq", "see-a-doctor", "about"] {
        assert!(list.contains(id), "{list}");
    }
    let causes = d.ok(&["guide", "causes"]);
    assert!(causes.to_lowercase().contains("nsaid"), "{causes}");
    assert!(
        causes.lines().all(|l| l.chars().count() <= 80),
        "wrapped to COLUMNS=80"
    );
    let err = d.fails(&["guide", "cuases"], 2);
    assert!(err.contains("did you mean 'causes'"), "{err}");
}

#[test]
fn paths_and_help_describe_the_data_location() {
    let d = Diary::new();
    let out = d.ok(&["paths"]);
    assert!(out.contains(d.db.to_str().unwrap()), "{out}");
    let help = d.ok(&["--help"]);
    for cmd in [
        "log", "day", "delete", "plan", "guide", "export", "import", "demo", "paths",
    ] {
        assert!(help.contains(cmd), "--help lacks {cmd}");
    }
}

#[test]
fn default_path_is_in_xdg_data_home_with_private_modes_under_umask_022() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("xdg");
    let bin = assert_cmd::cargo::cargo_bin("gutlog");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask 022; '{}' log stool 4", bin.display()))
        .env("XDG_DATA_HOME", &xdg)
        .env("HOME", home.path())
        .env("GUTLOG_NOW", common::NOW)
        .env_remove("GUTLOG_DB")
        .status()
        .unwrap();
    assert!(status.success());
    let dir = xdg.join("gutlog");
    let db = dir.join("gutlog.db");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&db), 0o600);
    // Without XDG_DATA_HOME it falls back to ~/.local/share/gutlog.
    let status = std::process::Command::new(&bin)
        .args(["log", "stool", "4"])
        .env_remove("XDG_DATA_HOME")
        .env_remove("GUTLOG_DB")
        .env("HOME", home.path())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(home.path().join(".local/share/gutlog/gutlog.db").exists());
}

/// Every rejected command: exit 2, a message naming the problem, and the
/// diary byte-for-byte unchanged.
#[test]
fn bad_input_exits_2_and_changes_nothing() {
    let d = seeded();
    let cases: &[(&[&str], &str)] = &[
        (
            &["log", "symptom", "bloating", "7"],
            "severity 7 is out of range",
        ),
        (&["log", "symptom", "bloating", "-1"], "out of range"),
        (&["log", "symptom", "bloating", "lots"], "not a number"),
        (
            &["log", "symptom", "bloatin", "2"],
            "did you mean 'bloating'",
        ),
        (&["log", "symptom", "hiccups", "2"], "--new"),
        (
            &["log", "symptom", "bloating", "2", "--at", "25:99"],
            "cannot read time",
        ),
        (&["log", "stool", "9"], "Bristol type 9 is out of range"),
        (&["log", "stool", "0"], "out of range"),
        (&["log", "stool", "-3"], "out of range"),
        (&["log", "stool", "four"], "not a number"),
        (
            &["log", "checkin", "--stress", "0"],
            "stress 0 is out of range",
        ),
        (&["log", "checkin", "--mood", "6"], "mood 6 is out of range"),
        (&["log", "checkin", "--energy", "x"], "not a whole number"),
        (
            &["log", "checkin", "--water", "-1"],
            "water -1 glasses is out of range",
        ),
        (&["log", "checkin", "--sleep", "7.3"], "half hours"),
        (&["log", "checkin", "--sleep", "25"], "out of range"),
        (&["log", "checkin", "--movement", "2000"], "out of range"),
        (
            &["log", "checkin", "--date", "2026-02-30", "--mood", "3"],
            "not a real date",
        ),
        (&["log", "checkin"], "nothing to record"),
        (
            &["log", "meal", "pasta", "--at", "2026-02-30 12:00"],
            "not a real date",
        ),
        (
            &["log", "meal", "pasta", "--slot", "brunch"],
            "unknown slot 'brunch'",
        ),
        (
            &["log", "meal", "pasta", "--tag", "diary"],
            "did you mean 'dairy'",
        ),
        (&["log", "meal", " , ,"], "needs at least one food"),
        (
            &["log", "meal", "pasta", "--note", "bell\u{7}"],
            "control character",
        ),
        (
            &["log", "intake", "x", "--kind", "nsiad"],
            "did you mean 'nsaid'",
        ),
        (&["log", "flag", "bleeding"], "unknown red flag"),
        (
            &["log", "flag", "fever", "--date", "tomorrow"],
            "cannot read date",
        ),
        (&["day", "2026-13-01"], "not a real date"),
        (&["delete", "abc"], "too short"),
        (&["delete", "zzzzzzzz"], "no entry"),
        (&["plan", "tick", "8"], "plan day 8 is out of range"),
        (&["plan", "start", "2026-02-30"], "not a real date"),
        (&["guide", "nonsense-section"], "no guide section"),
        (&["export", "--format", "xml"], "unknown format"),
        (&["demo"], "already holds a diary"),
        (&["log", "banana"], "unrecognized subcommand"),
        (&["log", "stool"], "required"),
    ];
    let before = d.bytes();
    for (args, needle) in cases {
        let err = d.fails(args, 2);
        assert!(
            err.contains(needle),
            "gutlog {args:?}: expected {needle:?} in {err:?}"
        );
        assert_eq!(err.trim_end().lines().count().min(1), 1);
        assert_eq!(d.bytes(), before, "gutlog {args:?} changed the diary");
    }
}

#[test]
fn a_bad_clock_override_is_refused() {
    let d = Diary::new();
    let out = d
        .cmd()
        .env("GUTLOG_NOW", "soon")
        .args(["day"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("GUTLOG_NOW"));
}

#[test]
fn a_newer_diary_is_refused_with_exit_1_and_untouched() {
    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    rusqlite::Connection::open(&d.db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 42")
        .unwrap();
    let before = d.bytes();
    let err = d.fails(&["log", "stool", "4"], 1);
    assert!(err.contains("newer"), "{err}");
    assert_eq!(d.bytes(), before);
    // --help and --version still work.
    d.ok(&["--version"]);
    d.ok(&["--help"]);
}

/// "add --new" is advice for `gutlog log symptom` only, where the flag
/// exists: an unknown symptom elsewhere (an experiment, the check-in
/// screen's form, the settings) says what is valid without it.
#[test]
fn only_log_symptom_suggests_new() {
    let d = seeded();
    let log = d.fails(&["log", "symptom", "hiccup", "2"], 2);
    assert!(log.contains("add --new"), "{log}");
    let exp = d.fails(&["experiment", "start", "dairy", "--symptom", "hiccup"], 2);
    assert!(exp.contains("unknown symptom 'hiccup'"), "{exp}");
    assert!(!exp.contains("--new"), "{exp}");
    let err = gutlog::domain::parse_symptom("hiccup", &[]).unwrap_err();
    assert!(!err.to_string().contains("--new"), "{err}");
}
