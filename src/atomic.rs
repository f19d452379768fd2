//! Writing a file that only its owner can read, in one step: a private
//! temporary file `.NAME.tmp-PID` beside it, written and synced to disk,
//! then put in place, then the folder synced. A crash leaves the old file
//! or the new one (at worst also the temporary file), never half a file.
//! Used by `export --out` and by `gutlog sync` for the diary's own file.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// How the new file takes its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Linked into place: never replaces anything, even a file that
    /// appeared a moment ago (fails with `AlreadyExists`).
    New,
    /// Renamed over whatever regular file is there.
    Replace,
}

/// The temporary name a file named `name` is written under by process `pid`.
pub fn temp_name(name: &str, pid: u32) -> String {
    format!("{}{pid}", temp_prefix(name))
}

/// What every temporary name of a file named `name` starts with.
pub fn temp_prefix(name: &str) -> String {
    format!(".{name}.tmp-")
}

/// Writes `bytes` to `path` (mode 0600) in one step; see the module.
pub fn write_private(path: &Path, bytes: &[u8], place: Place) -> std::io::Result<()> {
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
    let tmp = dir.join(temp_name(&name.to_string_lossy(), std::process::id()));
    let _ = fs::remove_file(&tmp);
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        match place {
            Place::New => fs::hard_link(&tmp, path)?,
            Place::Replace => fs::rename(&tmp, path)?,
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
