//! The exchange format: round trip, idempotent import, merging two diaries,
//! and bad files rejected whole, naming the first bad record.

mod common;
use common::Diary;
use serde_json::json;

fn full_diary() -> Diary {
    let d = Diary::new();
    d.ok(&[
        "log",
        "meal",
        "oats, banana, kefir",
        "--at",
        "08:00",
        "--note",
        "Früh 🍌",
    ]);
    d.ok(&[
        "log",
        "meal",
        "mystery curry",
        "--at",
        "yesterday 19:00",
        "--tag",
        "spicy",
    ]);
    d.ok(&[
        "log",
        "symptom",
        "bloating",
        "2",
        "--at",
        "21:00",
        "--note",
        "after dinner",
    ]);
    d.ok(&["log", "symptom", "hiccups", "1", "--new"]);
    d.ok(&["log", "stool", "5", "--at", "07:30"]);
    d.ok(&[
        "log", "checkin", "--mood", "3", "--sleep", "6.5", "--water", "7", "--note", "tired",
    ]);
    d.ok(&["log", "intake", "probiotic", "--at", "09:00"]);
    d.ok(&["log", "flag", "weight_loss"]);
    d.ok(&["plan", "start", "2026-11-19"]);
    d.ok(&["plan", "tick", "1"]);
    d
}

fn import(d: &Diary, text: &str) -> std::process::Output {
    let f = d.dir.path().join(format!("in-{}.json", text.len()));
    std::fs::write(&f, text).unwrap();
    d.cmd()
        .args(["import", f.to_str().unwrap()])
        .output()
        .unwrap()
}

#[test]
fn export_import_export_is_identical() {
    let a = full_diary();
    let exported = a.ok(&["export"]);
    let b = Diary::new();
    let out = import(&b, &exported);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(b.ok(&["export"]), exported);
    // The file written with --out is the same, and private.
    let out_file = a.dir.path().join("export.json");
    a.ok(&["export", "--out", out_file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), exported);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let err = a.fails(&["export", "--out", out_file.to_str().unwrap()], 2);
    assert!(err.contains("already exists"), "{err}");
    a.ok(&["export", "--out", out_file.to_str().unwrap(), "--force"]);
}

#[test]
fn importing_twice_adds_nothing() {
    let a = full_diary();
    let exported = a.ok(&["export"]);
    let out = import(&a, &exported);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Imported 0 new entries"), "{said}");
    // Check-ins already there are not "merged" again.
    assert!(said.contains("merged 0 check-ins"), "{said}");
    assert_eq!(a.ok(&["export"]), exported);
    // Into another diary, each check-in date is merged once.
    let b = Diary::new();
    let said = String::from_utf8_lossy(&import(&b, &exported).stdout).into_owned();
    let n = serde_json::from_str::<serde_json::Value>(&exported).unwrap()["checkins"]
        .as_array()
        .unwrap()
        .len();
    assert!(n > 0);
    assert!(said.contains(&format!("merged {n} check-ins")), "{said}");
}

#[test]
fn two_diaries_merge_without_duplicates() {
    let laptop = Diary::new();
    laptop.ok(&["log", "meal", "toast", "--at", "08:00"]);
    laptop.ok(&["log", "checkin", "--mood", "4"]);
    let desktop = Diary::new();
    desktop.ok(&["log", "meal", "soup", "--at", "12:00"]);
    desktop.ok(&["log", "checkin", "--sleep", "8"]);
    let (l, d) = (laptop.ok(&["export"]), desktop.ok(&["export"]));

    let merged = Diary::new();
    for text in [&l, &d, &l, &d] {
        assert!(import(&merged, text).status.success());
    }
    let ex = merged.export();
    let foods: Vec<&str> = ex["meals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["foods"][0].as_str().unwrap())
        .collect();
    assert_eq!(foods, vec!["toast", "soup"]);
    assert_eq!(ex["checkins"][0]["mood"], 4);
    assert_eq!(ex["checkins"][0]["sleep_hours"], 8.0);

    // Importing the other machine's export into one of them gives the same union.
    assert!(import(&laptop, &d).status.success());
    assert_eq!(laptop.ok(&["export"]), merged.ok(&["export"]));
}

#[test]
fn ids_and_tags_are_optional_on_import() {
    let d = Diary::new();
    let text = json!({
        "format": "gutlog", "version": 1,
        "meals": [{"at": "2026-11-20T19:30:00", "slot": "dinner", "foods": ["pasta", "parmesan"], "note": null}],
        "symptoms": [{"at": "2026-11-21T08:00:00", "symptom": "bloating", "severity": 2, "note": null}]
    });
    let out = import(&d, &text.to_string());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ex = d.export();
    // Inferred from the foods: pasta is wheat (gluten, fructans → high_fodmap).
    assert_eq!(
        ex["meals"][0]["tags"],
        json!(["dairy", "gluten", "high_fodmap"])
    );
    assert_eq!(ex["meals"][0]["id"].as_str().unwrap().len(), 36);
}

#[test]
fn bad_files_are_rejected_whole_naming_the_record() {
    let d = full_diary();
    let before = d.bytes();
    let good_meal =
        json!({"id": "new-1", "at": "2026-11-20T10:00:00", "slot": "snack", "foods": ["apple"]});
    let cases: Vec<(String, &str)> = vec![
        ("{ not json".into(), "not valid JSON"),
        ("[1, 2]".into(), "one JSON object"),
        (json!({"format": "other", "version": 1}).to_string(), "not a gutlog export"),
        (json!({"format": "gutlog", "version": 4}).to_string(), "version 4 is not supported"),
        (json!({"format": "gutlog", "version": 1, "deleted": []}).to_string(), "'deleted' needs \"version\": 2"),
        (json!({"format": "gutlog", "version": 1, "mealz": []}).to_string(), "unknown key 'mealz'"),
        (json!({"format": "gutlog", "version": 1, "meals": [good_meal, {"at": "2026-02-30T10:00:00", "foods": ["x"]}]}).to_string(), "meals[1]"),
        (json!({"format": "gutlog", "version": 1, "meals": [good_meal, {"at": "2026-11-20T10:00:00", "foods": []}]}).to_string(), "meals[1]: a meal needs at least one food"),
        (json!({"format": "gutlog", "version": 1, "meals": [good_meal], "symptoms": [{"at": "2026-11-20T10:00:00", "symptom": "bloating", "severity": 7}]}).to_string(), "symptoms[0]: severity 7"),
        (json!({"format": "gutlog", "version": 1, "symptoms": [{"at": "2026-11-20T10:00:00", "symptom": "bloatin", "severity": 1}]}).to_string(), "did you mean 'bloating'"),
        (json!({"format": "gutlog", "version": 1, "stools": [{"at": "2026-11-20T10:00:00", "bristol": 9}]}).to_string(), "stools[0]: Bristol type 9"),
        (json!({"format": "gutlog", "version": 1, "checkins": [{"date": "2026-11-20", "water_glasses": -1}]}).to_string(), "checkins[0]: water -1"),
        (json!({"format": "gutlog", "version": 1, "checkins": [{"date": "2026-11-20", "stress": 0}]}).to_string(), "stress 0"),
        (json!({"format": "gutlog", "version": 1, "intakes": [{"at": "2026-11-20T10:00:00", "name": "x", "kind": "candy"}]}).to_string(), "intakes[0]: unknown kind"),
        (json!({"format": "gutlog", "version": 1, "red_flags": [{"date": "2026-11-20", "flag": "itchy"}]}).to_string(), "red_flags[0]"),
        (json!({"format": "gutlog", "version": 1, "plan_runs": [{"started_on": "2026-11-20", "ticks": [{"day": 8, "done_at": "2026-11-20T10:00:00"}]}]}).to_string(), "plan_runs[0]: plan day 8"),
        (json!({"format": "gutlog", "version": 1, "meals": [{"at": "2026-11-20T10:00:00", "foods": ["x"], "colour": "red"}]}).to_string(), "unknown field `colour`"),
    ];
    for (text, needle) in cases {
        let out = import(&d, &text);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {err}");
        assert!(err.contains(needle), "{text}: expected {needle:?} in {err}");
        assert_eq!(
            d.bytes(),
            before,
            "a rejected import changed the diary: {text}"
        );
    }
    let missing = d
        .cmd()
        .args(["import", "/no/such/file.json"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn demo_is_repeatable_and_refuses_a_non_empty_diary() {
    let a = Diary::new();
    let out = a.ok(&["demo", "--days", "30", "--seed", "7"]);
    assert!(out.contains("30 days"), "{out}");
    let b = Diary::new();
    b.ok(&["demo", "--days", "30", "--seed", "7"]);
    assert_eq!(a.ok(&["export"]), b.ok(&["export"]));
    let ex = a.export();
    assert!(ex["meals"].as_array().unwrap().len() >= 60);
    assert!(ex["symptoms"].as_array().unwrap().len() >= 60);
    assert!(!ex["checkins"].as_array().unwrap().is_empty());
    assert_eq!(ex["plan_runs"].as_array().unwrap().len(), 1);
    assert_eq!(
        ex["meals"].as_array().unwrap().last().unwrap()["at"]
            .as_str()
            .unwrap()[..10],
        *"2026-11-20"
    );
    let err = a.fails(&["demo"], 2);
    assert!(err.contains("already holds a diary"), "{err}");
}

/// Version 2 carries change times and tombstones; they survive export →
/// import → export unchanged.
#[test]
fn export_import_export_keeps_change_times_and_tombstones() {
    let a = full_diary();
    let ids: Vec<String> = a.export()["meals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    a.ok(&["delete", &ids[0]]);
    a.ok(&["log", "checkin", "--mood", "5"]);
    a.ok(&["log", "flag", "weight_loss", "--clear"]);
    a.ok(&["plan", "untick", "1"]);
    let exported = a.ok(&["export"]);
    let ex: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(ex["version"], 3);
    let kinds = |list: &str| -> Vec<String> {
        ex[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(kinds("deleted"), ["meals", "plan_ticks", "red_flags"]);
    assert!(kinds("changed").contains(&"checkins".to_string()));
    assert_eq!(ex["deleted"][0]["key"], ids[0].as_str());
    assert_eq!(ex["deleted"][0]["at"], "2026-11-20T21:00:00");
    let b = Diary::new();
    let out = import(&b, &exported);
    assert!(out.status.success());
    assert_eq!(b.ok(&["export"]), exported);
}

/// Importing a later export of the same diary applies its deletions and
/// its later edits; an older one brings nothing back.
#[test]
fn a_version_2_import_carries_deletions_and_later_edits() {
    let laptop = full_diary();
    let desktop = Diary::new();
    assert!(import(&desktop, &laptop.ok(&["export"])).status.success());
    let old = laptop.ok(&["export"]);
    let toast = laptop.export()["meals"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let later = |args: &[&str]| {
        let out = laptop
            .cmd()
            .env("GUTLOG_NOW", "2026-11-20T22:00:00")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
    };
    later(&["delete", &toast]);
    later(&["log", "checkin", "--mood", "1"]);
    let out = import(&desktop, &laptop.ok(&["export"]));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Applied 0 later edits and 1 deletions"),
        "{stdout}"
    );
    let ex = desktop.export();
    assert!(!ex["meals"].to_string().contains(&toast));
    assert_eq!(ex["checkins"][0]["mood"], 1);
    // The export from before the deletion brings nothing back.
    let out = import(&desktop, &old);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Not brought back: 1 entry"), "{stdout}");
    assert_eq!(desktop.ok(&["export"]), laptop.ok(&["export"]));
}

#[test]
fn bad_change_times_and_tombstones_are_refused_naming_the_entry() {
    let d = full_diary();
    let before = d.bytes();
    let meal = json!({"id": "m-1", "at": "2026-11-20T10:00:00", "foods": ["x"]});
    let v = |kind: &str, key: &str| json!({"kind": kind, "key": key, "at": "2026-11-20T21:00:00", "by": "0123456789abcdef"});
    let doc = |body: serde_json::Value| {
        let mut doc = json!({"format": "gutlog", "version": 2, "meals": [meal]});
        for (k, val) in body.as_object().unwrap() {
            doc[k] = val.clone();
        }
        doc.to_string()
    };
    let cases = [
        (
            doc(json!({"changed": [v("meals", "m-2")]})),
            "changed[0]: meals 'm-2' is not in the file",
        ),
        (
            doc(json!({"deleted": [v("meals", "m-1")]})),
            "deleted[0]: meals 'm-1' is also in meals[0]",
        ),
        (
            doc(json!({"deleted": [v("stools", "s-1"), v("stools", "S-1")]})),
            "deleted[1]: stools 's-1' is listed twice",
        ),
        (
            doc(json!({"changed": [v("meals", "m-1"), v("meals", "m-1")]})),
            "changed[1]: meals 'm-1' is listed twice",
        ),
        (
            doc(json!({"deleted": [v("mealz", "m-1")]})),
            "deleted[0]: unknown kind 'mealz'",
        ),
        (
            doc(json!({"deleted": [v("checkins", "2026-11-20/moood")]})),
            "not a known check-in field",
        ),
        (
            doc(json!({"deleted": [v("red_flags", "2026-11-20/itchy")]})),
            "not a known red flag",
        ),
        (
            doc(json!({"deleted": [v("plan_ticks", "run-1/8")]})),
            "plan day 8",
        ),
        (
            doc(
                json!({"deleted": [{"kind": "meals", "key": "m-9", "at": "2026-11-20T21:00:00", "by": "Laptop!"}]}),
            ),
            "device 'Laptop!'",
        ),
        (
            doc(
                json!({"deleted": [{"kind": "meals", "key": "m-9", "at": "2026-11-20T21:00:60", "by": "ab"}]}),
            ),
            "deleted[0]: at '",
        ),
        (
            doc(json!({"deleted": [{"kind": "meals", "key": "m-9", "at": "2026-11-20T21:00:00"}]})),
            "missing field `by`",
        ),
    ];
    for (text, needle) in cases {
        let out = import(&d, &text);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {err}");
        assert!(err.contains(needle), "{text}: expected {needle:?} in {err}");
        assert_eq!(d.bytes(), before);
    }
}
