//! The error for input a person typed or a file they gave us.

/// Bad input: what was wrong and how to fix it. The CLI maps it to exit 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

impl InputError {
    pub fn new(msg: impl Into<String>) -> Self {
        InputError(msg.into())
    }

    /// The same error, naming the field or option it came from:
    /// `--at '25:00' …`, or `at: …` when the message does not start with
    /// the value.
    pub fn in_field(self, field: &str) -> Self {
        if self.0.starts_with('\'') {
            InputError(format!("{field} {}", self.0))
        } else {
            InputError(format!("{field}: {}", self.0))
        }
    }
}

pub type InputResult<T> = Result<T, InputError>;
