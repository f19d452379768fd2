//! The generator of `tests/fixtures/crafted/`: hostile, foreign and odd
//! SQLite files, each built from a healthy diary that gutlog itself wrote
//! (or from scratch) and then altered with plain rusqlite, as an attacker or
//! another program would. The committed files are the test inputs (CI has no
//! sqlite3); a test checks they are what this generator makes, and
//!
//!     cargo test --test crafted_files -- --ignored regenerate
//!
//! rewrites them.
#![allow(dead_code)]

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// What gutlog must do with a crafted file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Refused as the diary and as a backup to restore; left exactly as it was.
    Refused,
    /// A healthy diary: opened and restored.
    Healthy,
    /// A diary whose rows hold what import refuses (an old diary may): it
    /// opens, but `gutlog check` reports it and restore refuses it.
    RowsRefused,
}

pub struct Crafted {
    pub name: &'static str,
    pub expect: Expect,
    /// The words `gutlog check` must name (empty: not checked).
    pub check_names: &'static [&'static str],
    make: fn(&Path),
}

/// Meals in the base diary (enough to fill several pages).
pub const BASE_MEALS: usize = 40;

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crafted")
}

pub fn path(name: &str) -> PathBuf {
    dir().join(name)
}

pub fn all() -> Vec<Crafted> {
    use Expect::*;
    vec![
        Crafted {
            name: "trigger-raise-ignore.db",
            expect: Refused,
            check_names: &["trigger", "swallow"],
            make: |p| {
                altered(
                    p,
                    "CREATE TRIGGER swallow BEFORE INSERT ON meals BEGIN
                         DELETE FROM symptom_ratings; SELECT RAISE(IGNORE);
                     END;",
                )
            },
        },
        Crafted {
            name: "trigger-recursive.db",
            expect: Refused,
            check_names: &["trigger", "forever"],
            make: |p| {
                altered(
                    p,
                    "CREATE TRIGGER forever AFTER INSERT ON stools BEGIN
                         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
                         SELECT count(*) FROM n;
                     END;",
                )
            },
        },
        Crafted {
            name: "view-extra.db",
            expect: Refused,
            check_names: &["view", "all_meals"],
            make: |p| altered(p, "CREATE VIEW all_meals AS SELECT * FROM meals;"),
        },
        Crafted {
            name: "table-extra.db",
            expect: Refused,
            check_names: &["table", "secrets"],
            make: |p| altered(p, "CREATE TABLE secrets (x);"),
        },
        Crafted {
            name: "table-missing.db",
            expect: Refused,
            check_names: &["missing", "habit_ticks"],
            make: |p| altered(p, "DROP TABLE habit_ticks;"),
        },
        Crafted {
            name: "table-altered.db",
            expect: Refused,
            check_names: &["meals"],
            make: |p| altered(p, "ALTER TABLE meals ADD COLUMN extra TEXT;"),
        },
        Crafted {
            name: "index-missing.db",
            expect: Refused,
            check_names: &["index", "meals_at"],
            make: |p| altered(p, "DROP INDEX meals_at;"),
        },
        Crafted {
            name: "index-extra.db",
            expect: Refused,
            check_names: &["index", "meals_by_note"],
            make: |p| altered(p, "CREATE INDEX meals_by_note ON meals (note);"),
        },
        Crafted {
            name: "application-id-other.db",
            expect: Refused,
            check_names: &["application id"],
            make: |p| altered(p, "PRAGMA application_id = 305419896;"),
        },
        Crafted {
            name: "meals-x-version-2.db",
            expect: Refused,
            check_names: &[],
            make: |p| {
                scratch(
                    p,
                    "CREATE TABLE meals (x); INSERT INTO meals VALUES ('junk');",
                    2,
                )
            },
        },
        Crafted {
            name: "meals-x-version-1.db",
            expect: Refused,
            check_names: &[],
            make: |p| {
                scratch(
                    p,
                    "CREATE TABLE meals (x); INSERT INTO meals VALUES ('junk');",
                    1,
                )
            },
        },
        Crafted {
            name: "meals-x-version-minus-1.db",
            expect: Refused,
            check_names: &[],
            make: |p| {
                scratch(
                    p,
                    "CREATE TABLE meals (x); INSERT INTO meals VALUES ('junk');",
                    -1,
                )
            },
        },
        Crafted {
            name: "junk-version-minus-7.db",
            expect: Refused,
            check_names: &[],
            make: |p| scratch(p, "CREATE TABLE junk (x); INSERT INTO junk VALUES (1);", -7),
        },
        Crafted {
            name: "foreign-wal-version-2.db",
            expect: Refused,
            check_names: &[],
            make: |p| {
                let c = Connection::open(p).unwrap();
                c.execute_batch(
                    "PRAGMA journal_mode = WAL;
                     CREATE TABLE notes (x); INSERT INTO notes VALUES ('not a diary');
                     PRAGMA user_version = 2;",
                )
                .unwrap();
            },
        },
        Crafted {
            name: "damaged-table.db",
            expect: Refused,
            check_names: &[],
            make: |p| {
                healthy(p, 4096);
                // Scramble the header of one of the meals table's leaf pages.
                let page: i64 = Connection::open(p)
                    .unwrap()
                    .query_row(
                        "SELECT pageno FROM dbstat WHERE name = 'meals' AND pagetype = 'leaf'
                         ORDER BY pageno LIMIT 1",
                        [],
                        |r| r.get(0),
                    )
                    .unwrap();
                let mut bytes = std::fs::read(p).unwrap();
                let start = (page as usize - 1) * 4096;
                for b in &mut bytes[start..start + 12] {
                    *b ^= 0x5A;
                }
                std::fs::write(p, bytes).unwrap();
            },
        },
        Crafted {
            name: "page-size-512.db",
            expect: Healthy,
            check_names: &[],
            make: |p| healthy(p, 512),
        },
        Crafted {
            name: "page-size-65536.db",
            expect: Healthy,
            check_names: &[],
            make: |p| healthy(p, 65536),
        },
        Crafted {
            name: "broken-link.db",
            expect: RowsRefused,
            check_names: &["1 broken"],
            make: |p| {
                altered(
                    p,
                    "PRAGMA foreign_keys = OFF;
                     INSERT INTO plan_ticks VALUES ('no-such-run', 2, '2026-10-02T21:00:00');",
                )
            },
        },
        Crafted {
            name: "escape-sequences.db",
            expect: RowsRefused,
            check_names: &["meals[", "control character"],
            make: |p| {
                healthy(p, 4096);
                let c = Connection::open(p).unwrap();
                c.execute_batch(
                    "UPDATE meals SET note = char(27) || ']0;retitled' || char(7) || char(27) || '[2J'
                         || char(27) || ']52;c;cHduZWQ=' || char(7) WHERE id = 'meal-07';
                     UPDATE meals SET foods = json_array(char(27) || '[31mtoast') WHERE id = 'meal-08';",
                )
                .unwrap();
            },
        },
    ]
}

/// `tests/fixtures/schema-v2.db`: the version 1 fixture upgraded the way a
/// schema-2 gutlog upgraded it (migration 2, then `user_version` 2).
pub fn make_schema_v2(p: &Path) {
    let _ = std::fs::remove_file(p);
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db"),
        p,
    )
    .unwrap();
    let c = Connection::open(p).unwrap();
    c.execute_batch(&format!(
        "BEGIN; {} PRAGMA user_version = 2; COMMIT;",
        include_str!("../../migrations/02-symptom-index/up.sql")
    ))
    .unwrap();
}

/// `tests/fixtures/schema-v4.db`: the version 2 fixture upgraded the way a
/// schema-4 gutlog upgraded it (migrations 3 and 4, then `user_version` 4),
/// with what version 4 added: a profile, a dish's parts and a new red flag.
pub fn make_schema_v4(p: &Path) {
    let _ = std::fs::remove_file(p);
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v2.db"),
        p,
    )
    .unwrap();
    let c = Connection::open(p).unwrap();
    c.execute_batch(&format!(
        "BEGIN; {} {} PRAGMA user_version = 4; COMMIT;",
        include_str!("../../migrations/03-application-id/up.sql"),
        include_str!("../../migrations/04-red-flags-profile/up.sql")
    ))
    .unwrap();
    c.execute_batch(
        r#"BEGIN;
        INSERT INTO profile (id, birth_year, sex) VALUES (1, 1970, 'female');
        INSERT INTO food_parts VALUES ('nan''s pie', '["puff pastry","beef","onion"]');
        INSERT INTO red_flags VALUES ('2026-10-03', 'ovarian_symptoms');
        INSERT INTO meals VALUES ('v4-meal', '2026-10-03T19:00:00', 'dinner', '["nan''s pie"]',
            '["gluten"]', 'v4 meal');
        COMMIT;"#,
    )
    .unwrap();
}

/// Writes every crafted file into `dir`.
pub fn write_all(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for c in all() {
        let p = dir.join(c.name);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut s = p.as_os_str().to_owned();
            s.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(s));
        }
        (c.make)(&p);
        assert!(
            !p.with_file_name(format!("{}-wal", c.name)).exists(),
            "{} left a -wal",
            c.name
        );
    }
}

/// A healthy diary of schema version 3 (whatever the latest version is,
/// so the files stay what they are when migrations are added), in rollback
/// mode (one file), with the given page size and every kind of record.
pub fn healthy(p: &Path, page_size: u32) {
    let c = Connection::open(p).unwrap();
    c.pragma_update(None, "page_size", page_size).unwrap();
    for migration in [
        include_str!("../../migrations/01-initial/up.sql"),
        include_str!("../../migrations/02-symptom-index/up.sql"),
        include_str!("../../migrations/03-application-id/up.sql"),
    ] {
        c.execute_batch(migration).unwrap();
    }
    c.pragma_update(None, "user_version", 3).unwrap();
    c.execute_batch(&format!(
        r#"BEGIN;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {BASE_MEALS})
        INSERT INTO meals SELECT printf('meal-%02d', i),
            printf('2026-10-%02dT%02d:30:00', 1 + i % 28, 8 + i % 12), 'dinner',
            json_array('pasta', 'salad ' || i), '["gluten"]',
            'meal number ' || i || ' with a longer note to fill the page' FROM n;
        INSERT INTO custom_symptoms VALUES ('hiccups');
        INSERT INTO symptom_ratings VALUES
            ('sym-1', '2026-10-02T21:00:00', 'bloating', 2, NULL),
            ('sym-2', '2026-10-03T21:00:00', 'hiccups', 1, 'own');
        INSERT INTO stools VALUES ('stool-1', '2026-10-02T07:00:00', 4);
        INSERT INTO checkins (date, mood, sleep_hours, note) VALUES ('2026-10-02', 3, 7.5, 'tired');
        INSERT INTO intakes VALUES ('intake-1', '2026-10-02T09:00:00', 'ibuprofen', 'nsaid');
        INSERT INTO red_flags VALUES ('2026-10-02', 'fever');
        INSERT INTO plan_runs VALUES ('run-1', '2026-10-01', '2026-10-01T20:00:00', NULL);
        INSERT INTO plan_ticks VALUES ('run-1', 1, '2026-10-01T21:00:00');
        INSERT INTO habit_ticks VALUES ('2026-10-02', 'reduce_stress');
        INSERT INTO food_tags VALUES ('grandma''s stew', '["high_fodmap"]');
        COMMIT;"#
    ))
    .unwrap();
}

/// A healthy diary with `sql` run on it.
fn altered(p: &Path, sql: &str) {
    healthy(p, 4096);
    Connection::open(p).unwrap().execute_batch(sql).unwrap();
}

/// An SQLite file made from scratch with `sql` and a `user_version`.
fn scratch(p: &Path, sql: &str, version: i64) {
    let c = Connection::open(p).unwrap();
    c.execute_batch(sql).unwrap();
    c.pragma_update(None, "user_version", version).unwrap();
}

/// What a file holds, logically: page size, versions, schema and rows (the
/// bytes themselves also carry SQLite's own version number).
pub fn logical(p: &Path) -> String {
    use std::fmt::Write;
    let c = Connection::open_with_flags(p, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut out = String::new();
    for pragma in [
        "page_size",
        "user_version",
        "application_id",
        "journal_mode",
    ] {
        let v: rusqlite::types::Value = c
            .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
            .unwrap();
        writeln!(out, "{pragma} = {v:?}").unwrap();
    }
    let objects: Vec<(String, String, Option<String>)> = c
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (kind, name, sql) in &objects {
        writeln!(out, "{kind} {name}: {sql:?}").unwrap();
        if kind == "table" {
            // A damaged table may not read back: record that instead.
            let rows: Result<Vec<String>, _> = c
                .prepare(&format!("SELECT * FROM \"{name}\""))
                .and_then(|mut s| {
                    let n = s.column_count();
                    s.query_map([], |r| {
                        (0..n)
                            .map(|i| {
                                r.get::<_, rusqlite::types::Value>(i)
                                    .map(|v| format!("{v:?}"))
                            })
                            .collect::<Result<Vec<_>, _>>()
                            .map(|v| v.join("|"))
                    })?
                    .collect()
                });
            match rows {
                Ok(rows) => writeln!(out, "  {} rows: {}", rows.len(), rows.join("; ")).unwrap(),
                Err(_) => writeln!(out, "  unreadable").unwrap(),
            }
        }
    }
    out
}
