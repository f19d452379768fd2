//! What Today and Insights say besides the records: the diary's own "see a
//! doctor" notes (`analysis::doctor`: bloating on many days, a lasting
//! change in stools) and the reminder that yesterday has nothing logged.
//! Both are worked out on the effects side of the loop when the date, the
//! diary or the profile changes, never while drawing; the profile is read
//! with them, since the notes and the red-flag questions depend on it.

use super::app::App;
use crate::analysis::doctor::{doctor_notes, notes_start, DoctorNote};
use crate::store::StoreResult;
use chrono::{Duration, NaiveDate};

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

impl App {
    /// Works the notes out again when the diary changed or the dates did.
    pub(super) fn reload_notes(&mut self) -> StoreResult<()> {
        let s = &mut self.state;
        let today = s.clock.today();
        let dates = (s.date, today);
        if !self.notes_stale && s.notes.for_dates == Some(dates) {
            return Ok(());
        }
        s.profile = self.store.profile()?;
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight exists");
        let (from, to) = (
            midnight(notes_start(s.date)),
            midnight(s.date + Duration::days(1)),
        );
        s.notes.doctor = doctor_notes(
            &self.store.symptoms_between(from, to)?,
            &self.store.stools_between(from, to)?,
            s.date,
            &s.profile,
        );
        let yesterday = today - Duration::days(1);
        s.notes.empty_yesterday = if s.date == today && !self.store.has_entries_on(yesterday)? {
            let kept_before = self
                .store
                .date_span()?
                .is_some_and(|(first, _)| first < yesterday);
            kept_before.then_some(yesterday)
        } else {
            None
        };
        s.notes.for_dates = Some(dates);
        self.notes_stale = false;
        Ok(())
    }
}
