//! Temporary files of backups, restores and migrations: one recognisable
//! name, `.gutlog-tmp-PID-NAME` (plus SQLite's `-journal` beside it), so that
//! the next gutlog can remove what a killed one left behind.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const PREFIX: &str = ".gutlog-tmp-";

/// A file no process would still be writing after this long: removed even
/// if its process id now belongs to another process.
const ABANDONED_AFTER: Duration = Duration::from_secs(24 * 3600);

/// The temporary file this process writes `name` through, in `dir`.
pub(crate) fn path_for(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{PREFIX}{}-{name}", std::process::id()))
}

/// Removes `tmp` and the companion files SQLite may have made beside it.
pub(crate) fn remove(tmp: &Path) {
    let _ = fs::remove_file(tmp);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut s = tmp.as_os_str().to_owned();
        s.push(suffix);
        let _ = fs::remove_file(PathBuf::from(s));
    }
}

/// The process id in a temporary file's name: `.gutlog-tmp-PID-…`, or, with
/// `legacy`, `.NAME.db.tmp-PID` (with `-journal`) as gutlog 0.1 named them.
fn owner(name: &str, legacy: bool) -> Option<u32> {
    if let Some(rest) = name.strip_prefix(PREFIX) {
        let (pid, _) = rest.split_once('-')?;
        return pid.parse().ok();
    }
    if !legacy || !name.starts_with('.') {
        return None;
    }
    let (before, after) = name.rsplit_once(".db.tmp-")?;
    if before.len() < 2 {
        return None;
    }
    let pid = after.strip_suffix("-journal").unwrap_or(after);
    pid.parse().ok()
}

/// True while the process `pid` exists (on this machine).
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // Signal 0 only asks whether the process exists.
    // SAFETY: kill with signal 0 sends nothing; it has no memory effects.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Removes the temporary files in `dir` whose process has ended (or that
/// were abandoned long ago); with `legacy` (only in gutlog's own backups
/// folder), also those named the way gutlog 0.1 named them. Errors are
/// ignored: this is tidying.
pub(crate) fn remove_stale(dir: &Path, legacy: bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(|n| owner(n, legacy)) else {
            continue;
        };
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let abandoned = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > ABANDONED_AFTER);
        if abandoned || (pid != std::process::id() && !alive(pid)) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// The temporary file this process writes `name` through in `dir`, for
/// files written outside the store (exports and reports with `--out`).
pub fn temp_path(dir: &Path, name: &str) -> PathBuf {
    path_for(dir, name)
}

/// Removes, in a folder gutlog writes to with `--out`, the temporary files
/// of gutlog processes that have ended.
pub fn remove_stale_temp_files(dir: &Path) {
    remove_stale(dir, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_read_from_both_name_patterns_only() {
        let ours = |n| owner(n, false);
        let legacy = |n| owner(n, true);
        assert_eq!(
            ours(".gutlog-tmp-123-gutlog-daily-2026-11-20.db"),
            Some(123)
        );
        assert_eq!(ours(".gutlog-tmp-123-x.db-journal"), Some(123));
        assert_eq!(legacy(".gutlog-daily-2026-11-20.db.tmp-77"), Some(77));
        assert_eq!(
            legacy(".gutlog-daily-2026-11-20.db.tmp-77-journal"),
            Some(77)
        );
        assert_eq!(ours(".gutlog-daily-2026-11-20.db.tmp-77"), None);
        assert_eq!(legacy("gutlog-daily-2026-11-20.db"), None);
        assert_eq!(legacy("notes.db.tmp-5"), None, "not hidden: not ours");
        assert_eq!(legacy(".gutlog-tmp-x-y"), None);
        assert_eq!(legacy(".db.tmp-5"), None);
    }

    #[test]
    fn this_process_is_alive() {
        assert!(alive(std::process::id()));
    }
}
