//! The optional profile (year of birth, sex) as a small form opened from
//! the red-flag questions, and which of those questions the screen asks.
//! Pure, like the other forms: actions in, a profile or a message out.
//! Nothing here is ever asked for: the form opens only on its key.

use super::action::Action;
use super::field::{edit_field, TextField};
use crate::content::{fill, tui_text};
use crate::domain::profile::{parse_birth_year, Profile, Sex};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileField {
    Year,
    Sex,
}

#[derive(Debug, Clone)]
pub struct ProfileForm {
    pub year: TextField,
    /// None: not given.
    pub sex: Option<Sex>,
    pub focus: ProfileField,
}

/// The choices of the sex field, in the order ←/→ go through them.
const SEX_CHOICES: [Option<Sex>; 3] = [None, Some(Sex::Female), Some(Sex::Male)];

impl ProfileForm {
    pub fn new(p: &Profile) -> ProfileForm {
        ProfileForm {
            year: TextField::new(&p.birth_year.map(|y| y.to_string()).unwrap_or_default()),
            sex: p.sex,
            focus: ProfileField::Year,
        }
    }

    pub fn handle(&mut self, action: &Action) {
        match (self.focus, action) {
            (_, Action::NextField | Action::PrevField) => {
                self.focus = match self.focus {
                    ProfileField::Year => ProfileField::Sex,
                    ProfileField::Sex => ProfileField::Year,
                }
            }
            (ProfileField::Sex, Action::Right | Action::Left) => {
                let i = SEX_CHOICES.iter().position(|c| *c == self.sex).unwrap_or(0);
                let n = SEX_CHOICES.len();
                let by = if *action == Action::Right { 1 } else { n - 1 };
                self.sex = SEX_CHOICES[(i + by) % n];
            }
            (ProfileField::Year, other) => {
                edit_field(&mut self.year, other);
            }
            _ => {}
        }
    }

    /// The profile to save (both fields empty: no profile), or what is
    /// wrong with the year.
    pub fn submit(&self, today: NaiveDate) -> Result<Profile, String> {
        let text = self.year.text().trim();
        let birth_year = if text.is_empty() {
            None
        } else {
            Some(parse_birth_year(text, today).map_err(|e| e.to_string())?)
        };
        Ok(Profile {
            birth_year,
            sex: self.sex,
        })
    }
}

/// "born 1970, female", or None for an empty profile.
pub fn describe(p: &Profile) -> Option<String> {
    let t = tui_text();
    let mut parts = Vec::new();
    if let Some(y) = p.birth_year {
        parts.push(fill(&t.profile_born, &[("year", &y.to_string())]));
    }
    if let Some(sex) = p.sex {
        parts.push(sex.as_str().to_string());
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// How the sex field shows a choice.
pub fn sex_label(sex: Option<Sex>) -> String {
    sex.map_or_else(
        || tui_text().profile_sex_none.clone(),
        |s| s.as_str().to_string(),
    )
}
