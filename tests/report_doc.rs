//! `gutlog report --format html|markdown` as a whole process: where the
//! file goes and how it is protected, the options, and bad input.

#[path = "support/clinic.rs"]
mod clinic;

use assert_cmd::Command;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

struct Fixture {
    dir: TempDir,
    db: PathBuf,
}

impl Fixture {
    /// The clinic fixture imported into a fresh diary.
    fn new() -> Fixture {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("diary.db");
        let f = Fixture { dir, db };
        let json = f.path("fixture.json");
        std::fs::write(&json, clinic::exchange().to_json()).unwrap();
        f.ok(&["import", json.to_str().unwrap()]);
        f
    }
    /// An empty diary.
    fn empty() -> Fixture {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("diary.db");
        Fixture { dir, db }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("gutlog").unwrap();
        c.env("GUTLOG_DB", &self.db)
            .env("GUTLOG_NOW", clinic::NOW)
            .env("GUTLOG_KEEP_BACKUPS", "0")
            .env("TZ", "America/St_Johns")
            .env_remove("XDG_DATA_HOME");
        c
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "gutlog {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "gutlog {args:?} should exit 2");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim().lines().count(), 1, "one-line message: {err}");
        err
    }
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

#[test]
fn html_is_written_private_and_never_over_a_file_without_force() {
    let f = Fixture::new();
    let out = f.path("report.html");
    let said = f.ok(&["report", "--format", "html", "--out", out.to_str().unwrap()]);
    assert!(said.contains("report.html"), "{said}");
    assert_eq!(mode(&out), 0o600);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("Logged on 84 of 90 days"));

    // Never over an existing file without --force; the file stays as it was.
    std::fs::write(&out, "mine").unwrap();
    let err = f.fails(&["report", "--format", "html", "--out", out.to_str().unwrap()]);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");

    // --force replaces a regular file, atomically and privately.
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    f.ok(&[
        "report",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("<!DOCTYPE html>"));
    assert_eq!(mode(&out), 0o600);
    assert!(leftovers(f.dir.path()).is_empty());
}

#[test]
fn force_never_writes_through_a_link_or_into_a_directory_or_fifo() {
    let f = Fixture::new();
    let target = f.path("precious.txt");
    std::fs::write(&target, "keep me").unwrap();
    let link = f.path("link.html");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let err = f.fails(&[
        "report",
        "--format",
        "html",
        "--out",
        link.to_str().unwrap(),
        "--force",
    ]);
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());

    let dir = f.path("folder");
    std::fs::create_dir(&dir).unwrap();
    let err = f.fails(&[
        "report",
        "--format",
        "markdown",
        "--out",
        dir.to_str().unwrap(),
        "--force",
    ]);
    assert!(err.contains("not a regular file"), "{err}");

    let fifo = f.path("pipe");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let err = f.fails(&[
            "report",
            "--format",
            "html",
            "--out",
            fifo.to_str().unwrap(),
            "--force",
        ]);
        assert!(err.contains("not a regular file"), "{err}");
    } else {
        eprintln!("NOTICE: mkfifo is missing; the FIFO case was skipped");
    }
    assert!(leftovers(f.dir.path()).is_empty());
}

#[test]
fn markdown_goes_to_standard_output_with_the_same_figures() {
    let f = Fixture::new();
    let md = f.ok(&[
        "report",
        "--format",
        "markdown",
        "--question",
        "Do I need a stool test?",
    ]);
    assert!(md.starts_with("# "));
    for section in [
        "## For attention",
        "## Symptoms",
        "## Stools",
        "## Medicines",
        "## Daily check-in",
        "## What came before",
        "## Questions",
        "## Notes",
    ] {
        assert!(md.contains(section), "lacks {section}");
    }
    assert!(md.contains("Logged on 84 of 90 days"));
    assert!(md.contains("| Bloating | 42 of 84 |"));
    assert!(md.contains("1. Do I need a stool test?"));
    // `-` is standard output too.
    let dash = f.ok(&["report", "--format", "md", "--out", "-"]);
    assert!(dash.contains("## Symptoms"));
}

#[test]
fn options_set_the_period_notes_and_questions() {
    let f = Fixture::new();
    let page = f.ok(&[
        "report",
        "--format",
        "html",
        "--days",
        "30",
        "--week-ending",
        "2026-11-15",
    ]);
    assert!(
        page.contains("17 Oct – 15 Nov 2026 (30 days)"),
        "period from --days and --week-ending"
    );
    assert!(
        !page.contains("Stressful week at work"),
        "a note after the period is left out"
    );

    let with = f.ok(&["report", "--format", "html"]);
    assert!(with.contains("Stressful week at work"));
    let without = f.ok(&["report", "--format", "html", "--no-notes"]);
    assert!(!without.contains("Stressful week at work"));
    assert!(!without.contains("alert(1)"));

    let q = f.ok(&[
        "report",
        "--format",
        "html",
        "--question",
        "Is it <IBS>?",
        "--question",
        "What next?",
    ]);
    assert!(q.contains("<li>Is it &lt;IBS&gt;?</li>"));
    assert!(q.contains("<li>What next?</li>"));
}

#[test]
fn bad_options_are_refused_in_one_line_and_change_nothing() {
    let f = Fixture::new();
    let before = std::fs::read(&f.db).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["report", "--format", "pdf"], "use html or markdown"),
        (&["report", "--days", "30"], "--days goes with --format"),
        (&["report", "--no-notes"], "--no-notes goes with --format"),
        (
            &["report", "--format", "html", "--json"],
            "--json does not go with --format",
        ),
        (
            &["report", "--format", "html", "--history-days", "30"],
            "--history-days does not go",
        ),
        (
            &["report", "--format", "html", "--days", "400"],
            "use 14 to 365",
        ),
        (
            &["report", "--format", "html", "--days", "ninety"],
            "not a whole number",
        ),
        (
            &["report", "--format", "html", "--question", "  "],
            "--question is empty",
        ),
        (
            &["report", "--format", "html", "--week-ending", "2030-01-01"],
            "in the future",
        ),
    ];
    for (args, message) in cases {
        let err = f.fails(args);
        assert!(err.contains(message), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(&f.db).unwrap(), before, "diary unchanged");
    assert!(!f.path("report.html").exists());
}

/// The diary's see-a-doctor patterns (here bloating on more than 12 of the
/// last 30 days, NICE NG12) are listed first, with the red flags.
#[test]
fn diary_patterns_that_need_a_doctor_come_first() {
    let f = Fixture::empty();
    let end = chrono::NaiveDateTime::parse_from_str(clinic::NOW, "%Y-%m-%dT%H:%M:%S").unwrap();
    let rate = |i: i64| {
        let at = (end - chrono::Duration::days(i * 2))
            .format("%Y-%m-%d 07:00")
            .to_string();
        f.ok(&["log", "symptom", "bloating", "2", "--at", &at]);
    };
    // 12 days is NICE's threshold, not above it.
    (0..12).for_each(rate);
    let before = f.ok(&["report", "--format", "markdown"]);
    assert!(!before.contains("Frequent bloating"), "{before}");
    rate(12);
    let md = f.ok(&["report", "--format", "markdown"]);
    let pattern = md.find("Frequent bloating").expect("the pattern is listed");
    let symptoms = md.find("## Symptoms").expect("a symptoms section");
    assert!(pattern < symptoms, "patterns come before the symptoms");
    assert!(md.contains("13 of the last 30 days"), "{md}");
    assert!(md.contains("NICE NG12"), "with its source");
}
