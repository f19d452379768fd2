//! Month calendars coloured by symptom severity, shared by the Journal
//! (worst symptom of each day) and Insights (the burden heatmap).

use super::theme::Theme;
use chrono::{Datelike, NaiveDate};
use ratatui::style::Style;
use ratatui::widgets::calendar::{CalendarEventStore, Monthly};

pub fn to_time_date(d: NaiveDate) -> Option<time::Date> {
    let month = time::Month::try_from(d.month() as u8).ok()?;
    time::Date::from_calendar_date(d.year(), month, d.day() as u8).ok()
}

/// The month of `shown`, each date of `levels` coloured by its severity
/// level and `mark` (when given) in reverse video.
pub fn severity_month(
    shown: NaiveDate,
    levels: impl IntoIterator<Item = (NaiveDate, u8)>,
    mark: Option<NaiveDate>,
    t: &Theme,
) -> Option<Monthly<'static, CalendarEventStore>> {
    let month = to_time_date(shown)?;
    let mut events = CalendarEventStore::default();
    for (d, level) in levels {
        if let Some(td) = to_time_date(d) {
            events.add(td, t.severity_bg(level));
        }
    }
    if let Some(m) = mark.and_then(to_time_date) {
        events.add(m, t.selected());
    }
    Some(
        Monthly::new(month, events)
            .show_month_header(t.heading())
            .show_weekdays_header(Style::new()),
    )
}
