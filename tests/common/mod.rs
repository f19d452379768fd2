//! Helpers shared by the integration tests: a pinned clock and the real
//! binary on a temporary diary.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The pinned "now" for every CLI test: Friday 20 November 2026, 21:00.
pub const NOW: &str = "2026-11-20T21:00:00";

pub struct Diary {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Diary {
    pub fn new() -> Diary {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("gutlog.db");
        Diary { dir, db }
    }

    /// `gutlog` on this diary, with the clock pinned and no user config.
    pub fn cmd(&self) -> Command {
        gutlog_at(&self.db)
    }

    /// Runs `gutlog ARGS` and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run gutlog");
        assert!(
            out.status.success(),
            "gutlog {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs `gutlog ARGS`, asserts exit code `code`; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.cmd().args(args).output().expect("run gutlog");
        assert_eq!(
            out.status.code(),
            Some(code),
            "gutlog {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).expect("utf-8 output")
    }

    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.db).expect("read db")
    }

    pub fn export(&self) -> serde_json::Value {
        serde_json::from_str(&self.ok(&["export"])).expect("export is JSON")
    }
}

pub fn gutlog_at(db: &Path) -> Command {
    let mut c = Command::cargo_bin("gutlog").expect("binary built");
    // No user settings: the config directory is beside the diary, empty.
    let config_home = db.parent().unwrap_or(Path::new("/")).join("config");
    c.env("GUTLOG_NOW", NOW)
        .env("GUTLOG_DB", db)
        .env_remove("GUTLOG_CONFIG")
        .env("XDG_CONFIG_HOME", config_home)
        .env("TZ", "Pacific/Chatham")
        .env_remove("XDG_DATA_HOME")
        .env("COLUMNS", "80");
    c
}

/// The same as `gutlog_at`, as a plain `std::process::Command` (for
/// spawning, or for standard output redirected to a pipe or a device).
pub fn process_at(db: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_gutlog"));
    c.env("GUTLOG_NOW", NOW)
        .env("GUTLOG_DB", db)
        .env("TZ", "Pacific/Chatham")
        .env_remove("XDG_DATA_HOME")
        .env("COLUMNS", "80");
    c
}

/// Every Rust file under src/, with its text (for checks on the source).
pub fn rust_sources() -> Vec<(PathBuf, String)> {
    let mut stack = vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    let mut files = Vec::new();
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(&p).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path, text));
            }
        }
    }
    files
}
