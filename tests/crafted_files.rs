//! Hostile, foreign and odd SQLite files (`tests/fixtures/crafted/`, made by
//! `tests/crafted/mod.rs`): each is refused or handled as README "Your
//! data" says, and a refused file is left exactly as it was, with nothing
//! new beside it.

mod common;
mod crafted;

use common::{gutlog_at, Diary};
use crafted::Expect;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A crafted file copied into a folder of its own, mode 0644 (so a chmod
/// would show).
struct Placed {
    dir: tempfile::TempDir,
    db: PathBuf,
}

fn place(name: &str) -> Placed {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(name);
    std::fs::copy(crafted::path(name), &db).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    Placed { dir, db }
}

/// Every file and folder under `dir`, with its mode and bytes.
fn listing(dir: &Path) -> Vec<(PathBuf, u32, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let mode = meta.permissions().mode();
            if meta.is_dir() {
                todo.push(p.clone());
                out.push((p, mode, Vec::new()));
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, mode, bytes));
            }
        }
    }
    out.sort();
    out
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    gutlog_at(db)
        .env("GUTLOG_KEEP_BACKUPS", "7")
        .timeout(Duration::from_secs(20))
        .args(args)
        .output()
        .unwrap()
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn hostile_and_foreign_files_are_refused_and_left_exactly_as_they_were() {
    let refused: Vec<_> = crafted::all()
        .into_iter()
        .filter(|c| c.expect == Expect::Refused)
        .collect();
    assert!(refused.len() >= 12);
    for c in refused {
        let p = place(c.name);
        let before = listing(p.dir.path());
        for args in [
            &["log", "stool", "4"][..],
            &["log", "meal", "toast"],
            &["day"],
            &["export"],
            &["backup"],
        ] {
            let out = run(&p.db, args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                !out.status.success(),
                "{}: gutlog {args:?} was accepted: {}",
                c.name,
                text(&out)
            );
            assert!(
                err.starts_with("gutlog: ") && err.trim_end().lines().count() == 1,
                "{}: gutlog {args:?}: {err}",
                c.name
            );
            assert_eq!(
                listing(p.dir.path()),
                before,
                "{}: gutlog {args:?} changed the file or its folder",
                c.name
            );
        }
    }
}

#[test]
fn check_calls_an_altered_diary_damaged_and_names_what_differs() {
    for c in crafted::all() {
        if c.expect == Expect::Healthy {
            continue;
        }
        let p = place(c.name);
        let before = listing(p.dir.path());
        let out = run(&p.db, &["check"]);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(1), "{}: {all}", c.name);
        assert!(!all.contains("is healthy"), "{}: {all}", c.name);
        for word in c.check_names {
            assert!(all.contains(word), "{}: no {word:?} in: {all}", c.name);
        }
        assert_eq!(
            listing(p.dir.path()),
            before,
            "{}: check changed it",
            c.name
        );
    }
}

/// A diary with a few entries, for restores.
fn diary() -> Diary {
    let d = Diary::new();
    d.ok(&["log", "meal", "toast", "--at", "08:00"]);
    d.ok(&["log", "stool", "4", "--at", "07:00"]);
    d
}

#[test]
fn restoring_a_hostile_or_foreign_file_changes_nothing() {
    for c in crafted::all() {
        if c.expect == Expect::Healthy {
            continue;
        }
        let d = diary();
        let export = d.ok(&["export"]);
        let p = place(c.name);
        let source_before = listing(p.dir.path());
        let diary_before = listing(d.dir.path());
        let out = d
            .cmd()
            .env("GUTLOG_KEEP_BACKUPS", "0")
            .timeout(Duration::from_secs(20))
            .args(["restore", p.db.to_str().unwrap()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {}", c.name, text(&out));
        assert!(
            err.contains("cannot be restored") && err.trim_end().lines().count() == 1,
            "{}: {err}",
            c.name
        );
        assert_eq!(listing(p.dir.path()), source_before, "{}", c.name);
        assert_eq!(listing(d.dir.path()), diary_before, "{}", c.name);
        assert_eq!(d.ok(&["export"]), export, "{}", c.name);
    }
}

#[test]
fn restore_names_the_record_that_import_would_refuse() {
    let d = diary();
    let p = place("escape-sequences.db");
    let err = d.fails(&["restore", p.db.to_str().unwrap()], 2);
    assert!(err.contains("meals["), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn healthy_backups_with_odd_page_sizes_are_restored_and_opened() {
    for name in ["page-size-512.db", "page-size-65536.db"] {
        let d = diary();
        let p = place(name);
        let out = d.ok(&["restore", p.db.to_str().unwrap()]);
        assert!(out.contains("kept in"), "{name}: {out}");
        let ex = d.export();
        assert_eq!(
            ex["meals"].as_array().unwrap().len(),
            crafted::BASE_MEALS,
            "{name}"
        );
        assert_eq!(ex["plan_runs"][0]["ticks"][0]["day"], 1, "{name}");
        assert_eq!(ex["custom_symptoms"], serde_json::json!(["hiccups"]));
        // The file itself also opens as a diary.
        let out = gutlog_at(&p.db)
            .args(["log", "stool", "5"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", text(&out));
    }
}

#[test]
fn the_committed_fixtures_are_what_the_generator_makes() {
    let fresh = tempfile::tempdir().unwrap();
    crafted::write_all(fresh.path());
    for c in crafted::all() {
        // Compared through copies: reading a WAL-mode file adds files beside it.
        let a = place(c.name);
        let b = tempfile::tempdir().unwrap();
        let copy = b.path().join(c.name);
        std::fs::copy(fresh.path().join(c.name), &copy).unwrap();
        assert_eq!(
            crafted::logical(&a.db),
            crafted::logical(&copy),
            "{} differs from what tests/crafted/mod.rs makes; regenerate it",
            c.name
        );
    }
}

#[test]
fn the_schema_v2_fixture_is_what_the_generator_makes() {
    let fresh = tempfile::tempdir().unwrap();
    let made = fresh.path().join("schema-v2.db");
    crafted::make_schema_v2(&made);
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v2.db");
    assert_eq!(crafted::logical(&committed), crafted::logical(&made));
}

#[test]
fn the_schema_v4_fixture_is_what_the_generator_makes() {
    let fresh = tempfile::tempdir().unwrap();
    let made = fresh.path().join("schema-v4.db");
    crafted::make_schema_v4(&made);
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v4.db");
    assert_eq!(crafted::logical(&committed), crafted::logical(&made));
}

/// Rewrites tests/fixtures/crafted/ and tests/fixtures/schema-v2.db and
/// schema-v4.db (run by hand, see tests/crafted/mod.rs).
#[test]
#[ignore]
fn regenerate() {
    crafted::write_all(&crafted::dir());
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    crafted::make_schema_v2(&fixtures.join("schema-v2.db"));
    crafted::make_schema_v4(&fixtures.join("schema-v4.db"));
}
