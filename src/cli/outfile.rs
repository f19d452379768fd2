//! Files gutlog writes where the person points `--out` (the printable
//! report, the CSV tables): readable by the owner alone, written whole or
//! not at all, and never over an existing file unless `--force` says so —
//! and even then only over a regular file, never through a symbolic link
//! or into a device, FIFO or directory.

use crate::domain::InputError;
use std::fs;
use std::os::unix::fs::DirBuilderExt;
use std::path::Path;

/// Checks, before any work is done, that `path` may be written: absent, or
/// (with `force`) a regular file. A symbolic link (even a dangling one) is
/// never followed or replaced, nor is a directory, FIFO, device or socket.
pub fn check_target(path: &Path, force: bool) -> Result<(), InputError> {
    use std::os::unix::fs::FileTypeExt;
    if path.file_name().is_none() {
        return Err(InputError::new(format!(
            "--out {} is not a file name; give a file, e.g. report.html",
            path.display()
        )));
    }
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(InputError::new(format!(
                "cannot check {}: {e}",
                path.display()
            )))
        }
    };
    let t = meta.file_type();
    let what = if t.is_file() {
        return if force {
            Ok(())
        } else {
            Err(InputError::new(format!(
                "{} already exists; choose another name, or add --force to replace it",
                path.display()
            )))
        };
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "something else"
    };
    Err(InputError::new(format!(
        "{} is {what}, not a regular file; gutlog replaces only regular files, even with \
         --force, and never writes through links: choose another name, or use --out - for \
         standard output",
        path.display()
    )))
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes `bytes` to `path` with mode 0600: into a private temporary file
/// beside it, synced, then linked into place (which never replaces a file)
/// or, with `force`, renamed over the regular file that is there.
pub fn write_private(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    check_target(path, force)?;
    // One recognisable temporary name: a later gutlog removes it if this
    // process is killed before it is done.
    crate::store::remove_stale_temp_files(parent(path));
    let replace = force && path.exists();
    crate::store::write_private(path, bytes, replace)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
}

/// An output folder must be absent (it will be made) or a real folder,
/// not a link to one.
pub fn check_dir(dir: &Path) -> Result<(), InputError> {
    match fs::symlink_metadata(dir) {
        Err(_) => Ok(()),
        Ok(m) if m.file_type().is_symlink() => Err(InputError::new(format!(
            "{} is a symbolic link; give the folder itself",
            dir.display()
        ))),
        Ok(m) if !m.is_dir() => Err(InputError::new(format!(
            "{} exists and is not a folder; give a new or empty folder",
            dir.display()
        ))),
        Ok(_) => Ok(()),
    }
}

/// Makes `dir` (and missing parents) readable by the owner alone, unless
/// it exists.
pub fn create_dir(dir: &Path) -> anyhow::Result<()> {
    if fs::symlink_metadata(dir).is_err() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    }
    Ok(())
}
