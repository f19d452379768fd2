//! Store errors: the ones callers branch on are their own variants.

use super::inspect::Refusal;
use crate::domain::InputError;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data given was invalid (bad input, a bad import file).
    #[error("{0}")]
    Input(#[from] InputError),
    /// No record has this id.
    #[error("no entry has the id '{0}'; `gutlog day DATE` lists ids")]
    NotFound(String),
    /// The database was written by a newer gutlog.
    #[error(
        "{path} uses database schema version {found}, newer than this gutlog understands \
         (version {supported}); install a newer gutlog. The file was not changed."
    )]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },
    /// The file is not a gutlog diary.
    #[error("{0}")]
    NotADiary(String),
    #[error("{0}")]
    Other(String),
    #[error("{}", describe_sqlite(.0))]
    Sqlite(#[from] rusqlite::Error),
}

const DAMAGED_HELP: &str = "nothing was changed; run `gutlog check` to see what is wrong, and \
                            restore a backup with `gutlog restore FILE` (daily backups are in \
                            backups/ beside the diary)";

/// SQLite's errors in words a person can act on.
pub(crate) fn describe_sqlite(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt) => format!("the diary file is damaged ({e}); {DAMAGED_HELP}"),
        Some(ErrorCode::NotADatabase) => format!("the diary file is not an SQLite database ({e})"),
        Some(ErrorCode::DiskFull) => {
            format!("the disk is full ({e}); free some space and try again; nothing was saved")
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => format!(
            "another gutlog kept the diary locked for more than {} seconds ({e}); nothing was \
             saved; try again",
            super::WAIT_LIMIT.as_secs()
        ),
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => format!(
            "cannot write the diary ({e}); check the file's and folder's permissions"
        ),
        Some(ErrorCode::SystemIoFailure) => format!(
            "the diary could not be written ({e}); the disk may be full or failing; nothing was saved"
        ),
        _ => format!("database error: {e}"),
    }
}

impl StoreError {
    /// SQLite found the diary file damaged (a malformed page).
    pub fn is_damage(&self) -> bool {
        matches!(self, StoreError::Sqlite(e)
            if matches!(e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)))
    }

    /// A file refused before anything was written to it.
    pub(crate) fn refused(path: &Path, why: Refusal) -> StoreError {
        let p = path.display();
        match why {
            Refusal::Newer(found) => StoreError::NewerSchema {
                path: p.to_string(),
                found,
                supported: super::LATEST_VERSION,
            },
            Refusal::NotSqlite(_) | Refusal::Foreign(_) => StoreError::NotADiary(format!(
                "{p} is not a gutlog diary: {why}; nothing was changed; check the path given \
                 with --db or GUTLOG_DB"
            )),
            Refusal::Altered { .. } | Refusal::Damaged(_) => {
                StoreError::NotADiary(format!("{p} cannot be used: {why}; {DAMAGED_HELP}"))
            }
            Refusal::Unreadable(_) => StoreError::Other(format!("cannot read {p}: {why}")),
        }
    }

    pub(crate) fn open(path: &Path, e: rusqlite::Error) -> StoreError {
        StoreError::NotADiary(format!(
            "cannot open {}: {}",
            path.display(),
            describe_sqlite(&e)
        ))
    }

    /// The message, ending with how to check and restore the diary unless
    /// it says so already (for a diary that opened but cannot be read).
    pub fn with_recovery_hint(&self) -> String {
        let msg = self.to_string();
        if msg.contains("gutlog check") {
            msg
        } else {
            format!("{msg}; {DAMAGED_HELP}")
        }
    }

    /// True when the error is the user's input, not the machine's fault.
    pub fn is_bad_input(&self) -> bool {
        matches!(self, StoreError::Input(_) | StoreError::NotFound(_))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
