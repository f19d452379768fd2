//! Temporary files of backups, restores, migrations and every file gutlog
//! writes outside the diary (`--out`, the sync folder): one recognisable
//! name, `.gutlog-tmp-PID-NAME` (plus SQLite's `-journal` beside it), so that
//! the next gutlog can remove what a killed one left behind; and the one
//! writer of private files in one step (`write_private`).

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const PREFIX: &str = ".gutlog-tmp-";

/// A file no process would still be writing after this long: removed even
/// if its process id now belongs to another process.
const ABANDONED_AFTER: Duration = Duration::from_secs(24 * 3600);

/// The temporary name process `pid` writes a file named `name` through.
pub fn temp_name(name: &str, pid: u32) -> String {
    format!("{PREFIX}{pid}-{name}")
}

/// The temporary file this process writes `name` through, in `dir`.
pub(crate) fn path_for(dir: &Path, name: &str) -> PathBuf {
    dir.join(temp_name(name, std::process::id()))
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
    remove_stale_where(dir, legacy, |_| true)
}

fn remove_stale_where(dir: &Path, legacy: bool, of: impl Fn(&str) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| of(n))
            .and_then(|n| owner(n, legacy))
        else {
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

/// Removes the temporary files of `name` alone whose process has ended (a
/// shared folder such as a sync folder holds other computers' files, whose
/// process ids mean nothing here).
pub fn remove_stale_temp_files_of(dir: &Path, name: &str) {
    let suffix = format!("-{name}");
    remove_stale_where(dir, false, |n| n.ends_with(&suffix))
}

/// Writes `bytes` to `path` with mode 0600 in one step: into this
/// process's temporary file beside it, synced to disk, then put in place
/// and the folder synced. A crash leaves the old file or the new one (at
/// worst also the temporary file, removed by the next gutlog), never half
/// a file. With `replace` it is renamed over whatever regular file is
/// there; without, it is linked into place, which never replaces anything,
/// even a file that appeared a moment ago (`AlreadyExists`). The caller
/// checks first what `path` is.
pub fn write_private(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the path has no file name",
        )
    })?;
    let tmp = path_for(dir, &name.to_string_lossy());
    let _ = fs::remove_file(&tmp);
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if replace {
            fs::rename(&tmp, path)?;
        } else {
            match fs::hard_link(&tmp, path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(e),
                // File systems without hard links (FAT on a USB stick):
                // rename, having checked that nothing is there.
                Err(_) if fs::symlink_metadata(path).is_err() => fs::rename(&tmp, path)?,
                Err(e) => return Err(e),
            }
        }
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    // After a link the temporary name is left over; after a failure, the
    // half-written file. Neither is kept.
    let _ = fs::remove_file(&tmp);
    result
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
