//! Month calendars coloured by symptom severity, shared by the Journal
//! (worst symptom of each day) and Insights (the burden heatmap). Each
//! row is a calendar week starting on the settings' `first_day_of_week`
//! (ratatui's own calendar always starts on Sunday), laid out like it:
//! the month and year, the day names, then one line a week.

use super::theme::Theme;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use std::collections::BTreeMap;

/// One month, its weeks starting on `week_start`.
pub struct Month {
    first: NaiveDate,
    week_start: Weekday,
    styles: BTreeMap<NaiveDate, Style>,
    heading: Style,
    block: Option<Block<'static>>,
}

/// The month of `shown`, each date of `levels` coloured by its severity
/// level and `mark` (when given) in reverse video.
pub fn severity_month(
    shown: NaiveDate,
    levels: impl IntoIterator<Item = (NaiveDate, u8)>,
    mark: Option<NaiveDate>,
    week_start: Weekday,
    t: &Theme,
) -> Month {
    let mut styles: BTreeMap<NaiveDate, Style> = levels
        .into_iter()
        .map(|(d, level)| (d, t.severity_bg(level)))
        .collect();
    if let Some(m) = mark {
        styles.insert(m, t.selected());
    }
    Month {
        first: shown.with_day(1).expect("day 1 exists"),
        week_start,
        styles,
        heading: t.heading(),
        block: None,
    }
}

impl Month {
    pub fn block(mut self, block: Block<'static>) -> Month {
        self.block = Some(block);
        self
    }

    /// "Mo Tu We …" from the first day of the week.
    fn day_names(&self) -> String {
        (0..7)
            .map(|i| {
                let day = NaiveDate::from_isoywd_opt(2024, 1, self.week_start)
                    .expect("a valid week day")
                    + Duration::days(i);
                let name = day.format("%a").to_string();
                format!(" {}", name.chars().take(2).collect::<String>())
            })
            .collect()
    }
}

impl Widget for Month {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = match &self.block {
            Some(b) => {
                let inner = b.inner(area);
                b.clone().render(area, buf);
                inner
            }
            None => area,
        };
        let mut y = inner.y;
        let mut line = |l: Line, buf: &mut Buffer| {
            if y < inner.bottom() {
                l.render(
                    Rect {
                        y,
                        height: 1,
                        ..inner
                    },
                    buf,
                );
                y += 1;
            }
        };
        line(
            Line::styled(self.first.format("%B %Y").to_string(), self.heading)
                .alignment(Alignment::Center),
            buf,
        );
        line(Line::raw(self.day_names()), buf);
        let back = (self.first.weekday().num_days_from_monday() + 7
            - self.week_start.num_days_from_monday())
            % 7;
        let mut day = self.first - Duration::days(back as i64);
        while day.year() < self.first.year()
            || (day.year() == self.first.year() && day.month() <= self.first.month())
        {
            let mut spans = Vec::with_capacity(14);
            for _ in 0..7 {
                spans.push(Span::raw(" "));
                spans.push(if day.month() == self.first.month() {
                    let style = self.styles.get(&day).copied().unwrap_or_default();
                    Span::styled(format!("{:2}", day.day()), style)
                } else {
                    Span::raw("  ")
                });
                day += Duration::days(1);
            }
            line(Line::from(spans), buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(week_start: Weekday) -> Vec<String> {
        let nov = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let t = Theme { color: false };
        let month = severity_month(nov, [], None, week_start, &t);
        let mut buf = Buffer::empty(Rect::new(0, 0, 21, 8));
        month.render(buf.area, &mut buf);
        (0..8)
            .map(|y| {
                (0..21)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn weeks_start_on_the_first_day_of_the_week() {
        // 1 November 2026 is a Sunday.
        let monday = rows(Weekday::Mon);
        assert_eq!(monday[0].trim(), "November 2026");
        assert_eq!(monday[1], " Mo Tu We Th Fr Sa Su");
        assert_eq!(monday[2], "                    1");
        assert_eq!(monday[3], "  2  3  4  5  6  7  8");
        assert_eq!(monday[7], " 30");
        let sunday = rows(Weekday::Sun);
        assert_eq!(sunday[1], " Su Mo Tu We Th Fr Sa");
        assert_eq!(sunday[2], "  1  2  3  4  5  6  7");
        assert_eq!(sunday[6], " 29 30");
        assert_eq!(sunday[7], "");
    }
}
