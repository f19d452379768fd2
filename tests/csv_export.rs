//! `gutlog export --format csv`: every file read back by two independent
//! readers — a strict RFC 4180 parser written here, and Python's `csv`
//! module when python3 is installed — with counts from the fixture's rules
//! and notes full of commas, quotes, newlines and emoji.

#[path = "support/clinic.rs"]
mod clinic;

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const FILES: [&str; 11] = [
    "meals.csv",
    "symptoms.csv",
    "stools.csv",
    "checkins.csv",
    "intakes.csv",
    "red_flags.csv",
    "plan_ticks.csv",
    "plan_runs.csv",
    "habits.csv",
    "daily.csv",
    "experiments.csv",
];

struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let f = Fixture {
            dir: TempDir::new().unwrap(),
        };
        let json = f.path("fixture.json");
        std::fs::write(&json, clinic::exchange().to_json()).unwrap();
        f.cmd().arg("import").arg(&json).assert().success();
        f
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("gutlog").unwrap();
        c.env("GUTLOG_DB", self.path("diary.db"))
            .env("GUTLOG_NOW", clinic::NOW)
            .env("GUTLOG_KEEP_BACKUPS", "0")
            .env("TZ", "Australia/Eucla")
            .env_remove("XDG_DATA_HOME");
        c
    }
    fn export(&self, dir: &Path, extra: &[&str]) {
        self.cmd()
            .args(["export", "--format", "csv", "--out"])
            .arg(dir)
            .args(extra)
            .assert()
            .success();
    }
    fn refused(&self, args: &[&str], message: &str) {
        let out = self.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

/// A strict RFC 4180 reader: records end in CRLF; a field is either plain
/// (no quote, comma, CR or LF) or quoted, with "" for a quote inside.
fn rfc4180(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted_field = false;
    loop {
        let Some(c) = chars.next() else {
            assert!(
                field.is_empty() && record.is_empty(),
                "the last record lacks its CRLF"
            );
            break;
        };
        match c {
            '"' if field.is_empty() && !quoted_field => {
                quoted_field = true;
                loop {
                    match chars.next().expect("an unclosed quoted field") {
                        '"' if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        '"' => break,
                        other => field.push(other),
                    }
                }
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                quoted_field = false;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                quoted_field = false;
            }
            '\n' => panic!("a bare LF ends a record (RFC 4180 wants CRLF)"),
            '"' => panic!("a quote inside a plain field"),
            other => {
                assert!(!quoted_field, "text after a closing quote");
                field.push(other);
            }
        }
    }
    records
}

/// Each file as a list of header → value maps, checked for equal widths.
fn read_all(dir: &Path) -> BTreeMap<String, Vec<BTreeMap<String, String>>> {
    FILES
        .iter()
        .map(|name| {
            let records = rfc4180(&std::fs::read(dir.join(name)).unwrap());
            let header = records[0].clone();
            let rows = records[1..]
                .iter()
                .map(|r| {
                    assert_eq!(r.len(), header.len(), "{name}: a row of another width");
                    header.iter().cloned().zip(r.iter().cloned()).collect()
                })
                .collect();
            (name.to_string(), rows)
        })
        .collect()
}

const PYTHON: &str = r#"
import csv, json, sys
out = {}
for name in sys.argv[2:]:
    with open(sys.argv[1] + "/" + name, newline="", encoding="utf-8") as f:
        out[name] = list(csv.DictReader(f, strict=True))
print(json.dumps(out))
"#;

/// The same files as Python's csv module reads them, or None without python3.
fn python_read(dir: &Path) -> Option<serde_json::Value> {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(PYTHON)
        .arg(dir)
        .args(FILES)
        .output();
    match out {
        Ok(o) if o.status.success() => Some(serde_json::from_slice(&o.stdout).unwrap()),
        Ok(o) => panic!("python3 csv failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(_) => {
            eprintln!("NOTICE: python3 is not installed: the Python csv cross-check is SKIPPED (the built-in RFC 4180 reader still ran)");
            None
        }
    }
}

fn logged() -> Vec<i64> {
    (0..clinic::DAYS).filter(|&i| clinic::logged(i)).collect()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn every_file_reads_back_with_its_counts_and_awkward_notes() {
    let f = Fixture::new();
    let out = f.path("new/export");
    f.export(&out, &[]);
    assert_eq!(mode(&out), 0o700, "a new folder is private");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = FILES.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(names, expected);
    for name in FILES {
        assert_eq!(mode(&out.join(name)), 0o600, "{name}");
    }

    let t = read_all(&out);
    let days = logged();
    let count = |name: &str| t[name].len();
    assert_eq!(count("meals.csv"), 2 * days.len());
    let ratings = days.len() * 2 + days.iter().filter(|&&i| clinic::gas(i).is_some()).count();
    assert_eq!(count("symptoms.csv"), ratings);
    let stools: usize = days.iter().map(|&i| clinic::stools(i).len()).sum();
    assert_eq!(count("stools.csv"), stools);
    assert_eq!(count("checkins.csv"), days.len());
    let intakes: usize = days
        .iter()
        .map(|&i| {
            [
                clinic::ibuprofen(i),
                clinic::amoxicillin(i),
                clinic::omeprazole(i),
            ]
            .iter()
            .filter(|&&t| t)
            .count()
        })
        .sum();
    assert_eq!(count("intakes.csv"), intakes);
    assert_eq!(count("red_flags.csv"), clinic::red_flags().len());
    assert_eq!(count("plan_ticks.csv"), 5);
    assert_eq!(count("plan_runs.csv"), 1);
    assert_eq!(count("habits.csv"), 0);
    assert_eq!(
        count("daily.csv"),
        90,
        "every date from the first entry to the last"
    );

    // The notes survive exactly: commas, quotes, a newline, emoji.
    let note_of = |file: &str, col: &str| -> Vec<String> {
        t[file]
            .iter()
            .map(|r| r[col].clone())
            .filter(|n| !n.is_empty())
            .collect()
    };
    assert_eq!(note_of("symptoms.csv", "note"), [clinic::AWKWARD_NOTE]);
    assert_eq!(note_of("meals.csv", "note"), [clinic::SCRIPT_NOTE]);
    assert_eq!(note_of("checkins.csv", "note"), [clinic::CHECKIN_NOTE]);
    assert_eq!(
        note_of("plan_runs.csv", "reflection"),
        ["Felt calmer, 🍵 helped"]
    );

    // daily.csv: day 0 had pasta (bloating 3), two stools and its tags.
    let daily = &t["daily.csv"];
    let d0 = &daily[0];
    assert_eq!(d0["date"], clinic::day(0).to_string());
    assert_eq!(d0["logged"], "yes");
    assert_eq!(d0["worst_bloating"], "3");
    assert_eq!(d0["worst_gas"], "1");
    assert_eq!(d0["worst_heartburn"], "0");
    assert_eq!(d0["stools"], "2");
    assert_eq!(d0["stool_types"], "4 6");
    assert_eq!(d0["meals"], "2");
    assert_eq!(d0["tags"], "dairy; gluten; whole_food");
    assert_eq!(d0["mood"], clinic::mood(0).to_string());
    let d7 = &daily[7];
    assert_eq!(
        (
            d7["logged"].as_str(),
            d7["stools"].as_str(),
            d7["worst_bloating"].as_str()
        ),
        ("no", "", "")
    );
    let d60 = &daily[60];
    assert_eq!(d60["intakes"], "omeprazole");

    // An independent second reader agrees on every cell.
    if let Some(py) = python_read(&out) {
        for name in FILES {
            let rows = py[name].as_array().unwrap();
            assert_eq!(
                rows.len(),
                t[name].len(),
                "{name}: Python counts another number of rows"
            );
            for (p, r) in rows.iter().zip(&t[name]) {
                let p: BTreeMap<String, String> = p
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                    .collect();
                assert_eq!(&p, r, "{name}");
            }
        }
    }
}

#[test]
fn from_and_to_keep_the_dates_between() {
    let f = Fixture::new();
    let out = f.path("late");
    let (from, to) = (clinic::day(80).to_string(), clinic::day(84).to_string());
    f.export(&out, &["--from", &from, "--to", &to]);
    let t = read_all(&out);
    let days: Vec<i64> = logged()
        .into_iter()
        .filter(|i| (80..=84).contains(i))
        .collect();
    assert_eq!(days.len(), 4, "day 82 went unlogged");
    assert_eq!(t["meals.csv"].len(), 2 * days.len());
    assert_eq!(t["red_flags.csv"].len(), 1);
    assert_eq!(t["intakes.csv"].len(), 0);
    let dates: Vec<&str> = t["daily.csv"].iter().map(|r| r["date"].as_str()).collect();
    let expected: Vec<String> = (80..=84).map(|i| clinic::day(i).to_string()).collect();
    assert_eq!(dates, expected);
    assert!(t["meals.csv"]
        .iter()
        .all(|r| r["date"] >= from && r["date"] <= to));
}

#[test]
fn an_empty_diary_gives_headers_only() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("gutlog")
        .unwrap()
        .env("GUTLOG_DB", dir.path().join("empty.db"))
        .env("GUTLOG_NOW", clinic::NOW)
        .env("GUTLOG_KEEP_BACKUPS", "0")
        .env_remove("XDG_DATA_HOME")
        .args(["export", "--format", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    let t = read_all(&out);
    assert!(t.values().all(|rows| rows.is_empty()));
}

#[test]
fn csv_export_never_overwrites_and_refuses_bad_options() {
    let f = Fixture::new();
    let out = f.path("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("daily.csv"), "mine").unwrap();
    let o = out.to_str().unwrap();
    f.refused(
        &["export", "--format", "csv", "--out", o],
        "already holds daily.csv",
    );
    assert_eq!(
        std::fs::read_to_string(out.join("daily.csv")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "nothing else written"
    );
    f.refused(
        &["export", "--format", "csv", "--out", o, "--force"],
        "never replaces files",
    );

    // A folder that holds other files is fine.
    std::fs::remove_file(out.join("daily.csv")).unwrap();
    std::fs::write(out.join("notes.txt"), "other").unwrap();
    f.export(&out, &[]);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), FILES.len() + 1);

    let file = f.path("a-file");
    std::fs::write(&file, "x").unwrap();
    f.refused(
        &["export", "--format", "csv", "--out", file.to_str().unwrap()],
        "not a folder",
    );
    let link = f.path("link");
    std::os::unix::fs::symlink(&out, &link).unwrap();
    f.refused(
        &["export", "--format", "csv", "--out", link.to_str().unwrap()],
        "symbolic link",
    );
    f.refused(&["export", "--format", "csv"], "add --out DIR");
    f.refused(
        &[
            "export",
            "--format",
            "csv",
            "--out",
            "x",
            "--from",
            "2026-11-10",
            "--to",
            "2026-11-01",
        ],
        "after --to",
    );
    f.refused(
        &[
            "export", "--format", "csv", "--out", "x", "--from", "someday",
        ],
        "someday",
    );
    f.refused(&["export", "--from", "2026-11-01"], "go with --format csv");
    f.refused(&["export", "--format", "xml"], "valid: json, csv");
    assert!(!f.path("x").exists());
}
