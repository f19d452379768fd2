//! Where output goes and what it may hold: `export --out` replaces only
//! regular files, text output never carries control characters from the
//! data, and a closed or full standard output never panics.

mod common;
use common::Diary;
use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Output, Stdio};

fn mkfifo(path: &Path) {
    assert!(std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success());
}

fn one_line(err: &str) {
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
}

/// `export --out LINK`, with and without --force, is refused in one line
/// and the link stays a link.
fn link_refused(d: &Diary, link: &Path) {
    for force in [false, true] {
        let mut args = vec!["export", "--out", link.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let err = d.fails(&args, 2);
        one_line(&err);
        assert!(err.contains("symbolic link"), "{err}");
        assert!(std::fs::symlink_metadata(link)
            .unwrap()
            .file_type()
            .is_symlink());
    }
}

#[test]
fn export_force_replaces_only_regular_files() {
    let d = Diary::new();
    d.ok(&["log", "meal", "toast", "--at", "08:00"]);
    let json = d.ok(&["export"]);
    let dir = d.dir.path();

    // A regular file is replaced with --force, whole and private.
    let file = dir.join("old.json");
    std::fs::write(&file, "old").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    d.ok(&["export", "--out", file.to_str().unwrap(), "--force"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), json);
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // A symlink to a regular file is refused, with or without --force;
    // the link and its target stay as they were.
    let target = dir.join("target.json");
    std::fs::write(&target, "target").unwrap();
    let link = dir.join("link.json");
    symlink(&target, &link).unwrap();
    link_refused(&d, &link);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "target");

    // A dangling symlink is refused too, and is not followed.
    let dangling = dir.join("dangling.json");
    symlink(dir.join("nowhere.json"), &dangling).unwrap();
    link_refused(&d, &dangling);
    assert!(!dir.join("nowhere.json").exists());

    // A FIFO is refused (and never opened, so this does not block).
    let fifo = dir.join("fifo");
    mkfifo(&fifo);
    let err = d.fails(&["export", "--out", fifo.to_str().unwrap(), "--force"], 2);
    one_line(&err);
    assert!(err.contains("not a regular file"), "{err}");
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());

    // A device node.
    let err = d.fails(&["export", "--out", "/dev/null", "--force"], 2);
    one_line(&err);
    assert!(err.contains("not a regular file"), "{err}");
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());

    // A directory.
    let err = d.fails(&["export", "--out", dir.to_str().unwrap(), "--force"], 2);
    one_line(&err);
    assert!(err.contains("directory"), "{err}");

    // `--out -` is standard output, not a file named '-'.
    let out = d
        .cmd()
        .current_dir(dir)
        .args(["export", "--out", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), json);
    assert!(!dir.join("-").exists());
}

/// A diary as an old version or a restored file might hold it: control
/// characters (escape sequences) in every kind of text.
fn hostile_diary() -> Diary {
    let d = Diary::new();
    d.ok(&["log", "meal", "toast", "--at", "08:00"]);
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    let esc = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;SGVsbG8=\u{7}\u{9b}31m\u{7f}";
    let json = |s: String| serde_json::to_string(&vec![s]).unwrap();
    let t = |s: &str| format!("{s}{esc}");
    conn.execute(
        "INSERT INTO meals VALUES ('m-evil', '2026-11-20T12:00:00', 'lunch', ?1, ?2, ?3)",
        [
            json(t("soup")),
            json(t("tag")),
            format!("note{esc}\nline two\tTAB"),
        ],
    )
    .unwrap();
    conn.execute("INSERT INTO custom_symptoms VALUES (?1)", [t("sym")])
        .unwrap();
    conn.execute(
        "INSERT INTO symptom_ratings VALUES ('s-evil', '2026-11-20T13:00:00', ?1, 3, ?2)",
        [t("sym"), t("sn")],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO intakes VALUES ('i-evil', '2026-11-20T14:00:00', ?1, 'other')",
        [t("pill")],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO checkins (date, mood, note) VALUES ('2026-11-20', 3, ?1)",
        [t("day")],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO habit_ticks VALUES ('2026-11-20', ?1)",
        [t("hab")],
    )
    .unwrap();
    drop(conn);
    d
}

fn assert_no_control(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(
        bad.is_empty(),
        "{what} printed control characters {bad:?}:\n{text}"
    );
}

#[test]
fn text_output_shows_control_characters_visibly() {
    let d = hostile_diary();
    let day = d.ok(&["day", "2026-11-20"]);
    assert_no_control("day", &day);
    assert!(day.contains("soup\\u{1b}]0;pwned\\u{7}"), "{day}");
    assert!(day.contains("pill\\u{1b}"), "{day}");
    assert!(day.contains("\\u{9b}31m"), "{day}");
    // A note's newline and tab are shown too, so one entry stays one line.
    assert!(day.contains("\\nline two\\tTAB"), "{day}");
    for args in [
        vec!["report", "--week-ending", "2026-11-20"],
        vec!["day", "2026-11-20", "--json"],
        vec!["export"],
        vec!["delete", "s-evil"],
    ] {
        let out = d.ok(&args);
        assert_no_control(&format!("{args:?}"), &out);
    }
    // JSON stays JSON: the same text comes back when parsed.
    let ex = d.export();
    assert!(ex["meals"][1]["foods"][0]
        .as_str()
        .unwrap()
        .ends_with("\u{9b}31m\u{7f}"));

    // Messages that echo what was typed, and paths.
    for args in [
        vec!["guide", "\u{1b}]52;c;SGVsbG8=\u{7}"],
        vec!["log", "symptom", "x\u{1b}[2J", "1"],
        vec!["delete", "abcdef\u{1b}[2J"],
        vec!["day", "2026-11-20\u{1b}[2J"],
    ] {
        let out = d.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_no_control(&format!("{args:?}"), &err);
        assert!(err.contains("\\u{1b}"), "{args:?}: {err}");
    }
    // A usage error (from clap) never echoes them either.
    let out = d
        .cmd()
        .arg("\u{1b}]0;title\u{7}x\u{9b}2J")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_control("usage error", &String::from_utf8(out.stderr).unwrap());
    let odd = d.dir.path().join("odd\u{1b}[2J.db");
    let out = common::gutlog_at(&odd).arg("paths").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_no_control("paths", &text);
    assert!(text.contains("odd\\u{1b}[2J.db"), "{text}");
}

/// Runs gutlog with standard output a pipe nobody reads (the reader is
/// closed before gutlog starts), like `gutlog … | head -c 0`.
fn into_closed_pipe(d: &Diary, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    common::process_at(&d.db)
        .args(args)
        .stdout(Stdio::from(writer))
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let d = Diary::new();
    d.ok(&["demo", "--days", "30"]);
    for args in [
        vec!["report", "--json"],
        vec!["report"],
        vec!["guide", "causes"],
        vec!["guide"],
        vec!["day"],
        vec!["export"],
        vec!["plan"],
        vec!["paths"],
    ] {
        let out = into_closed_pipe(&d, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
    // The entry is saved even though nobody read "Logged …".
    let out = into_closed_pipe(&d, &["log", "meal", "pipe soup"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
    assert!(d.ok(&["export"]).contains("pipe soup"));
}

#[test]
fn a_full_disk_on_stdout_is_one_line_saying_what_was_saved() {
    let d = Diary::new();
    d.ok(&["log", "meal", "toast", "--at", "08:00"]);
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let out = common::process_at(&d.db)
        .args(["log", "stool", "6"])
        .stdout(full())
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    one_line(&err);
    assert!(err.contains("was saved"), "{err}");
    assert_eq!(d.export()["stools"][0]["bristol"], 6);

    // A command that saves nothing does not claim it did.
    let out = common::process_at(&d.db)
        .args(["day"])
        .stdout(full())
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    one_line(&err);
    assert!(!err.contains("saved"), "{err}");
    assert!(err.contains("standard output"), "{err}");
}
