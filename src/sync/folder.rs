//! The sync folder on disk: which files are whose, reading them safely,
//! writing this diary's own file atomically, and spotting a folder that a
//! file-sync tool carries.
//!
//! Each diary writes only `gutlog-sync-DEVICE.json`. It writes it to
//! `.gutlog-tmp-PID-gutlog-sync-DEVICE.json` first (private, synced to disk;
//! the one writer, `store::write_private`), then renames it into place, so a
//! reader never sees half a file from gutlog.

use crate::exchange::MAX_FILE_BYTES;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub const FILE_PREFIX: &str = "gutlog-sync-";
pub const FILE_SUFFIX: &str = ".json";

/// The name of a device's own file.
pub fn file_name(device: &str) -> String {
    format!("{FILE_PREFIX}{device}{FILE_SUFFIX}")
}

/// Whose a file in the folder is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// This diary's own file.
    Own,
    /// Another computer's file.
    Device(String),
    /// A copy made by the sync tool (`….sync-conflict-….json`, Dropbox's
    /// "conflicted copy") or any other `gutlog-sync-*.json`.
    Copy,
}

/// A gutlog file found in the sync folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    pub role: Role,
}

fn is_device_id(s: &str) -> bool {
    crate::exchange::versions::check_device(s).is_ok()
}

/// The gutlog files in `dir`, by name; hidden files (temporary files of
/// gutlog and of sync tools) are not read.
pub fn list(dir: &Path, device: &str) -> std::io::Result<Vec<Found>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') {
            continue;
        }
        let Some(middle) = name
            .strip_prefix(FILE_PREFIX)
            .and_then(|n| n.strip_suffix(FILE_SUFFIX))
        else {
            continue;
        };
        let role = if middle == device {
            Role::Own
        } else if is_device_id(middle) {
            Role::Device(middle.to_string())
        } else {
            Role::Copy
        };
        out.push(Found {
            path: entry.path(),
            role,
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Removes temporary files this diary left behind (a sync that was
/// killed), never another computer's, nor those of a sync still running.
pub fn remove_stale_temps(dir: &Path, device: &str) {
    crate::store::remove_stale_temp_files_of(dir, &file_name(device));
}

/// Reads a file of the folder as text: a regular file (links followed),
/// at most `MAX_FILE_BYTES`, UTF-8. The error says why, in words.
pub fn read(path: &Path) -> Result<String, String> {
    let f = fs::File::open(path).map_err(|e| format!("cannot be read ({e})"))?;
    let meta = f.metadata().map_err(|e| format!("cannot be read ({e})"))?;
    if !meta.is_file() {
        return Err("is not a regular file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "is larger than {} MB, more than a gutlog diary ever is",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read ({e})"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Writes `dir/name` in one step, over the old one (`crate::atomic`).
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    crate::store::write_private(&dir.join(name), bytes, true)
}

/// Files and folders that file-sync tools keep in the folders they carry:
/// Syncthing, Dropbox, Resilio Sync, Nextcloud and ownCloud, MEGA, Tresorit.
pub const SYNC_MARKERS: &[&str] = &[
    ".stfolder",
    ".stignore",
    ".stversions",
    ".dropbox",
    ".dropbox.cache",
    ".dropbox.attr",
    ".sync",
    ".nextcloudsync.log",
    ".owncloudsync.log",
    ".megaignore",
    ".tresorit",
];

fn is_marker(name: &str) -> bool {
    SYNC_MARKERS.contains(&name)
        // Nextcloud's and ownCloud's journals: .sync_HASH.db, ._sync_HASH.db
        || ((name.starts_with(".sync_") || name.starts_with("._sync_")) && name.ends_with(".db"))
}

/// The first folder, from `path`'s own folder up to the root, that holds a
/// file-sync tool's marker: that folder and the marker's name.
pub fn synced_marker(path: &Path) -> Option<(PathBuf, String)> {
    let abs = std::path::absolute(path).ok()?;
    let start = abs.parent()?;
    for dir in start.ancestors() {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            if let Some(name) = entry.file_name().to_str() {
                if is_marker(name) {
                    return Some((dir.to_path_buf(), name.to_string()));
                }
            }
        }
    }
    None
}

/// True when `path` (which may not exist yet) lies inside the folder `dir`,
/// links resolved.
pub fn is_inside(path: &Path, dir: &Path) -> bool {
    let Ok(dir) = fs::canonicalize(dir) else {
        return false;
    };
    let Ok(abs) = std::path::absolute(path) else {
        return false;
    };
    // The nearest part of the path that exists, resolved, and the rest.
    let mut rest = Vec::new();
    let mut at = abs.as_path();
    loop {
        if let Ok(real) = fs::canonicalize(at) {
            let full = rest.iter().rev().fold(real, |p: PathBuf, c| p.join(c));
            return full.starts_with(&dir);
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::temp_name;

    #[test]
    fn files_are_told_apart_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let me = "00112233aabbccdd";
        for name in [
            "gutlog-sync-00112233aabbccdd.json",
            "gutlog-sync-99887766aabbccdd.json",
            "gutlog-sync-00112233aabbccdd.sync-conflict-20261120-101010-ABCDEFG.json",
            "gutlog-sync-99887766aabbccdd (Bob's conflicted copy 2026-11-20).json",
            ".gutlog-sync-99887766aabbccdd.json.tmp-123",
            ".syncthing.gutlog-sync-99887766aabbccdd.json.tmp",
            "notes.txt",
            "gutlog-sync-00112233aabbccdd.json.part",
        ] {
            std::fs::write(dir.path().join(name), "{}").unwrap();
        }
        let found: Vec<(String, Role)> = list(dir.path(), me)
            .unwrap()
            .into_iter()
            .map(|f| {
                (
                    f.path.file_name().unwrap().to_string_lossy().into_owned(),
                    f.role,
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("gutlog-sync-00112233aabbccdd.json".into(), Role::Own),
                (
                    "gutlog-sync-00112233aabbccdd.sync-conflict-20261120-101010-ABCDEFG.json"
                        .into(),
                    Role::Copy
                ),
                (
                    "gutlog-sync-99887766aabbccdd (Bob's conflicted copy 2026-11-20).json".into(),
                    Role::Copy
                ),
                (
                    "gutlog-sync-99887766aabbccdd.json".into(),
                    Role::Device("99887766aabbccdd".into())
                ),
            ]
        );
    }

    #[test]
    fn only_this_diarys_dead_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let me = "00112233aabbccdd";
        let mine_dead = temp_name(&file_name(me), i32::MAX as u32);
        let mine_live = temp_name(&file_name(me), std::process::id());
        let other = temp_name(&file_name("99887766aabbccdd"), i32::MAX as u32);
        for n in [&mine_dead, &mine_live, &other] {
            std::fs::write(dir.path().join(n), "half").unwrap();
        }
        remove_stale_temps(dir.path(), me);
        assert!(!dir.path().join(&mine_dead).exists());
        assert!(dir.path().join(&mine_live).exists());
        assert!(dir.path().join(&other).exists());
    }
}
