//! Red flags from NICE NG12/CG61, the optional profile that decides which
//! are asked, what the diary itself shows (bloating on many days, a lasting
//! change in stools), and old diaries and exports after schema version 3.

mod common;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use common::{gutlog_at, Diary};
use gutlog::analysis::doctor::{self, StoolChange};
use gutlog::domain::profile::{Profile, Sex};
use gutlog::domain::{Bristol, Severity, Stool, SymptomRating};
use gutlog::store::{Store, LATEST_VERSION};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(d: NaiveDate, h: u32) -> NaiveDateTime {
    d.and_hms_opt(h, 0, 0).unwrap()
}

fn bloating(d: NaiveDate, level: i64) -> SymptomRating {
    SymptomRating {
        id: format!("b{d}"),
        at: at(d, 21),
        symptom: "bloating".into(),
        severity: Severity::new(level).unwrap(),
        note: None,
    }
}

fn stool(d: NaiveDate, h: u32, kind: i64) -> Stool {
    Stool {
        id: format!("s{d}{h}"),
        at: at(d, h),
        bristol: Bristol::new(kind).unwrap(),
    }
}

const ON: &str = "2026-11-20";

#[test]
fn bloating_on_more_than_12_of_30_days_is_a_note() {
    let on = date(ON);
    // 12 days: at NICE's threshold, not above it; zeros do not count, and
    // day 31 is outside the window.
    let mut s: Vec<SymptomRating> = (0..12)
        .map(|i| bloating(on - Duration::days(i * 2), 1))
        .collect();
    s.push(bloating(on - Duration::days(1), 0));
    s.push(bloating(on - Duration::days(30), 3));
    assert_eq!(doctor::bloating_days(&s, on), 12);
    assert!(doctor::bloating_note(&s, on, &Profile::default()).is_none());
    s.push(bloating(on - Duration::days(3), 2));
    assert_eq!(doctor::bloating_days(&s, on), 13);
    let note = doctor::bloating_note(&s, on, &Profile::default()).unwrap();
    assert!(
        note.text.contains("13 of the last 30 days"),
        "{}",
        note.text
    );
    assert!(note.text.contains("CA125"), "{}", note.text);
    assert!(note.sources.iter().any(|x| x == "nice-ng12"));
    assert!(note.cited().contains("[NICE NG12"));
    // Men get the general wording (no ovarian-cancer test).
    let man = Profile {
        birth_year: None,
        sex: Some(Sex::Male),
    };
    let note = doctor::bloating_note(&s, on, &man).unwrap();
    assert!(
        !note.text.contains("CA125") && note.text.contains("doctor"),
        "{}",
        note.text
    );
    // Two ratings on one day are one day.
    s.push(SymptomRating {
        id: "dup".into(),
        ..bloating(on, 3)
    });
    assert_eq!(doctor::bloating_days(&s, on), 13);
}

/// Eight weeks of ordinary stools, then four weeks of `recent` kinds.
fn stools_with_recent(recent: &[i64], recent_weeks: i64) -> Vec<Stool> {
    let on = date(ON);
    let mut v = Vec::new();
    for i in 0..7 * 12 {
        let d = on - Duration::days(i);
        if i < 7 * recent_weeks {
            if i % 7 < recent.len() as i64 {
                v.push(stool(d, 8, recent[(i % 7) as usize]));
            }
        } else if i % 2 == 0 {
            v.push(stool(d, 8, 4));
        }
    }
    v
}

#[test]
fn a_new_lasting_change_in_stools_is_a_note() {
    let on = date(ON);
    // Loose most days for each of the last four weeks.
    let loose = stools_with_recent(&[6, 7, 6, 4, 6], 4);
    assert_eq!(doctor::stool_changes(&loose, on), vec![StoolChange::Looser]);
    let note = doctor::stool_change_note(&loose, on).unwrap();
    assert!(
        note.text
            .contains("looser than before in each of the last 4 weeks"),
        "{}",
        note.text
    );
    assert!(note.sources.iter().any(|s| s == "nice-cg61"));
    // Only three weeks of change: not yet "lasting".
    let short = stools_with_recent(&[6, 7, 6, 4, 6], 3);
    assert!(doctor::stool_changes(&short, on).is_empty());
    // Hard every time.
    let hard = stools_with_recent(&[1, 2, 2], 4);
    assert_eq!(doctor::stool_changes(&hard, on), vec![StoolChange::Harder]);
    // Same as before: nothing.
    let same = stools_with_recent(&[4, 4, 3, 5], 4);
    assert!(doctor::stool_changes(&same, on).is_empty());
    // Too little logged before to know what changed: nothing.
    let few: Vec<Stool> = loose
        .iter()
        .filter(|s| s.at.date() > on - Duration::days(40))
        .cloned()
        .collect();
    assert!(doctor::stool_changes(&few, on).is_empty());
}

#[test]
fn day_and_report_show_the_diarys_doctor_notes() {
    let d = Diary::new();
    for i in 0..14 {
        d.ok(&[
            "log",
            "symptom",
            "bloating",
            "2",
            "--at",
            &format!("{} 20:00", date(ON) - Duration::days(i)),
        ]);
    }
    let out = d.ok(&["log", "symptom", "bloating", "1", "--at", "21:00"]);
    assert!(
        out.contains("SEE A DOCTOR") && out.contains("14 of the last 30 days"),
        "{out}"
    );
    let day = d.ok(&["day"]);
    assert!(day.contains("From your log: see a doctor"), "{day}");
    assert!(
        day.contains("[NICE NG12; NHS: ovarian cancer; NHS: bloating]"),
        "{day}"
    );
    let v: serde_json::Value = serde_json::from_str(&d.ok(&["day", "--json"])).unwrap();
    assert_eq!(v["doctor_notes"][0]["id"], "bloating_often");
    // A date before the bloating began has no note.
    let v: serde_json::Value =
        serde_json::from_str(&d.ok(&["day", "2026-10-01", "--json"])).unwrap();
    assert_eq!(v["doctor_notes"], serde_json::json!([]));
    let report = d.ok(&["report"]);
    assert!(
        report.starts_with("\nFrom your log: see a doctor"),
        "{report}"
    );
    let v: serde_json::Value = serde_json::from_str(&d.ok(&["report", "--json"])).unwrap();
    assert_eq!(v["doctor_notes"][0]["id"], "bloating_often");
    assert!(v.get("coeliac_first").is_some(), "the key is always there");
    assert!(v["caveat"].as_str().unwrap().contains("coeliac"));
}

#[test]
fn the_profile_is_optional_editable_and_decides_the_questions() {
    let d = Diary::new();
    let out = d.ok(&["profile"]);
    assert!(
        out.contains("No profile set") && out.contains("(11 of 11)"),
        "{out}"
    );
    let before = d.bytes();
    let err = d.fails(&["profile", "set", "--born", "2030"], 2);
    assert!(err.contains("use a year from 1900 to 2026"), "{err}");
    let err = d.fails(&["profile", "set", "--sex", "x"], 2);
    assert!(err.contains("female, male"), "{err}");
    d.fails(&["profile", "set"], 2);
    assert_eq!(d.bytes(), before, "a refused command changes nothing");

    let out = d.ok(&["profile", "set", "--born", "1990", "--sex", "male"]);
    assert!(
        out.contains("Year of birth: 1990 (36 this year)") && out.contains("(9 of 11)"),
        "{out}"
    );
    assert!(
        !out.contains("For women") && !out.contains("60 or over"),
        "{out}"
    );
    // Setting one field keeps the other.
    let out = d.ok(&["profile", "set", "--born", "1960"]);
    assert!(
        out.contains("Sex: male") && out.contains("60 or over"),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&d.ok(&["profile", "--json"])).unwrap();
    assert_eq!(
        v["profile"],
        serde_json::json!({"birth_year": 1960, "sex": "male"})
    );
    assert!(!v["red_flags_asked"]
        .as_array()
        .unwrap()
        .contains(&"ovarian_symptoms".into()));
    // Exported, and imported into another diary.
    let ex = d.export();
    assert_eq!(
        ex["profile"],
        serde_json::json!({"birth_year": 1960, "sex": "male"})
    );
    let other = Diary::new();
    let file = d.dir.path().join("p.json");
    std::fs::write(&file, ex.to_string()).unwrap();
    other.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(other.export()["profile"], ex["profile"]);
    // Cleared: every question again, and no profile key in the export.
    let out = d.ok(&["profile", "clear"]);
    assert!(out.contains("(11 of 11)"), "{out}");
    assert!(d.export().get("profile").is_none());
}

#[test]
fn the_new_red_flags_are_logged_with_their_guidance() {
    let d = Diary::new();
    for flag in [
        "ovarian_symptoms",
        "family_history_cancer",
        "iron_deficiency_anaemia",
        "abdominal_or_rectal_lump",
        "bowel_change_over_60",
    ] {
        let out = d.ok(&["log", "flag", flag]);
        assert!(out.contains("SEE A DOCTOR"), "{flag}: {out}");
    }
    let flags = d.export()["red_flags"].as_array().unwrap().len();
    assert_eq!(flags, 5);
    let day = d.ok(&["day"]);
    assert!(day.contains("CA125"), "{day}");
}

#[test]
fn a_version_2_diary_is_upgraded_and_keeps_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gutlog.db");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/schema-v2-retired-habit.db"
        ),
        &db,
    )
    .unwrap();
    let out = gutlog_at(&db).args(["export"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ex: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ex["meals"].as_array().unwrap().len(), 2);
    assert_eq!(ex["meals"][0]["note"], "v2 meal");
    // Stored tags are not rewritten by the new food knowledge.
    assert_eq!(
        ex["meals"][1]["tags"],
        serde_json::json!(["bone_broth", "gluten"])
    );
    assert_eq!(ex["red_flags"][0]["flag"], "fever");
    assert_eq!(ex["food_tags"][0]["food"], "grandma's stew");
    let habits: Vec<&str> = ex["habits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["habit"].as_str().unwrap())
        .collect();
    assert_eq!(habits, vec!["reduce_stress", "soothe_lining"]);
    assert!(ex.get("profile").is_none() && ex.get("food_parts").is_none());
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    drop(store);
    let backup = dir.path().join(format!(
        "backups/gutlog-before-v{LATEST_VERSION}-from-v2.db"
    ));
    assert!(backup.exists(), "the pre-migration backup is kept");
    // The retired habit still shows by a sensible name.
    let day = gutlog_at(&db).args(["day", "2026-10-01"]).output().unwrap();
    let day = String::from_utf8(day.stdout).unwrap();
    assert!(
        day.contains("Lining-support supplement (no longer a goal)"),
        "{day}"
    );
    // The upgraded file takes the new flags, a profile and parts.
    for args in [
        &["log", "flag", "ovarian_symptoms"][..],
        &["profile", "set", "--sex", "female"][..],
        &["log", "meal", "grandma's stew", "--parts", "beef, carrot"][..],
    ] {
        let out = gutlog_at(&db).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_version_1_export_with_old_habit_ids_imports_and_reads_sensibly() {
    let d = Diary::new();
    let text = serde_json::json!({
        "format": "gutlog", "version": 1,
        "meals": [{"id": "m1", "at": "2026-11-19T19:00:00", "slot": "dinner",
                   "foods": ["cheese sandwich"], "tags": ["dairy"], "note": null}],
        "red_flags": [{"date": "2026-11-19", "flag": "blood_in_stool"}],
        "habits": [{"date": "2026-11-19", "habit": "soothe_lining"},
                   {"date": "2026-11-19", "habit": "healing_foods"}],
        "food_tags": [{"food": "kvass", "tags": ["fermented"]}]
    });
    let file = d.dir.path().join("v1.json");
    std::fs::write(&file, text.to_string()).unwrap();
    d.ok(&["import", file.to_str().unwrap()]);
    let ex = d.export();
    assert_eq!(ex["meals"][0]["tags"], serde_json::json!(["dairy"]));
    assert_eq!(ex["habits"].as_array().unwrap().len(), 2);
    let day = d.ok(&["day", "2026-11-19"]);
    assert!(day.contains("Whole foods today"), "{day}");
    assert!(
        day.contains("Lining-support supplement (no longer a goal)"),
        "{day}"
    );
    assert!(day.contains("Rectal bleeding"), "{day}");
    // A habit id gutlog never had is still refused, naming the record.
    let bad = serde_json::json!({"format": "gutlog", "version": 1,
        "habits": [{"date": "2026-11-19", "habit": "eat_gut_healing_food"}]});
    std::fs::write(&file, bad.to_string()).unwrap();
    let err = d.fails(&["import", file.to_str().unwrap()], 2);
    assert!(err.contains("habits[0]"), "{err}");
}

#[test]
fn logging_the_stool_that_completes_a_lasting_change_prints_the_note() {
    let d = Diary::new();
    // 8 ordinary weeks, then 4 weeks of loose ones, except that this week
    // has only two stools so far (types 4 and 6): too few to judge.
    let stools: Vec<serde_json::Value> = stools_with_recent(&[6, 7, 6, 4, 6], 4)
        .into_iter()
        .filter(|s| s.at.date() <= date(ON) - Duration::days(3))
        .map(|s| serde_json::json!({"at": s.at.format("%Y-%m-%dT%H:%M:%S").to_string(), "bristol": s.bristol.kind()}))
        .collect();
    let text = serde_json::json!({"format": "gutlog", "version": 1, "stools": stools});
    let file = d.dir.path().join("s.json");
    std::fs::write(&file, text.to_string()).unwrap();
    d.ok(&["import", file.to_str().unwrap()]);
    let out = d.ok(&["log", "stool", "4", "--at", "07:00"]);
    assert!(
        !out.contains("SEE A DOCTOR"),
        "this week lacks loose stools yet: {out}"
    );
    let out = d.ok(&["log", "stool", "7", "--at", "08:00"]);
    assert!(
        out.contains("SEE A DOCTOR") && out.contains("looser than before"),
        "{out}"
    );
}
