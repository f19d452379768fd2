//! `gutlog status` (exit codes, one line, JSON, the prompt form; read-only),
//! the store's lean read side, and `gutlog remind` (what it prints, and that
//! the printed command notifies exactly when the day is not logged).

mod common;
use chrono::NaiveDate;
use common::{Diary, NOW};
use gutlog::domain::status::{DayStatus, Part, PlanStep};
use gutlog::Store;
use std::process::Command;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Runs `gutlog status ARGS` at `now`: (exit code, stdout, stderr).
fn status_at(d: &Diary, now: &str, args: &[&str]) -> (i32, String, String) {
    let out = d
        .cmd()
        .env("GUTLOG_NOW", now)
        .arg("status")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn write_config(d: &Diary, text: &str) {
    let path = d.dir.path().join("config/gutlog/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn status_exits_1_only_when_the_day_is_not_logged_after_the_reminder_hour() {
    let d = Diary::new();
    // No diary yet: nothing logged, and status does not create one.
    let (code, line, _) = status_at(&d, NOW, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        line,
        "Fri 20 Nov: nothing logged yet; still to log: meals, symptoms, check-in.\n"
    );
    assert!(!d.db.exists(), "status must not create the diary");
    // Before the reminder hour (20 by default) the same day exits 0.
    assert_eq!(status_at(&d, "2026-11-20T19:59:00", &[]).0, 0);

    d.ok(&["log", "meal", "oats", "--at", "08:00"]);
    d.ok(&["log", "symptom", "bloating", "0", "--at", "20:00"]);
    d.ok(&["log", "symptom", "gas", "1", "--at", "20:00"]);
    let (code, line, _) = status_at(&d, NOW, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        line,
        "Fri 20 Nov: logged 1 meal, 2 symptoms rated; still to log: check-in.\n"
    );
    d.ok(&["log", "checkin", "--mood", "4"]);
    let (code, line, _) = status_at(&d, NOW, &[]);
    assert_eq!(
        (code, line.as_str()),
        (
            0,
            "Fri 20 Nov: logged 1 meal, 2 symptoms rated, check-in. All done for today.\n"
        )
    );

    // A plan run covering the day adds its step.
    d.ok(&["plan", "start", "2026-11-18"]);
    let (code, line, _) = status_at(&d, NOW, &[]);
    assert_eq!(code, 1);
    assert!(line.ends_with("still to log: plan day 3.\n"), "{line}");
    d.ok(&["plan", "tick", "3"]);
    assert_eq!(status_at(&d, NOW, &[]).0, 0);
    // Yesterday's entries do not count for today.
    assert_eq!(status_at(&d, "2026-11-21T21:00:00", &[]).0, 1);

    // The reminder hour comes from the config.
    write_config(&d, "reminder_hour = 22\n");
    assert_eq!(status_at(&d, "2026-11-21T21:00:00", &[]).0, 0);
    assert_eq!(status_at(&d, "2026-11-21T22:00:00", &[]).0, 1);
}

#[test]
fn status_json_is_one_line_with_the_documented_keys() {
    let d = Diary::new();
    d.ok(&["log", "meal", "oats", "--at", "08:00"]);
    d.ok(&["plan", "start", "2026-11-18"]);
    let (code, out, _) = status_at(&d, NOW, &["--json"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "date": "2026-11-20", "meals": 1, "symptoms_rated": 0, "checkin": false,
            "plan": { "day": 3, "ticked": false },
            "logged": false, "missing": ["symptoms", "check-in", "plan"],
            "reminder_hour": 20, "reminder_due": true
        })
    );
    let (code, out, _) = status_at(&d, "2026-11-20T09:00:00", &["--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["logged"].as_bool(), v["reminder_due"].as_bool()),
        (Some(false), Some(false))
    );
}

#[test]
fn the_prompt_form_speaks_only_when_a_reminder_is_due() {
    let d = Diary::new();
    d.ok(&["log", "meal", "oats", "--at", "08:00"]);
    assert_eq!(
        status_at(&d, NOW, &["--prompt"]),
        (1, "gut: symptoms, check-in\n".to_string(), String::new())
    );
    assert_eq!(
        status_at(&d, "2026-11-20T10:00:00", &["--prompt"]),
        (0, String::new(), String::new())
    );
    d.ok(&["log", "symptom", "gas", "0"]);
    d.ok(&["log", "checkin", "--mood", "3"]);
    assert_eq!(
        status_at(&d, NOW, &["--prompt"]),
        (0, String::new(), String::new())
    );
    // A broken diary: a short pointer on the prompt, exit 2, nothing on stderr.
    std::fs::write(&d.db, "this is not a diary").unwrap();
    let (code, out, err) = status_at(&d, NOW, &["--prompt"]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (2, "gut: ! (run gutlog status)\n", "")
    );
    let (code, out, err) = status_at(&d, NOW, &[]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with("gutlog: ") && err.contains("not a gutlog diary"),
        "{err}"
    );
}

#[test]
fn status_reads_without_writing_migrating_or_backing_up() {
    let d = Diary::new();
    d.ok(&["log", "meal", "oats", "--at", "08:00"]);
    let before = d.bytes();
    let backups = d.dir.path().join("backups");
    std::fs::remove_dir_all(&backups).ok();
    assert_eq!(status_at(&d, "2026-11-21T21:00:00", &[]).0, 1);
    assert_eq!(d.bytes(), before, "the diary is byte-for-byte unchanged");
    assert!(!backups.exists(), "no daily backup is taken");

    // A diary from a newer gutlog is refused, untouched.
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let before = d.bytes();
    let (code, _, err) = status_at(&d, NOW, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("newer than this gutlog understands"), "{err}");
    assert_eq!(d.bytes(), before);
}

#[test]
fn an_old_diary_is_left_for_a_full_command_to_upgrade() {
    let d = Diary::new();
    std::fs::copy("tests/fixtures/schema-v1.db", &d.db).unwrap();
    let before = d.bytes();
    let (code, _, err) = status_at(&d, NOW, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("needs an upgrade first"), "{err}");
    assert_eq!(d.bytes(), before, "status never migrates");
    d.ok(&["day"]);
    assert_ne!(status_at(&d, NOW, &[]).0, 2);
}

#[test]
fn the_store_counts_a_day_and_knows_when_a_date_has_anything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    assert!(Store::open_read_only(&db).unwrap().is_none());
    assert!(!db.exists());
    let demo = gutlog::demo::generate(60, 7, date("2026-11-20"));
    Store::open(&db).unwrap().import(&demo).unwrap();
    let ro = Store::open_read_only(&db).unwrap().expect("a diary");
    let full = Store::open(&db).unwrap();
    let mut with = 0;
    // One rule: "anything logged" agrees with the day's full log, every day
    // of the demo and the empty days around it.
    for offset in -65..=2 {
        let day = date("2026-11-20") + chrono::Duration::days(offset);
        let log = full.day(day).unwrap();
        assert_eq!(ro.has_entries_on(day).unwrap(), !log.is_empty(), "{day}");
        with += usize::from(!log.is_empty());
        let st = ro.day_status(day).unwrap();
        assert_eq!(st.meals as usize, log.meals.len(), "{day}");
        let mut rated: Vec<&str> = log.symptoms.iter().map(|s| s.symptom.as_str()).collect();
        rated.sort();
        rated.dedup();
        assert_eq!(st.symptoms_rated as usize, rated.len(), "{day}");
        assert_eq!(
            st.checkin,
            log.checkin.as_ref().is_some_and(|c| !c.is_empty())
        );
    }
    assert!(with >= 50, "the demo logs most days ({with})");
    // A habit ticked by hand alone counts as something logged.
    let lonely = date("2026-12-01");
    assert!(!ro.has_entries_on(lonely).unwrap());
    drop(full);
    Store::open(&db)
        .unwrap()
        .set_habit(
            lonely,
            "reduce_stress",
            true,
            lonely.and_hms_opt(21, 0, 0).unwrap(),
        )
        .unwrap();
    assert!(ro.has_entries_on(lonely).unwrap());
}

#[test]
fn a_day_status_lists_what_is_missing() {
    let mut st = DayStatus::nothing(date("2026-11-20"));
    st.plan = Some(PlanStep {
        day: 2,
        ticked: false,
    });
    assert_eq!(
        st.missing(),
        [Part::Meals, Part::Symptoms, Part::CheckIn, Part::Plan]
    );
}

// ---- remind ----

/// The shell command inside a crontab line (after the five time fields).
fn cron_command(line: &str) -> String {
    line.splitn(6, ' ').nth(5).unwrap().to_string()
}

/// Runs the printed reminder command with a stand-in notify-send that
/// records its arguments; returns what it recorded.
fn run_reminder(d: &Diary, command: &str) -> String {
    let bin_dir = d.dir.path().join("fake-bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let log = d.dir.path().join("notified");
    std::fs::remove_file(&log).ok();
    let fake = bin_dir.join("notify-send");
    std::fs::write(
        &fake,
        format!("#!/bin/sh\nprintf '%s|' \"$@\" >> '{}'\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = Command::new("/bin/sh")
        .args(["-c", command])
        .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
        .env("GUTLOG_NOW", NOW)
        .env("XDG_CONFIG_HOME", d.dir.path().join("config"))
        .env_remove("GUTLOG_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&log).unwrap_or_default()
}

#[test]
fn the_cron_line_notifies_exactly_when_the_day_is_not_logged() {
    let d = Diary::new();
    write_config(&d, "reminder_hour = 19\n");
    let printed = d.ok(&["remind", "--cron"]);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "{printed}");
    assert!(
        lines[0].starts_with("# "),
        "a comment says what it is: {printed}"
    );
    assert!(lines[1].starts_with("0 19,20,21,22,23 * * * "), "{printed}");
    assert!(!lines[1].contains('%'), "cron would cut the line at %");
    let bin = assert_cmd::cargo::cargo_bin("gutlog");
    assert!(lines[1].contains(&format!("{} --db {}", bin.display(), d.db.display())));
    let command = cron_command(lines[1]);
    // Nothing logged: one notification carrying the status line.
    assert_eq!(
        run_reminder(&d, &command),
        "gutlog|Fri 20 Nov: nothing logged yet; still to log: meals, symptoms, check-in.|"
    );
    d.ok(&["log", "meal", "oats", "--at", "08:00"]);
    d.ok(&["log", "symptom", "gas", "0"]);
    d.ok(&["log", "checkin", "--mood", "3"]);
    assert_eq!(
        run_reminder(&d, &command),
        "",
        "a logged day is left in peace"
    );
}

#[test]
fn the_systemd_units_run_the_same_command_at_the_reminder_hours() {
    let d = Diary::new();
    let service = d.ok(&["remind", "--systemd", "--unit", "service"]);
    let timer = d.ok(&["remind", "--systemd", "--unit", "timer"]);
    let both = d.ok(&["remind", "--systemd"]);
    assert!(both.contains(&service) && both.contains(&timer));
    assert!(both.contains("systemctl --user enable --now gutlog-remind.timer"));
    assert!(
        timer.contains("\nOnCalendar=*-*-* 20,21,22,23:00:00\n"),
        "{timer}"
    );
    assert!(timer.contains("\nWantedBy=timers.target\n"), "{timer}");
    assert!(service.contains("\nType=oneshot\n"), "{service}");
    let exec = service
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart=/bin/sh -c '"))
        .and_then(|l| l.strip_suffix('\''))
        .expect("an ExecStart line");
    // In a unit file `$$` is a literal `$`.
    let command = exec.replace("$$", "$");
    assert!(!command.contains("$$"));
    assert_eq!(run_reminder(&d, &command).matches("gutlog|").count(), 1);
    // systemd itself accepts both units, where its checker is installed.
    let has_analyze = Command::new("sh")
        .args(["-c", "command -v systemd-analyze"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_analyze {
        eprintln!("SKIPPED: systemd-analyze is not installed; the units were not verified");
        return;
    }
    let units = d.dir.path().join("units");
    std::fs::create_dir_all(&units).unwrap();
    std::fs::write(units.join("gutlog-remind.service"), &service).unwrap();
    std::fs::write(units.join("gutlog-remind.timer"), &timer).unwrap();
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(units.join("gutlog-remind.service"))
        .arg(units.join("gutlog-remind.timer"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn remind_needs_a_scheduler_and_never_installs_anything() {
    let d = Diary::new();
    let err = d.fails(&["remind"], 2);
    assert!(err.contains("--systemd") && err.contains("--cron"), "{err}");
    let err = d.fails(&["remind", "--cron", "--unit", "timer"], 2);
    assert!(err.contains("--systemd"), "{err}");
    let files_before: Vec<_> = std::fs::read_dir(d.dir.path()).unwrap().collect();
    d.ok(&["remind", "--systemd"]);
    d.ok(&["remind", "--cron"]);
    let files_after: Vec<_> = std::fs::read_dir(d.dir.path()).unwrap().collect();
    assert_eq!(files_before.len(), files_after.len());
    assert!(!d.db.exists(), "remind does not even open the diary");
}
