//! The diary's files and folders: paths are plain paths, the backups folder
//! is private and named when it is unusable, daily backups rotate by age,
//! temporary files never outlive a killed gutlog, and the messages for
//! things that are not diaries.

mod common;
use common::{gutlog_at, Diary};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn db_paths_that_look_like_sqlite_uris_are_plain_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("gutlog");
    for (how, name) in [
        ("--db", "file:other.db"),
        ("GUTLOG_DB", "file:x.db?mode=memory"),
    ] {
        let mut cmd = std::process::Command::new(&bin);
        cmd.current_dir(dir.path())
            .env("GUTLOG_NOW", common::NOW)
            .env_remove("GUTLOG_DB");
        if how == "--db" {
            cmd.args(["--db", name]);
        } else {
            cmd.env("GUTLOG_DB", name);
        }
        let out = cmd.args(["log", "stool", "4"]).output().unwrap();
        assert!(
            out.status.success(),
            "{how} {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let file = dir.path().join(name);
        assert_eq!(mode(&file), 0o600, "{how} {name}");
        let c = rusqlite::Connection::open_with_flags(
            &file,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let stools: i64 = c
            .query_row("SELECT count(*) FROM stools", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stools, 1, "{how} {name}: the entry is in the named file");
    }
    let mut all = names(dir.path());
    all.retain(|n| !n.ends_with("-wal") && !n.ends_with("-shm") && n != "backups");
    assert_eq!(all, vec!["file:other.db", "file:x.db?mode=memory"]);
}

#[test]
fn the_backups_folder_is_private_however_it_is_made() {
    let bin = assert_cmd::cargo::cargo_bin("gutlog");
    let sh = |db: &Path, what: &str| {
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask 022; '{}' {what}", bin.display()))
            .env("GUTLOG_DB", db)
            .env("GUTLOG_NOW", common::NOW)
            .env("GUTLOG_KEEP_BACKUPS", "0")
            .status()
            .unwrap();
        assert!(status.success(), "{what}");
    };
    // By `gutlog backup`.
    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    sh(&d.db, "backup");
    assert_eq!(mode(&d.dir.path().join("backups")), 0o700, "gutlog backup");
    // By the copy taken before a schema upgrade.
    let d = Diary::new();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v1.db"),
        &d.db,
    )
    .unwrap();
    sh(&d.db, "day");
    assert_eq!(mode(&d.dir.path().join("backups")), 0o700, "upgrade");
}

#[test]
fn an_unusable_backups_folder_is_named_with_its_problem() {
    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    let backups = d.dir.path().join("backups");
    std::fs::write(&backups, "not a folder").unwrap();
    let err = d
        .cmd()
        .env("GUTLOG_KEEP_BACKUPS", "0")
        .arg("backup")
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains(&backups.display().to_string()) && err.contains("not a folder"),
        "{err}"
    );
    // The daily backup says the same, and logging goes on.
    let out = d.cmd().args(["log", "stool", "3"]).output().unwrap();
    let warn = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{warn}");
    assert!(
        warn.contains("warning") && warn.contains(&backups.display().to_string()),
        "{warn}"
    );

    std::fs::remove_file(&backups).unwrap();
    std::os::unix::fs::symlink(d.dir.path().join("gone"), &backups).unwrap();
    let out = d
        .cmd()
        .env("GUTLOG_KEEP_BACKUPS", "0")
        .arg("backup")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains(&backups.display().to_string()) && err.contains("does not exist"),
        "{err}"
    );
    assert!(!d.dir.path().join("gone").exists());
}

#[test]
fn devices_and_fifos_are_not_regular_files() {
    let out = gutlog_at(Path::new("/dev/null"))
        .args(["log", "stool", "4"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("/dev/null") && err.contains("not a regular file"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for args in [&["log", "stool", "4"][..], &["check"], &["day"]] {
        let out = gutlog_at(&fifo)
            .args(args)
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
    }
    assert_eq!(names(dir.path()), vec!["fifo"]);
}

/// Flips 16 bytes at `offset`.
fn flip(path: &Path, offset: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    for b in &mut bytes[offset..offset + 16] {
        *b ^= 0xA5;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn check_prints_its_own_report_for_a_damaged_diary() {
    let d = Diary::new();
    d.ok(&["demo", "--days", "60"]);
    flip(&d.db, 100); // page 1: the schema's b-tree
    let before = d.bytes();
    let out = d.cmd().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("Integrity:"), "{stdout}{stderr}");
    assert!(!stderr.contains("run `gutlog check`"), "{stderr}");
    assert!(stderr.contains("gutlog restore"), "{stderr}");
    assert_eq!(d.bytes(), before);
}

/// A diary with one entry and no daily backup yet.
fn diary_without_backups() -> Diary {
    let d = Diary::new();
    d.cmd()
        .env("GUTLOG_KEEP_BACKUPS", "0")
        .args(["log", "stool", "4"])
        .assert()
        .success();
    d
}

#[test]
fn a_bad_keep_backups_setting_warns_and_logging_goes_on() {
    let d = diary_without_backups();
    let out = d
        .cmd()
        .env("GUTLOG_KEEP_BACKUPS", "many")
        .args(["log", "stool", "3"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning") && err.contains("GUTLOG_KEEP_BACKUPS") && err.contains("7"),
        "{err}"
    );
    assert_eq!(d.export()["stools"].as_array().unwrap().len(), 2);
    assert!(d
        .dir
        .path()
        .join("backups/gutlog-daily-2026-11-20.db")
        .exists());
}

fn set_mtime(p: &Path, t: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(p)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

#[test]
fn daily_backups_rotate_by_when_they_were_made() {
    let d = diary_without_backups();
    let backups = d.dir.path().join("backups");
    let base = SystemTime::now() - Duration::from_secs(30 * 86_400);
    let mut made = 0u64;
    let mut day = |date: &str| {
        let out = d
            .cmd()
            .env("GUTLOG_NOW", format!("{date}T20:00:00"))
            .env("GUTLOG_KEEP_BACKUPS", "3")
            .args(["log", "stool", "3"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let new = backups.join(format!("gutlog-daily-{date}.db"));
        assert!(new.exists(), "the backup just made ({date}) was deleted");
        // Made one hour after the one before, whatever its name says.
        made += 1;
        set_mtime(&new, base + Duration::from_secs(3600 * made));
    };
    // The clock ran ahead to 2030 for three days, then was put right.
    for date in ["2030-01-01", "2030-01-02", "2030-01-03"] {
        day(date);
    }
    for date in ["2026-11-21", "2026-11-22"] {
        day(date);
    }
    assert_eq!(
        names(&backups),
        vec![
            "gutlog-daily-2026-11-21.db",
            "gutlog-daily-2026-11-22.db",
            "gutlog-daily-2030-01-03.db"
        ]
    );
    day("2026-11-23");
    assert_eq!(
        names(&backups),
        vec![
            "gutlog-daily-2026-11-21.db",
            "gutlog-daily-2026-11-22.db",
            "gutlog-daily-2026-11-23.db"
        ]
    );
}

/// The process id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn temporary_files_of_ended_processes_are_removed_by_the_next_command() {
    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    let backups = d.dir.path().join("backups");
    let dead = dead_pid();
    let live = std::process::id();
    let stale: Vec<PathBuf> = vec![
        backups.join(format!(".gutlog-tmp-{dead}-gutlog-daily-2026-11-21.db")),
        backups.join(format!(
            ".gutlog-tmp-{dead}-gutlog-daily-2026-11-21.db-journal"
        )),
        d.dir.path().join(format!(".gutlog-tmp-{dead}-copy.db")),
        // Left by earlier versions of gutlog.
        backups.join(format!(".gutlog-daily-2026-11-19.db.tmp-{dead}")),
        backups.join(format!(".gutlog-daily-2026-11-19.db.tmp-{dead}-journal")),
    ];
    let running = backups.join(format!(".gutlog-tmp-{live}-gutlog-daily-2026-11-22.db"));
    std::fs::create_dir_all(&backups).unwrap();
    for p in stale.iter().chain([&running]) {
        std::fs::write(p, "partial").unwrap();
    }
    let mine = d.dir.path().join("notes.db.tmp-1");
    std::fs::write(&mine, "the user's own file").unwrap();
    d.ok(&["day"]);
    for p in &stale {
        assert!(!p.exists(), "{} is still there", p.display());
    }
    assert!(running.exists(), "a running gutlog's file was removed");
    assert!(mine.exists(), "a file that is not gutlog's was removed");
}

/// Exports and reports written with `--out` go through the same kind of
/// temporary name, and a later one tidies what a killed one left there.
#[test]
fn out_folders_are_tidied_of_ended_processes_temporary_files() {
    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    let out = tempfile::tempdir().unwrap();
    let dead = dead_pid();
    let stale = out.path().join(format!(".gutlog-tmp-{dead}-old.json"));
    std::fs::write(&stale, "partial").unwrap();
    let theirs = out.path().join("old.json.tmp-1");
    std::fs::write(&theirs, "the user's own file").unwrap();
    let target = out.path().join("diary.json");
    d.ok(&["export", "--out", target.to_str().unwrap()]);
    assert!(target.exists());
    assert!(!stale.exists(), "a killed export's temporary file is left");
    assert!(theirs.exists(), "a file that is not gutlog's was removed");
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".gutlog-tmp-")),
        "{names:?}"
    );
}

/// Names of temporary files (of any gutlog version) under the diary's folder.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for d in [dir.to_path_buf(), dir.join("backups")] {
        if let Ok(rd) = std::fs::read_dir(&d) {
            for e in rd {
                let n = e.unwrap().file_name().to_string_lossy().into_owned();
                if n.starts_with(".gutlog-") || n.contains(".tmp-") || n.ends_with("-journal") {
                    out.push(n);
                }
            }
        }
    }
    out
}

#[test]
fn sigkill_during_a_backup_leaves_no_partial_file_one_command_later() {
    let d = Diary::new();
    d.ok(&["demo", "--days", "1500"]);
    let bin = assert_cmd::cargo::cargo_bin("gutlog");
    let mut rng = fastrand::Rng::with_seed(16);
    let mut caught = 0;
    for i in 0..20 {
        let out = d.dir.path().join(format!("manual-{i}.db"));
        let mut child = std::process::Command::new(&bin)
            .env("GUTLOG_DB", &d.db)
            .env("GUTLOG_NOW", format!("2026-10-{:02}T21:00:00", 1 + i))
            .args(["backup", "--out", out.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.u64(2_000..60_000)));
        child.kill().unwrap();
        child.wait().unwrap();
        if !leftovers(d.dir.path()).is_empty() {
            caught += 1;
        }
        let after = d
            .cmd()
            .env("GUTLOG_KEEP_BACKUPS", "0")
            .arg("day")
            .output()
            .unwrap();
        assert!(after.status.success());
        assert_eq!(
            leftovers(d.dir.path()),
            Vec::<String>::new(),
            "kill {i}: a partial file outlived the next command"
        );
    }
    eprintln!("20 kills; {caught} left a temporary file for the next command to remove");
}
