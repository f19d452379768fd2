//! Nothing lost: crashes, two writers, bad files, migrations, backups.
//!
//! `GUTLOG_CRASH_KILLS=N` runs N kill cycles instead of 200.

mod common;
use common::{gutlog_at, Diary};
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

fn writer(db: &Path, count: u64) -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("gutlog"));
    c.args(["__writer", "--count", &count.to_string()])
        .env("GUTLOG_DB", db)
        .env("GUTLOG_NOW", common::NOW)
        .env("GUTLOG_KEEP_BACKUPS", "0");
    c
}

/// Integrity ok; every printed id present; every meal has its symptom and
/// every symptom its meal (they were written in one transaction).
fn verify(db: &Path, printed: &HashSet<String>) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'meals'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if tables == 0 {
        // Killed before the schema was created: nothing can have been committed.
        assert!(printed.is_empty());
        return 0;
    }
    let ids: HashSet<String> = conn
        .prepare("SELECT id FROM meals")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for id in printed {
        assert!(ids.contains(id), "committed meal {id} is missing");
    }
    let orphans: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM meals m WHERE NOT EXISTS
                       (SELECT 1 FROM symptom_ratings s WHERE s.id = m.id || '-s'))
                  + (SELECT count(*) FROM symptom_ratings s WHERE NOT EXISTS
                       (SELECT 1 FROM meals m WHERE m.id = substr(s.id, 1, length(s.id) - 2)))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "a half-written pair");
    ids.len()
}

#[test]
fn sigkill_at_random_moments_loses_nothing_committed() {
    let kills: usize = std::env::var("GUTLOG_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let d = Diary::new();
    let mut rng = fastrand::Rng::with_seed(20261120);
    let mut printed = HashSet::new();
    let mut rows = 0;
    for _ in 0..kills {
        let mut child = writer(&d.db, 1_000_000)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_micros(rng.u64(500..60_000)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        printed.extend(reader.join().unwrap());
        rows = verify(&d.db, &printed);
    }
    eprintln!(
        "{kills} kills survived; {} committed ids verified; {rows} rows",
        printed.len()
    );
    assert!(
        printed.len() > kills / 2,
        "the writer should commit between kills"
    );
}

#[test]
fn two_writers_at_once_never_see_a_locked_database() {
    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    let spawn = || {
        writer(&d.db, 300)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let mut printed = HashSet::new();
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "writer failed: {err}");
        assert!(!err.contains("locked"), "{err}");
        printed.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(String::from),
        );
    }
    assert_eq!(printed.len(), 600);
    assert_eq!(verify(&d.db, &printed), 600);
}

fn flip(path: &Path, offset: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    for b in &mut bytes[offset..offset + 16] {
        *b ^= 0xA5;
    }
    std::fs::write(path, bytes).unwrap();
}

/// A small real diary, closed, for the bad-file tests.
fn diary_with_data() -> Diary {
    let d = Diary::new();
    d.ok(&["demo", "--days", "60"]);
    d
}

fn refused_unchanged(db: &Path, what: &str) -> String {
    let before = std::fs::read(db).ok();
    let mut messages = String::new();
    for args in [&["day"][..], &["log", "stool", "4"][..]] {
        let out = gutlog_at(db)
            .env("GUTLOG_KEEP_BACKUPS", "0")
            .args(args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!out.status.success(), "{what}: gutlog {args:?} succeeded");
        assert!(
            err.starts_with("gutlog: ") && err.trim_end().lines().count() == 1,
            "{what}: {err}"
        );
        assert_eq!(std::fs::read(db).ok(), before, "{what}: the file changed");
        messages.push_str(&err);
    }
    messages
}

#[test]
fn bad_files_are_refused_with_a_message_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "my shopping list\n".repeat(500)).unwrap();
    assert!(refused_unchanged(&text, "not SQLite").contains("not a gutlog diary"));

    let d = diary_with_data();
    let len = std::fs::metadata(&d.db).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(&d.db).unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    refused_unchanged(&d.db, "truncated");

    let d = diary_with_data();
    flip(&d.db, 0); // the header
    assert!(refused_unchanged(&d.db, "flipped header").contains("not a gutlog diary"));

    let d = diary_with_data();
    flip(&d.db, 100); // page 1: the schema's b-tree
    refused_unchanged(&d.db, "flipped schema page");

    let sub = dir.path().join("a-directory");
    std::fs::create_dir(&sub).unwrap();
    assert!(refused_unchanged(&sub, "directory").contains("is a directory"));

    let under_file = text.join("x.db");
    let out = gutlog_at(&under_file)
        .args(["log", "stool", "4"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot create"));
}

#[test]
fn a_full_disk_fails_cleanly_and_keeps_the_diary() {
    let d = diary_with_data();
    let big = d.dir.path().join("big.json");
    let other = Diary::new();
    other.ok(&["demo", "--days", "400", "--seed", "9"]);
    other.ok(&["export", "--out", big.to_str().unwrap()]);
    let before = d.bytes();
    let before_export = d.ok(&["export"]);
    // File-size limit in 512-byte blocks: the WAL cannot grow past a few hundred KB.
    let bin = assert_cmd::cargo::cargo_bin("gutlog");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 400; '{}' import '{}'",
            bin.display(),
            big.display()
        ))
        .env("GUTLOG_DB", &d.db)
        .env("GUTLOG_NOW", common::NOW)
        .env("GUTLOG_KEEP_BACKUPS", "0")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "import past the size limit succeeded"
    );
    assert!(err.starts_with("gutlog: "), "{err}");
    assert_eq!(d.bytes(), before);
    assert_eq!(d.ok(&["export"]), before_export);
}

#[test]
fn check_reports_health_and_damage() {
    let d = diary_with_data();
    let out = d.ok(&["check"]);
    assert!(out.contains("Your diary is healthy"), "{out}");
    // Damage a data page in the middle of the meals table (the middle of
    // the file may be another table's spare room as the schema grows).
    let page: i64 = rusqlite::Connection::open(&d.db)
        .unwrap()
        .query_row(
            "SELECT pageno FROM dbstat WHERE name = 'meals' AND pagetype = 'leaf'
             ORDER BY pageno LIMIT 1 OFFSET
             (SELECT count(*) / 2 FROM dbstat WHERE name = 'meals' AND pagetype = 'leaf')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    flip(&d.db, (page as usize - 1) * 4096 + 200);
    let before = d.bytes();
    let out = d.cmd().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("problems") || text.contains("malformed"),
        "{text}"
    );
    assert_eq!(d.bytes(), before);
}

/// A diary in WAL mode (as gutlog makes every diary) with a damaged meals
/// page: the first command of the day reads every page for its daily
/// backup and refuses before writing, leaving the diary as it was; a write
/// to another table does not slip through. (Later the same day, SQLite
/// reports the damage when a command meets it; `gutlog check` finds all.)
#[test]
fn a_damaged_table_stops_the_first_write_of_the_day_in_wal_mode() {
    let d = diary_with_data();
    let c = rusqlite::Connection::open(&d.db).unwrap();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let page: i64 = c
        .query_row(
            "SELECT pageno FROM dbstat WHERE name = 'meals' AND pagetype = 'leaf'
             ORDER BY pageno LIMIT 1 OFFSET
             (SELECT count(*) / 2 FROM dbstat WHERE name = 'meals' AND pagetype = 'leaf')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(c);
    // The page's header: its type and cell pointers.
    flip(&d.db, (page as usize - 1) * 4096);
    let before = d.bytes();
    let out = d.cmd().args(["log", "stool", "4"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("damaged") && err.contains("gutlog check"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Logged"));
    assert_eq!(d.bytes(), before, "the diary is byte for byte as it was");
}

/// The copy kept in `dir/backups/` before a diary of version `from` was upgraded.
fn upgrade_backup(dir: &Path, from: i64) -> rusqlite::Connection {
    let name = format!(
        "backups/gutlog-before-v{}-from-v{from}.db",
        gutlog::store::LATEST_VERSION
    );
    rusqlite::Connection::open_with_flags(
        dir.join(name),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap()
}

/// Copies `tests/fixtures/NAME` to `dest`.
fn copy_fixture(name: &str, dest: &Path) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::copy(src, dest).unwrap();
}

// Every released schema version gets a fixture with data in tests/fixtures/
// (schema-v1.db, schema-v2.db, schema-v2-edits.db and schema-v4.db: versions 3
// and 4 landed together, so no diary was ever at 3). When a migration lands
// after a release, add schema-vN.db and a test like this.
#[test]
fn a_version_1_diary_is_upgraded_with_a_backup_and_keeps_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gutlog.db");
    copy_fixture("schema-v1.db", &db);
    let out = gutlog_at(&db).args(["export"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ex: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ex["meals"].as_array().unwrap().len(), 2);
    assert_eq!(ex["meals"][0]["note"], "v1 meal");
    assert_eq!(ex["symptoms"].as_array().unwrap().len(), 2);
    assert_eq!(ex["custom_symptoms"], serde_json::json!(["hiccups"]));
    assert_eq!(ex["stools"][0]["bristol"], 4);
    assert_eq!(ex["checkins"][0]["sleep_hours"], 7.5);
    assert_eq!(ex["intakes"][0]["kind"], "nsaid");
    assert_eq!(ex["red_flags"][0]["flag"], "fever");
    assert_eq!(ex["plan_runs"][0]["ticks"][0]["day"], 1);
    assert_eq!(ex["habits"][0]["habit"], "reduce_stress");
    assert_eq!(ex["food_tags"][0]["food"], "grandma's stew");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, gutlog::store::LATEST_VERSION);
    let b = upgrade_backup(dir.path(), 1);
    let bv: i64 = b
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let meals: i64 = b
        .query_row("SELECT count(*) FROM meals", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        (bv, meals),
        (1, 2),
        "the pre-migration backup is the v1 diary"
    );
}

/// The version-2 fixture with edits (made by gutlog 0.1 at schema 2: v1's records plus
/// a meal, a symptom, a stool, an intake, a check-in and one merged into,
/// a red flag ticked and one cleared, a plan day ticked and one unticked)
/// upgrades with every record kept; edits made after the upgrade carry
/// change times, and the diary syncs.
#[test]
fn a_version_2_diary_with_edits_is_upgraded_keeps_every_record_and_syncs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gutlog.db");
    copy_fixture("schema-v2-edits.db", &db);
    let export = |db: &Path| -> serde_json::Value {
        let out = gutlog_at(db).args(["export"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let ex = export(&db);
    let notes: Vec<&str> = ex["meals"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["note"].as_str())
        .collect();
    assert_eq!(notes, ["v1 meal", "v2 meal"]);
    assert_eq!(ex["meals"].as_array().unwrap().len(), 3);
    assert_eq!(ex["symptoms"].as_array().unwrap().len(), 3);
    assert_eq!(ex["stools"].as_array().unwrap().len(), 2);
    assert_eq!(ex["intakes"].as_array().unwrap().len(), 2);
    assert_eq!(ex["checkins"][0]["energy"], 5, "merged into v1's check-in");
    assert_eq!(ex["checkins"][1]["note"], "v2 day");
    let flags: Vec<&str> = ex["red_flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["flag"].as_str().unwrap())
        .collect();
    assert_eq!(flags, ["weight_loss"], "fever was cleared at version 2");
    assert_eq!(ex["plan_runs"][0]["ticks"][0]["day"], 4);
    assert_eq!(ex["habits"][0]["habit"], "reduce_stress");
    assert_eq!(ex["food_tags"][0]["food"], "grandma's stew");
    // What happened before the upgrade has no change times.
    assert_eq!(ex["changed"], serde_json::json!([]));
    assert_eq!(ex["deleted"], serde_json::json!([]));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, gutlog::store::LATEST_VERSION);
    let device: String = conn
        .query_row("SELECT device FROM sync_device", [], |r| r.get(0))
        .unwrap();
    assert_eq!(device.len(), 16);
    let bv: i64 = upgrade_backup(dir.path(), 2)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(bv, 2, "the pre-migration backup is the v2 diary");
    // An edit after the upgrade is stamped and reaches another diary.
    // (The fixture's flag is dated 21 Nov: the clearing happens the day after.)
    let out = gutlog_at(&db)
        .env("GUTLOG_NOW", "2026-11-22T09:00:00")
        .args([
            "log",
            "flag",
            "weight_loss",
            "--clear",
            "--date",
            "2026-11-21",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let ex = export(&db);
    assert_eq!(ex["deleted"][0]["key"], "2026-11-21/weight_loss");
    assert_eq!(ex["deleted"][0]["by"], device.as_str());
    let folder = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    for d in [&db, &other, &db] {
        let out = gutlog_at(d)
            .args(["sync", folder.path().to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    assert_eq!(export(&other), export(&db));
}

#[test]
fn a_version_2_diary_is_upgraded_with_a_backup_and_keeps_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gutlog.db");
    copy_fixture("schema-v2.db", &db);
    let v1 = dir.path().join("v1.db");
    copy_fixture("schema-v1.db", &v1);
    let export = |db: &Path| {
        let out = gutlog_at(db)
            .env("GUTLOG_KEEP_BACKUPS", "0")
            .args(["export"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    // The v2 fixture holds what the v1 fixture holds.
    assert_eq!(export(&db), export(&v1));
    let c = rusqlite::Connection::open(&db).unwrap();
    let (v, app): (i64, i64) = c
        .query_row(
            "SELECT * FROM pragma_user_version, pragma_application_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (v, app),
        (gutlog::store::LATEST_VERSION, gutlog::store::APPLICATION_ID)
    );
    let bv: i64 = upgrade_backup(dir.path(), 2)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(bv, 2, "the pre-migration backup is the v2 diary");
}

/// (version, application id, schema objects, rows per table) of a diary.
fn dump(db: &Path) -> (i64, i64, Vec<String>, Vec<i64>) {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let app: i64 = c
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let objs: Vec<String> = c
        .prepare("SELECT name FROM sqlite_schema ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let counts = ["meals", "symptom_ratings", "stools", "checkins"]
        .iter()
        .map(|t| {
            c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        })
        .collect();
    (v, app, objs, counts)
}

/// A migration is one transaction: a gutlog killed at any moment of an
/// upgrade leaves the version, the schema and the data as they were (or
/// fully upgraded), and the next gutlog finishes the upgrade.
#[test]
fn a_migration_that_fails_halfway_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let big_v1 = dir.path().join("big-v1.db");
    copy_fixture("schema-v1.db", &big_v1);
    {
        // Enough ratings that building migration 2's index takes a while.
        let c = rusqlite::Connection::open(&big_v1).unwrap();
        c.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
             INSERT INTO symptom_ratings
             SELECT printf('r%06d', i), printf('2025-%02d-%02dT21:00:00', 1 + i % 12, 1 + i % 28),
                    'bloating', i % 4, NULL FROM n;",
        )
        .unwrap();
    }
    let old = dump(&big_v1);
    let bin = assert_cmd::cargo::cargo_bin("gutlog");
    let mut rng = fastrand::Rng::with_seed(3);
    let (mut kept_old, mut upgraded) = (0, 0);
    for _ in 0..10 {
        let db = dir.path().join("gutlog.db");
        for f in [
            "gutlog.db",
            "gutlog.db-wal",
            "gutlog.db-shm",
            "gutlog.db-journal",
        ] {
            let _ = std::fs::remove_file(dir.path().join(f));
        }
        let _ = std::fs::remove_dir_all(dir.path().join("backups"));
        std::fs::copy(&big_v1, &db).unwrap();
        let mut child = std::process::Command::new(&bin)
            .env("GUTLOG_DB", &db)
            .env("GUTLOG_NOW", common::NOW)
            .env("GUTLOG_KEEP_BACKUPS", "0")
            .arg("day")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(5..500)));
        child.kill().unwrap();
        child.wait().unwrap();
        let now = dump(&db);
        if now.0 == 1 {
            assert_eq!(now, old, "a killed upgrade changed the v1 diary");
            kept_old += 1;
        } else {
            assert_eq!(now.0, gutlog::store::LATEST_VERSION);
            assert_eq!(now.3, old.3, "rows were lost in the upgrade");
            upgraded += 1;
        }
        let out = gutlog_at(&db)
            .env("GUTLOG_KEEP_BACKUPS", "0")
            .arg("day")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(dump(&db).0, gutlog::store::LATEST_VERSION);
        assert_eq!(dump(&db).3, old.3);
    }
    eprintln!("10 kills: {kept_old} left the v1 diary, {upgraded} after the upgrade");
}

#[test]
fn an_altered_old_diary_is_refused_before_its_upgrade_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gutlog.db");
    copy_fixture("schema-v1.db", &db);
    {
        // An object with migration 2's index name would make it fail.
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("CREATE TABLE symptom_ratings_symptom_at (x)")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = gutlog_at(&db).args(["day"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unexpected table 'symptom_ratings_symptom_at'"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert!(
        !dir.path().join("backups").exists(),
        "no pre-upgrade backup"
    );
    assert!(
        !dir.path().join("gutlog.db-wal").exists(),
        "not switched to WAL"
    );
}

#[test]
fn backup_is_private_never_overwrites_and_restores() {
    use std::os::unix::fs::PermissionsExt;
    let d = Diary::new();
    d.ok(&["log", "meal", "toast", "--at", "08:00"]);
    let copy = d.dir.path().join("copy.db");
    d.ok(&["backup", "--out", copy.to_str().unwrap()]);
    assert_eq!(
        std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let snapshot = std::fs::read(&copy).unwrap();
    let err = d.fails(&["backup", "--out", copy.to_str().unwrap()], 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&copy).unwrap(), snapshot);
    let at_backup = d.ok(&["export"]);

    // A failing backup leaves no partial file behind.
    let ro = d.dir.path().join("nowhere/deeper/x.db");
    let out = d
        .cmd()
        .args(["backup", "--out", ro.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!ro.exists());
    let leftovers: Vec<_> = std::fs::read_dir(d.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    d.ok(&["log", "meal", "soup", "--at", "12:00"]);
    let after = d.ok(&["export"]);
    let out = d.ok(&["restore", copy.to_str().unwrap()]);
    assert!(out.contains("kept in"), "{out}");
    assert_eq!(d.ok(&["export"]), at_backup);
    let kept = out
        .lines()
        .last()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_string();
    let other = Diary::new();
    std::fs::copy(&kept, &other.db).unwrap();
    assert_eq!(
        other.ok(&["export"]),
        after,
        "the diary before the restore was kept"
    );

    // A damaged backup is refused and the diary is untouched.
    let bad = d.dir.path().join("bad.db");
    std::fs::write(&bad, "not a diary").unwrap();
    let before = d.bytes();
    let err = d.fails(&["restore", bad.to_str().unwrap()], 2);
    assert!(err.contains("cannot be restored"), "{err}");
    assert_eq!(d.bytes(), before);
}

#[test]
fn daily_backups_rotate() {
    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    for day in 10..=16 {
        let out = d
            .cmd()
            .env("GUTLOG_NOW", format!("2026-11-{day}T20:00:00"))
            .env("GUTLOG_KEEP_BACKUPS", "3")
            .args(["log", "stool", "3"])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let mut names: Vec<String> = std::fs::read_dir(d.dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "gutlog-daily-2026-11-14.db",
            "gutlog-daily-2026-11-15.db",
            "gutlog-daily-2026-11-16.db"
        ]
    );
}

#[test]
fn backups_and_exports_are_private_under_umask_022() {
    use std::os::unix::fs::PermissionsExt;
    let d = Diary::new();
    d.ok(&["log", "stool", "4"]);
    let out_file = d.dir.path().join("manual.db");
    let export = d.dir.path().join("export.json");
    let bin = assert_cmd::cargo::cargo_bin("gutlog");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 022; '{b}' backup --out '{}' && '{b}' log stool 3 && '{b}' export --out '{}'",
            out_file.display(),
            export.display(),
            b = bin.display(),
        ))
        .env("GUTLOG_DB", &d.db)
        .env("GUTLOG_NOW", common::NOW)
        .status()
        .unwrap();
    assert!(status.success());
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out_file), 0o600);
    assert_eq!(mode(&export), 0o600, "the export");
    let backups = d.dir.path().join("backups");
    assert_eq!(mode(&backups), 0o700);
    let daily = backups.join("gutlog-daily-2026-11-20.db");
    assert_eq!(mode(&daily), 0o600, "the daily backup");
}
