//! When breakfast, lunch and dinner are, so a meal logged without a slot
//! gets the right one. Outside the three windows a meal is a snack.
//!
//! The defaults live here (`MealTimes::DEFAULT`); a config file may move
//! them (`[meal_times]`), and `Slot::for_time` uses the defaults.

use super::error::{InputError, InputResult};
use super::Slot;
use chrono::{NaiveTime, Timelike};

const MINUTES_PER_DAY: u16 = 24 * 60;

/// A daily window `start..end` in minutes after midnight; `end` is not
/// included. A window whose end is before its start runs past midnight
/// (e.g. `21:00-01:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeWindow {
    start: u16,
    end: u16,
}

impl TimeWindow {
    const fn hm(start: (u16, u16), end: (u16, u16)) -> TimeWindow {
        TimeWindow {
            start: start.0 * 60 + start.1,
            end: end.0 * 60 + end.1,
        }
    }

    /// True when `minute` (after midnight) falls inside the window.
    fn contains(self, minute: u16) -> bool {
        if self.start <= self.end {
            (self.start..self.end).contains(&minute)
        } else {
            minute >= self.start || minute < self.end
        }
    }

    /// Parses `HH:MM-HH:MM` (spaces around the dash are fine).
    pub fn parse(s: &str) -> InputResult<TimeWindow> {
        let bad = || {
            InputError::new(format!(
                "'{s}' is not a time window; write it as \"HH:MM-HH:MM\", e.g. \"07:00-10:30\""
            ))
        };
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let time = |t: &str| -> InputResult<u16> {
            let t = NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| bad())?;
            Ok((t.hour() * 60 + t.minute()) as u16)
        };
        let (start, end) = (time(a)?, time(b)?);
        if start == end {
            return Err(InputError::new(format!(
                "'{s}' starts and ends at the same time; give a window such as \"07:00-10:30\""
            )));
        }
        Ok(TimeWindow { start, end })
    }

    /// True when `t` falls inside the window.
    pub fn contains_time(self, t: NaiveTime) -> bool {
        self.contains((t.hour() * 60 + t.minute()) as u16)
    }

    /// The middle of the window (after midnight for one that runs past it).
    pub fn middle(self) -> NaiveTime {
        let len = (self.end + MINUTES_PER_DAY - self.start) % MINUTES_PER_DAY;
        let m = (self.start + len / 2) % MINUTES_PER_DAY;
        NaiveTime::from_hms_opt(u32::from(m / 60), u32::from(m % 60), 0).expect("a time of day")
    }

    fn minutes(self) -> impl Iterator<Item = u16> {
        (0..MINUTES_PER_DAY).filter(move |m| self.contains(*m))
    }
}

impl std::fmt::Display for TimeWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60
        )
    }
}

/// The three meal windows. They may not overlap; gaps between them are
/// snack time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MealTimes {
    pub breakfast: TimeWindow,
    pub lunch: TimeWindow,
    pub dinner: TimeWindow,
}

impl Default for MealTimes {
    fn default() -> Self {
        MealTimes::DEFAULT
    }
}

impl MealTimes {
    /// Breakfast 04:00–10:30, lunch 10:30–15:00, dinner 17:00–22:00; a snack
    /// at any other time.
    pub const DEFAULT: MealTimes = MealTimes {
        breakfast: TimeWindow::hm((4, 0), (10, 30)),
        lunch: TimeWindow::hm((10, 30), (15, 0)),
        dinner: TimeWindow::hm((17, 0), (22, 0)),
    };

    /// The slots with windows, in the order of the day.
    pub const SLOTS: [Slot; 3] = [Slot::Breakfast, Slot::Lunch, Slot::Dinner];

    pub fn window(&self, slot: Slot) -> Option<TimeWindow> {
        match slot {
            Slot::Breakfast => Some(self.breakfast),
            Slot::Lunch => Some(self.lunch),
            Slot::Dinner => Some(self.dinner),
            Slot::Snack | Slot::Drink => None,
        }
    }

    /// Three windows, refused when two of them overlap.
    pub fn new(
        breakfast: TimeWindow,
        lunch: TimeWindow,
        dinner: TimeWindow,
    ) -> Result<MealTimes, (Slot, Slot, InputError)> {
        let t = MealTimes {
            breakfast,
            lunch,
            dinner,
        };
        for (i, a) in MealTimes::SLOTS.into_iter().enumerate() {
            for b in MealTimes::SLOTS.into_iter().skip(i + 1) {
                let (wa, wb) = (t.window_of(a), t.window_of(b));
                if let Some(m) = wa.minutes().find(|m| wb.contains(*m)) {
                    let msg = format!(
                        "{} {wa} overlaps {} {wb} (both include {:02}:{:02}); \
                         let one end where the next starts, e.g. 10:30",
                        a.as_str(),
                        b.as_str(),
                        m / 60,
                        m % 60
                    );
                    return Err((a, b, InputError::new(msg)));
                }
            }
        }
        Ok(t)
    }

    fn window_of(&self, slot: Slot) -> TimeWindow {
        self.window(slot).expect("meal slots have windows")
    }

    /// The slot of a meal eaten at `t`.
    pub fn slot_for(&self, t: NaiveTime) -> Slot {
        let minute = (t.hour() * 60 + t.minute()) as u16;
        MealTimes::SLOTS
            .into_iter()
            .find(|s| self.window(*s).is_some_and(|w| w.contains(minute)))
            .unwrap_or(Slot::Snack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn default_windows_give_the_documented_slots() {
        let d = MealTimes::DEFAULT;
        for (h, m, slot) in [
            (0, 0, Slot::Snack),
            (3, 59, Slot::Snack),
            (4, 0, Slot::Breakfast),
            (10, 29, Slot::Breakfast),
            (10, 30, Slot::Lunch),
            (14, 59, Slot::Lunch),
            (15, 0, Slot::Snack),
            (16, 59, Slot::Snack),
            (17, 0, Slot::Dinner),
            (21, 59, Slot::Dinner),
            (22, 0, Slot::Snack),
            (23, 59, Slot::Snack),
        ] {
            assert_eq!(d.slot_for(at(h, m)), slot, "{h:02}:{m:02}");
        }
    }

    #[test]
    fn a_window_may_run_past_midnight() {
        let late = TimeWindow::parse("19:00 - 01:00").unwrap();
        let d = MealTimes::DEFAULT;
        let t = MealTimes::new(d.breakfast, d.lunch, late).expect("no overlap");
        assert_eq!(t.slot_for(at(0, 30)), Slot::Dinner);
        assert_eq!(t.slot_for(at(1, 0)), Slot::Snack);
        assert_eq!(late.to_string(), "19:00-01:00");
    }

    #[test]
    fn a_window_knows_its_times_and_its_middle() {
        let w = TimeWindow::parse("06:00-07:30").unwrap();
        assert!(w.contains_time(at(6, 0)) && w.contains_time(at(7, 29)));
        assert!(!w.contains_time(at(7, 30)) && !w.contains_time(at(5, 59)));
        assert_eq!(w.middle(), at(6, 45));
        assert_eq!(TimeWindow::parse("22:00-02:00").unwrap().middle(), at(0, 0));
    }

    #[test]
    fn overlapping_or_malformed_windows_are_refused() {
        let d = MealTimes::DEFAULT;
        let lunch = TimeWindow::parse("10:00-14:00").unwrap();
        let (a, b, e) = MealTimes::new(d.breakfast, lunch, d.dinner).unwrap_err();
        assert_eq!((a, b), (Slot::Breakfast, Slot::Lunch));
        assert!(
            e.0.contains("breakfast 04:00-10:30 overlaps lunch 10:00-14:00"),
            "{e}"
        );
        let late = TimeWindow::parse("16:00-05:00").unwrap();
        let (a, b, _) = MealTimes::new(d.breakfast, d.lunch, late).unwrap_err();
        assert_eq!((a, b), (Slot::Breakfast, Slot::Dinner));
        for bad in ["7-10", "07:00", "25:00-26:00", "07:00-07:00", "breakfast"] {
            assert!(TimeWindow::parse(bad).is_err(), "{bad}");
        }
    }
}
