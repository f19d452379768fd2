//! The error for input a person typed or a file they gave us.

/// Bad input: what was wrong and how to fix it. The CLI maps it to exit 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

impl InputError {
    pub fn new(msg: impl Into<String>) -> Self {
        InputError(msg.into())
    }
}

pub type InputResult<T> = Result<T, InputError>;
