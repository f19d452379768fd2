//! The optional profile (year of birth and sex) and which red-flag
//! questions it makes relevant. Nothing here is required: with no profile,
//! every question is asked, each worded so it says whom it is for.

use super::error::{InputError, InputResult};
use super::names::{normalize_key, unknown};
use crate::content::{self, RedFlagInfo};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Earliest year of birth accepted.
pub const MIN_BIRTH_YEAR: i32 = 1900;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Female,
    Male,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Female, Sex::Male];

    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }

    /// "female", "F", "woman"… → Female.
    pub fn parse(s: &str) -> InputResult<Sex> {
        match normalize_key(s).as_str() {
            "female" | "f" | "woman" => Ok(Sex::Female),
            "male" | "m" | "man" => Ok(Sex::Male),
            _ => Err(unknown("sex", s, &Sex::ALL.map(Sex::as_str))),
        }
    }
}

/// What the diary knows about its owner; every field optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub birth_year: Option<i32>,
    pub sex: Option<Sex>,
}

impl Profile {
    pub fn is_empty(&self) -> bool {
        self.birth_year.is_none() && self.sex.is_none()
    }

    /// The age reached during `on`'s year: at most one year more than the
    /// exact age, so age-based questions start a little early, never late.
    pub fn age_in_year_of(&self, on: NaiveDate) -> Option<i32> {
        self.birth_year.map(|y| on.year() - y)
    }
}

/// Checks a year of birth against `today`: a four-digit year, not in the
/// future, not before 1900.
pub fn check_birth_year(year: i64, today: NaiveDate) -> InputResult<i32> {
    let this_year = today.year() as i64;
    if (MIN_BIRTH_YEAR as i64..=this_year).contains(&year) {
        Ok(year as i32)
    } else {
        Err(InputError::new(format!(
            "year of birth {year} is out of range; use a year from {MIN_BIRTH_YEAR} to {this_year}, e.g. 1970"
        )))
    }
}

/// Parses a year of birth someone typed.
pub fn parse_birth_year(s: &str, today: NaiveDate) -> InputResult<i32> {
    let n: i64 = s.trim().parse().map_err(|_| {
        InputError::new(format!(
            "year of birth '{}' is not a year; type four digits, e.g. 1970",
            s.trim()
        ))
    })?;
    check_birth_year(n, today)
}

impl RedFlagInfo {
    /// Should this question be asked of someone with `profile` on `on`?
    /// Unknown age or sex never excludes a question.
    pub fn applies_to(&self, profile: &Profile, on: NaiveDate) -> bool {
        let age_ok = match (self.ask.min_age, profile.age_in_year_of(on)) {
            (Some(min), Some(age)) => age >= min as i32,
            _ => true,
        };
        let sex_ok = match (&self.ask.sex, profile.sex) {
            (Some(want), Some(sex)) => want == sex.as_str(),
            _ => true,
        };
        age_ok && sex_ok
    }
}

/// The red-flag questions to ask this person, in content order. With an
/// empty profile this is every question.
pub fn relevant_red_flags(profile: &Profile, on: NaiveDate) -> Vec<&'static RedFlagInfo> {
    content::red_flags()
        .flags
        .iter()
        .filter(|f| f.applies_to(profile, on))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, 6, 1).unwrap()
    }

    #[test]
    fn unknown_profile_asks_everything() {
        let all = content::red_flags().flags.len();
        assert_eq!(relevant_red_flags(&Profile::default(), d(2026)).len(), all);
    }

    #[test]
    fn age_and_sex_filter_only_their_own_questions() {
        let ids = |p: Profile| -> Vec<&str> {
            relevant_red_flags(&p, d(2026))
                .iter()
                .map(|f| f.id.as_str())
                .collect()
        };
        let young_man = Profile {
            birth_year: Some(1996),
            sex: Some(Sex::Male),
        };
        let older_woman = Profile {
            birth_year: Some(1960),
            sex: Some(Sex::Female),
        };
        assert!(!ids(young_man).contains(&"bowel_change_over_60"));
        assert!(!ids(young_man).contains(&"ovarian_symptoms"));
        assert!(ids(young_man).contains(&"blood_in_stool"));
        assert!(ids(older_woman).contains(&"bowel_change_over_60"));
        assert!(ids(older_woman).contains(&"ovarian_symptoms"));
        // Sex alone: the age question stays, the ovarian one goes for men.
        let man = Profile {
            birth_year: None,
            sex: Some(Sex::Male),
        };
        assert!(ids(man).contains(&"bowel_change_over_60"));
        assert!(!ids(man).contains(&"ovarian_symptoms"));
    }

    #[test]
    fn birth_year_is_checked_against_today() {
        assert_eq!(parse_birth_year(" 1970 ", d(2026)), Ok(1970));
        assert!(parse_birth_year("2027", d(2026)).is_err());
        assert!(parse_birth_year("1899", d(2026)).is_err());
        assert!(parse_birth_year("seventy", d(2026))
            .unwrap_err()
            .0
            .contains("e.g. 1970"));
        assert_eq!(Sex::parse("F"), Ok(Sex::Female));
        assert!(Sex::parse("x").unwrap_err().0.contains("female, male"));
    }
}
