//! Writes the check-in screen needs beyond single records: several
//! symptom ratings at once, taking a change back (undo), a meal edited
//! together with the tags it taught, and symptoms of one's own removed.

use super::error::StoreResult;
use super::meals::{remember_food_tags, update_meal_row};
use super::records::{insert_symptom, replace_day_rating};
use super::versions::stamp;
use super::Store;
use crate::domain::{Meal, SymptomRating};
use crate::exchange::Kind;
use chrono::NaiveDateTime;
use rusqlite::params;

impl Store {
    /// Sets several symptoms' ratings for their days in one transaction;
    /// returns the ratings they replaced.
    pub fn set_symptoms_for_day(
        &mut self,
        ratings: &[SymptomRating],
        now: NaiveDateTime,
    ) -> StoreResult<Vec<SymptomRating>> {
        self.write(|tx| {
            let mut old = Vec::new();
            for r in ratings {
                old.extend(replace_day_rating(tx, r, now)?);
            }
            Ok(old)
        })
    }

    /// Takes back `set_symptoms_for_day`: removes the ratings it made and
    /// puts back the ones it replaced, in one transaction, changed at
    /// `now` (so a sync carries the undo too).
    pub fn revert_symptoms(
        &mut self,
        remove: &[String],
        restore: &[SymptomRating],
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            for id in remove {
                if tx.execute("DELETE FROM symptom_ratings WHERE id = ?1", [id])? > 0 {
                    stamp(tx, Kind::Symptoms, id, now, true)?;
                }
            }
            for r in restore {
                insert_symptom(tx, r, true)?;
                stamp(tx, Kind::Symptoms, &r.id, now, false)?;
            }
            Ok(())
        })
    }

    /// Replaces a meal and remembers the tags its edit taught for foods the
    /// dictionary does not know, in one transaction.
    pub fn update_meal_remembering(
        &mut self,
        meal: &Meal,
        remember: &[(String, Vec<String>)],
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            update_meal_row(tx, meal, now)?;
            remember_food_tags(tx, remember, now)
        })
    }

    /// Stops tracking a symptom of one's own that has no ratings left;
    /// true if it was removed.
    pub fn remove_custom_symptom(&mut self, id: &str) -> StoreResult<bool> {
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM custom_symptoms WHERE id = ?1
                 AND NOT EXISTS (SELECT 1 FROM symptom_ratings WHERE symptom = ?1)",
                params![id],
            )? > 0)
        })
    }

    /// One meal by id, if it is there.
    pub fn meal(&self, id: &str) -> StoreResult<Option<Meal>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {} FROM meals WHERE id = ?1",
                    super::meals::MEAL_COLUMNS
                ),
                [id],
                super::meals::meal_from_row,
            )
            .optional()?)
    }
}
