//! Two writers: one that has to wait says so after a second and waits as
//! long as the other works (beyond the old 10-second limit); the TUI on a
//! damaged diary says why and what to do.

mod common;
use common::Diary;
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn gutlog(d: &Diary) -> Command {
    common::process_at(&d.db)
}

#[test]
fn a_writer_that_has_to_wait_says_so_and_waits_as_long_as_the_other_works() {
    let d = Diary::new();
    d.ok(&["log", "meal", "toast", "--at", "08:00"]);
    // Another writer holds the write lock for longer than the old 10 s limit.
    let other = rusqlite::Connection::open(&d.db).unwrap();
    other
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO stools VALUES ('other-writer', '2026-11-20T07:00:00', 3);",
        )
        .unwrap();
    let mut child = gutlog(&d)
        .args(["log", "stool", "5", "--at", "09:00"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            tx.send((Instant::now(), line.unwrap())).unwrap();
        }
    });
    let held_from = Instant::now();
    std::thread::sleep(Duration::from_millis(11_500));
    let released = Instant::now();
    other.execute_batch("COMMIT").unwrap();
    let out = child.wait_with_output().unwrap();
    reader.join().unwrap();
    let lines: Vec<(Instant, String)> = rx.try_iter().collect();
    assert!(
        out.status.success(),
        "the waiting writer gave up: {lines:?}"
    );
    let waiting: Vec<&(Instant, String)> = lines
        .iter()
        .filter(|(_, l)| l.contains("waiting for another gutlog to finish writing"))
        .collect();
    assert_eq!(waiting.len(), 1, "said once: {lines:?}");
    assert!(
        waiting[0].0 < released && waiting[0].0 > held_from,
        "said while waiting"
    );
    let ex = d.export();
    let bristol: Vec<i64> = ex["stools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["bristol"].as_i64().unwrap())
        .collect();
    assert_eq!(bristol, vec![3, 5], "both writers' entries are there");
}

/// A writer that does not wait long does not talk about it.
#[test]
fn a_short_wait_is_silent() {
    let d = Diary::new();
    d.ok(&["log", "meal", "toast", "--at", "08:00"]);
    let other = rusqlite::Connection::open(&d.db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let child = gutlog(&d)
        .args(["log", "stool", "5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    other.execute_batch("COMMIT").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Overwrites the first byte of the meals table's root page, so reading
/// meals fails while the file still opens.
fn damage_meals(db: &std::path::Path) {
    let (root, page_size): (i64, i64) = {
        let c = rusqlite::Connection::open(db).unwrap();
        c.query_row(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_schema WHERE name = 'meals'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    let mut bytes = std::fs::read(db).unwrap();
    let at = ((root - 1) * page_size) as usize;
    bytes[at] = 0xff;
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn the_tui_on_a_damaged_diary_names_the_cause_and_the_way_out() {
    let d = Diary::new();
    d.ok(&["demo", "--days", "30"]);
    damage_meals(&d.db);
    let before = d.bytes();
    // No command: the TUI. It fails before touching the terminal.
    let out = gutlog(&d).stdin(Stdio::null()).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("damaged"), "{err}");
    assert!(err.contains("gutlog check"), "{err}");
    assert!(err.contains("gutlog restore"), "{err}");
    assert!(
        err.contains(d.db.to_str().unwrap()),
        "names the file: {err}"
    );
    assert_eq!(d.bytes(), before);
}
