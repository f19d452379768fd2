//! `gutlog restore` under load and from live copies: every acknowledged
//! entry survives in the restored diary or in the before-restore copy, and
//! a backup's write-ahead log is read.
//!
//! `GUTLOG_RESTORES=N` runs N restores under load instead of 20.

mod common;
use common::Diary;
use gutlog::domain::{Meal, Slot};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The ids and foods of every meal in a diary file, read without changing it.
fn meals_in(db: &Path) -> (HashSet<String>, HashSet<String>) {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let mut ids = HashSet::new();
    let mut foods = HashSet::new();
    let mut stmt = c.prepare("SELECT id, foods FROM meals").unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap();
    for row in rows {
        let (id, list) = row.unwrap();
        ids.insert(id);
        foods.extend(serde_json::from_str::<Vec<String>>(&list).unwrap());
    }
    (ids, foods)
}

/// Two writers log meals in a loop (one `gutlog log meal` process each, as
/// in a shell loop) while the diary is restored again and again. A meal
/// `gutlog log` acknowledged must be in the final diary or in one of the
/// before-restore copies.
#[test]
fn restores_under_load_keep_every_acknowledged_entry() {
    let restores: usize = std::env::var("GUTLOG_RESTORES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    let source = Diary::new();
    source.ok(&["demo", "--days", "30"]);
    let backup = source.dir.path().join("backup.db");
    source.ok(&["backup", "--out", backup.to_str().unwrap()]);
    let (backup_meals, _) = meals_in(&backup);

    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let stop = Arc::clone(&stop);
            let db = d.db.clone();
            std::thread::spawn(move || {
                let mut acknowledged = Vec::new();
                let mut failures = Vec::new();
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let food = format!("entry-{w}-{i}");
                    i += 1;
                    let out = common::gutlog_at(&db)
                        .env("GUTLOG_KEEP_BACKUPS", "0")
                        .args(["log", "meal", &food])
                        .output()
                        .unwrap();
                    if out.status.success() {
                        acknowledged.push(food);
                    } else {
                        failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                (acknowledged, failures)
            })
        })
        .collect();

    let mut kept: Vec<PathBuf> = Vec::new();
    let mut rng = fastrand::Rng::with_seed(8);
    for i in 0..restores {
        std::thread::sleep(Duration::from_millis(rng.u64(5..60)));
        let out = d
            .cmd()
            .env("GUTLOG_KEEP_BACKUPS", "0")
            .args(["restore", backup.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "restore {i} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let path = text.lines().last().unwrap().rsplit(' ').next().unwrap();
        kept.push(PathBuf::from(path));
    }
    stop.store(true, Ordering::Relaxed);

    let mut acknowledged = HashSet::new();
    for w in writers {
        let (done, failures) = w.join().unwrap();
        assert!(failures.is_empty(), "a writer failed: {}", failures[0]);
        acknowledged.extend(done);
    }
    assert!(
        acknowledged.len() >= restores,
        "the writers wrote during the restores ({})",
        acknowledged.len()
    );

    let (ids, mut found) = meals_in(&d.db);
    assert!(
        ids.is_superset(&backup_meals),
        "the last restore brought the backup back"
    );
    assert_eq!(kept.iter().collect::<HashSet<_>>().len(), restores);
    for k in &kept {
        found.extend(meals_in(k).1);
    }
    let lost: Vec<_> = acknowledged.difference(&found).collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged entries are in neither the diary nor a before-restore copy \
         (first: {:?})",
        lost.len(),
        acknowledged.len(),
        lost.iter().take(3).collect::<Vec<_>>()
    );
    eprintln!(
        "{restores} restores under load; {} acknowledged entries all kept",
        acknowledged.len()
    );
}

fn meal(i: usize) -> Meal {
    Meal {
        id: format!("live-{i:02}"),
        at: chrono::NaiveDateTime::parse_from_str(
            &format!("2026-11-{:02}T12:00:00", 1 + i % 19),
            "%Y-%m-%dT%H:%M:%S",
        )
        .unwrap(),
        slot: Slot::Lunch,
        foods: vec![format!("soup {i}")],
        tags: vec![],
        note: None,
    }
}

/// A diary that a running gutlog holds open: its newest entries are still
/// in the `-wal` file beside it.
fn live_diary(dir: &Path, meals: usize) -> (gutlog::Store, PathBuf) {
    let db = dir.join("live.db");
    let mut store = gutlog::Store::open(&db).unwrap();
    for i in 0..meals {
        store.add_meal(&meal(i), &[], meal(i).at).unwrap();
    }
    let wal = dir.join("live.db-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "entries in the WAL"
    );
    (store, db)
}

#[test]
fn restore_reads_the_write_ahead_log_of_a_copied_live_diary() {
    let live = tempfile::tempdir().unwrap();
    let (store, db) = live_diary(live.path(), 51);
    // Copied as a file manager would: the diary and its -wal.
    let copies = tempfile::tempdir().unwrap();
    let copy = copies.path().join("copy.db");
    std::fs::copy(&db, &copy).unwrap();
    std::fs::copy(
        live.path().join("live.db-wal"),
        copies.path().join("copy.db-wal"),
    )
    .unwrap();
    drop(store);

    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    d.ok(&["restore", copy.to_str().unwrap()]);
    assert_eq!(d.export()["meals"].as_array().unwrap().len(), 51);
}

#[test]
fn restore_reads_a_diary_another_gutlog_holds_open() {
    let live = tempfile::tempdir().unwrap();
    let (store, db) = live_diary(live.path(), 51);
    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    d.ok(&["restore", db.to_str().unwrap()]);
    assert_eq!(d.export()["meals"].as_array().unwrap().len(), 51);
    drop(store);
}
