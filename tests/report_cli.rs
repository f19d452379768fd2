//! `gutlog report` as a whole process: a temporary diary, a pinned clock.

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const NOW: &str = "2026-11-22T21:00:00";

fn gutlog(dir: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("gutlog").unwrap();
    cmd.env("GUTLOG_DB", dir.path().join("diary.db"))
        .env("GUTLOG_NOW", NOW)
        .env("TZ", "Pacific/Kiritimati")
        .env_remove("XDG_DATA_HOME")
        .env_remove("GUTLOG_CONFIG")
        .env("XDG_CONFIG_HOME", dir.path().join("config"));
    cmd
}

fn demo(days: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    gutlog(&dir)
        .args(["demo", "--days", days])
        .assert()
        .success();
    dir
}

fn report_json(dir: &TempDir, args: &[&str]) -> serde_json::Value {
    let out = gutlog(dir)
        .arg("report")
        .args(args)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn report_text_shows_the_week_and_the_findings() {
    let dir = demo("120");
    gutlog(&dir)
        .arg("report")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Weekly review: Mon 16 Nov – Sun 22 Nov 2026",
        ))
        .stdout(predicate::str::contains("Symptoms"))
        .stdout(predicate::str::contains("Daily habits kept"))
        .stdout(predicate::str::contains(
            "What comes before your symptoms (2026-09-28 – 2026-11-22",
        ))
        .stdout(predicate::str::contains(
            "Bloating (moderate or worse) followed",
        ))
        .stdout(predicate::str::contains("not proof"));
}

#[test]
fn report_json_has_the_documented_keys() {
    let dir = demo("120");
    let v = report_json(&dir, &[]);
    assert_eq!(v["week"]["start"], "2026-11-16");
    assert_eq!(v["week"]["end"], "2026-11-22");
    for key in ["symptoms", "red_flags", "findings"] {
        assert!(v[key].is_array(), "{key} is not an array");
    }
    for key in ["habits", "stools", "plan", "coverage", "analysis"] {
        assert!(v[key].is_object(), "{key} is not an object");
    }
    assert_eq!(v["analysis"]["status"], "ok");
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in [
            "factor",
            "symptom",
            "lag",
            "verdict",
            "exposed_days",
            "exposed_with_symptom",
            "unexposed_days",
            "unexposed_with_symptom",
            "relative_risk",
            "ci_low",
            "ci_high",
            "p_value",
            "q_value",
            "explanation",
        ] {
            assert!(!f[key].is_null(), "finding lacks {key}: {f}");
        }
        let factor = f["factor"].as_str().unwrap();
        assert!(
            ["tag:", "food:", "fodmap:", "intake:", "habit:"]
                .iter()
                .any(|p| factor.starts_with(p)),
            "{factor}"
        );
        assert!(["same_day", "next_day"].contains(&f["lag"].as_str().unwrap()));
        assert!(["likely", "possible", "helper"].contains(&f["verdict"].as_str().unwrap()));
    }
    // The demo plants dairy → bloating.
    assert!(findings
        .iter()
        .any(|f| f["factor"] == "tag:dairy" && f["symptom"] == "bloating"));
}

#[test]
fn parameters_change_the_window_and_threshold() {
    let dir = demo("120");
    let v = report_json(
        &dir,
        &[
            "--week-ending",
            "2026-11-15",
            "--history-days",
            "28",
            "--min-severity",
            "3",
        ],
    );
    assert_eq!(v["week"]["end"], "2026-11-15");
    assert_eq!(v["analysis"]["start"], "2026-10-19");
    assert_eq!(v["analysis"]["window_days"], 28);
    assert_eq!(v["analysis"]["min_severity"], 3);
}

#[test]
fn an_empty_diary_reports_honestly() {
    let dir = TempDir::new().unwrap();
    gutlog(&dir)
        .arg("report")
        .assert()
        .success()
        .stdout(predicate::str::contains("Logged on 0 of 7 days."))
        .stdout(predicate::str::contains("Not enough data yet"));
    let v = report_json(&dir, &[]);
    assert_eq!(v["analysis"]["status"], "insufficient");
    assert_eq!(v["analysis"]["meal_days"], 0);
    assert_eq!(v["findings"], serde_json::json!([]));
    assert_eq!(v["coverage"]["days_logged"], 0);
}

#[test]
fn bad_arguments_exit_2_with_one_clear_line() {
    let dir = TempDir::new().unwrap();
    for (args, needle) in [
        (
            &["--min-severity", "7"][..],
            "minimum severity 7 is out of range",
        ),
        (
            &["--min-severity", "x"][..],
            "--min-severity 'x' is not a whole number",
        ),
        (
            &["--week-ending", "2026-02-30"][..],
            "'2026-02-30' is not a real date",
        ),
        (&["--week-ending", "2027-01-01"][..], "is in the future"),
        (
            &["--history-days", "5"][..],
            "history of 5 days is out of range",
        ),
    ] {
        let out = gutlog(&dir)
            .arg("report")
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
