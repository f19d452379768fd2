//! Store errors: the ones callers branch on are their own variants.

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
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    pub(crate) fn open(path: &Path, e: rusqlite::Error) -> StoreError {
        StoreError::NotADiary(format!(
            "cannot open {} as a gutlog diary: {e}",
            path.display()
        ))
    }

    /// True when the error is the user's input, not the machine's fault.
    pub fn is_bad_input(&self) -> bool {
        matches!(self, StoreError::Input(_) | StoreError::NotFound(_))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
