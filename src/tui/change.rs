//! What a change did, as the effects side reports it: the effects that
//! take it back, the record it names, and whether it was saved, updated
//! or deleted. Shared by `effects` and `experiment_effects`.

use super::action::Effect;

/// What a change did, how to take it back, and how to say so.
pub(super) struct Change {
    pub(super) undo: Vec<Effect>,
    pub(super) what: String,
    pub(super) verb: Verb,
}

pub(super) enum Verb {
    Saved,
    Updated,
    Deleted,
}
