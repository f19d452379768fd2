//! What Today and Insights say besides the records: the diary's own "see a
//! doctor" notes (`analysis::doctor`: bloating on many days, a lasting
//! change in stools) and the reminder that yesterday has nothing logged.
//! Both are worked out on the effects side of the loop when the date, the
//! diary or the profile changes, never while drawing; the profile is read
//! with them, since the notes and the red-flag questions depend on it.

use crate::analysis::doctor::DoctorNote;
use chrono::NaiveDate;

#[derive(Debug, Clone, Default)]
pub struct NotesUi {
    /// The edited date and today they were worked out for.
    pub for_dates: Option<(NaiveDate, NaiveDate)>,
    /// The diary's see-a-doctor notes as of the edited date.
    pub doctor: Vec<DoctorNote>,
    /// Yesterday, while the screen shows today, when nothing is logged on
    /// it and the diary was kept before it (so never on a first run).
    pub empty_yesterday: Option<NaiveDate>,
    /// The empty yesterday whose reminder was hidden (for this session).
    pub hidden: Option<NaiveDate>,
}

impl NotesUi {
    /// The empty yesterday to remind of, unless its reminder was hidden.
    pub fn yesterday_reminder(&self) -> Option<NaiveDate> {
        self.empty_yesterday.filter(|d| self.hidden != Some(*d))
    }
}
