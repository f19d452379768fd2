//! `gutlog log …`: one entry per command, validated before the diary is touched.

use super::{open_store, render, AtArg};
use crate::content;
use crate::domain::food::{meal_tags, parse_tag, split_foods, tags_to_remember};
use crate::domain::time::{parse_date, parse_when};
use crate::domain::{
    check_movement, check_scale, check_sleep, check_text, check_water, clean_name, new_id,
    new_symptom_id, parse_red_flag, parse_symptom, Bristol, CheckIn, Clock, InputError, Intake,
    IntakeKind, Meal, RedFlagEntry, Severity, Slot, Stool, SymptomRating,
};
use clap::Subcommand;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// A meal or drink: FOODS comma-separated, e.g. "oats, banana, coffee"
    Meal {
        /// Foods, comma-separated
        foods: String,
        #[command(flatten)]
        at: AtArg,
        /// breakfast, lunch, dinner, snack or drink [default: from the time]
        #[arg(long)]
        slot: Option<String>,
        /// Add a tag (repeatable); remembered for foods gutlog does not know
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Remove a tag the foods would give (repeatable)
        #[arg(long = "no-tag", value_name = "TAG")]
        no_tags: Vec<String>,
        /// A note
        #[arg(long)]
        note: Option<String>,
    },
    /// A symptom with a severity 0–3 (none, mild, moderate, severe)
    Symptom {
        /// Symptom, e.g. bloating, "brain fog", heartburn
        name: String,
        /// 0 none, 1 mild, 2 moderate, 3 severe (or the word)
        #[arg(allow_hyphen_values = true)]
        severity: String,
        #[command(flatten)]
        at: AtArg,
        /// A note
        #[arg(long)]
        note: Option<String>,
        /// Start tracking NAME as a symptom of your own
        #[arg(long)]
        new: bool,
    },
    /// A stool, by Bristol type 1–7
    Stool {
        /// Bristol type: 1 hard lumps … 4 smooth sausage … 7 watery
        #[arg(allow_hyphen_values = true)]
        bristol: String,
        #[command(flatten)]
        at: AtArg,
    },
    /// The daily check-in; values merge into what the date already has
    Checkin {
        /// The date [default: today]
        #[arg(long)]
        date: Option<String>,
        /// Mood 1–5
        #[arg(long, allow_hyphen_values = true)]
        mood: Option<String>,
        /// Energy 1–5
        #[arg(long, allow_hyphen_values = true)]
        energy: Option<String>,
        /// Stress 1–5
        #[arg(long, allow_hyphen_values = true)]
        stress: Option<String>,
        /// Hours slept last night, 0–24 in half hours
        #[arg(long, allow_hyphen_values = true)]
        sleep: Option<String>,
        /// Glasses of water
        #[arg(long, allow_hyphen_values = true)]
        water: Option<String>,
        /// Minutes of movement
        #[arg(long, allow_hyphen_values = true)]
        movement: Option<String>,
        /// A note about the day
        #[arg(long)]
        note: Option<String>,
    },
    /// A medicine or supplement taken
    Intake {
        /// Name, e.g. ibuprofen, probiotic, l-glutamine
        name: String,
        /// nsaid, antibiotic, antacid, probiotic, supplement, enzyme or other [default: guessed from the name, else other]
        #[arg(long)]
        kind: Option<String>,
        #[command(flatten)]
        at: AtArg,
    },
    /// A red-flag symptom that needs a doctor (prints the guidance)
    Flag {
        /// blood_in_stool, weight_loss, night_symptoms, persistent_vomiting, difficulty_swallowing or fever
        name: String,
        /// The date [default: today]
        #[arg(long)]
        date: Option<String>,
        /// Untick the flag instead
        #[arg(long)]
        clear: bool,
    },
}

fn when(at: &AtArg, clock: &Clock) -> Result<chrono::NaiveDateTime, InputError> {
    match &at.at {
        Some(s) => parse_when(s, clock).map_err(|e| e.in_field("--at")),
        None => Ok(clock.now()),
    }
}

fn int_arg(name: &str, s: &str) -> Result<i64, InputError> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| InputError::new(format!("{name} '{s}' is not a whole number")))
}

fn opt_note(note: Option<String>) -> Result<Option<String>, InputError> {
    match note {
        Some(n) => {
            check_text("note", &n)?;
            Ok(Some(n).filter(|n| !n.trim().is_empty()))
        }
        None => Ok(None),
    }
}

pub fn run(cmd: LogCommand, db: &Path, clock: &Clock) -> anyhow::Result<()> {
    match cmd {
        LogCommand::Meal {
            foods,
            at,
            slot,
            tags,
            no_tags,
            note,
        } => {
            // Everything that can be checked without the diary is checked first.
            let at = when(&at, clock)?;
            let slot = match slot {
                Some(s) => Slot::parse(&s)?,
                None => Slot::for_time(at),
            };
            let foods = split_foods(&foods);
            if foods.is_empty() {
                return Err(InputError::new(
                    "no foods given; list them comma-separated, e.g. \"oats, banana\"",
                )
                .into());
            }
            for f in &foods {
                clean_name("food", f)?;
            }
            let add = tags
                .iter()
                .map(|t| parse_tag(t))
                .collect::<Result<Vec<_>, _>>()?;
            let remove = no_tags
                .iter()
                .map(|t| parse_tag(t))
                .collect::<Result<Vec<_>, _>>()?;
            let note = opt_note(note)?;
            let mut store = open_store(db, clock)?;
            let book = store.food_book()?;
            let tags = meal_tags(&book, &foods, &add, &remove);
            // Tags typed for foods the dictionary does not know are remembered.
            let remember = tags_to_remember(&book, &foods, &add, &remove);
            let meal = Meal {
                id: new_id(),
                at,
                slot,
                foods,
                tags,
                note,
            };
            store.add_meal(&meal, &remember, clock.now())?;
            println!("Logged {}", render::meal_line(&meal));
            let unknown: Vec<String> = meal
                .foods
                .iter()
                .filter(|f| !book.is_known(f) && book.tags_of(f).is_empty())
                .map(|f| match book.suggest(f) {
                    Some(s) => format!("'{f}' (did you mean '{s}'?)"),
                    None => format!("'{f}'"),
                })
                .collect();
            if !unknown.is_empty() && add.is_empty() {
                println!(
                    "  (gutlog does not know {}; add tags with --tag, e.g. --tag dairy, and they will be remembered)",
                    unknown.join(", ")
                );
            }
            Ok(())
        }
        LogCommand::Symptom {
            name,
            severity,
            at,
            note,
            new,
        } => {
            let severity = Severity::parse(&severity)?;
            let at = when(&at, clock)?;
            let note = opt_note(note)?;
            let mut store = open_store(db, clock)?;
            let custom = store.custom_symptoms()?;
            let symptom = match parse_symptom(&name, &custom) {
                Ok(id) => id,
                Err(_) if new => new_symptom_id(&name)?,
                Err(e) => return Err(e.into()),
            };
            let rating = SymptomRating {
                id: new_id(),
                at,
                symptom,
                severity,
                note,
            };
            store.add_symptom(&rating)?;
            println!("Logged {}", render::symptom_line(&rating));
            Ok(())
        }
        LogCommand::Stool { bristol, at } => {
            let bristol = Bristol::parse(&bristol)?;
            let at = when(&at, clock)?;
            let mut store = open_store(db, clock)?;
            let stool = Stool {
                id: new_id(),
                at,
                bristol,
            };
            store.add_stool(&stool)?;
            println!("Logged {}", render::stool_line(&stool));
            Ok(())
        }
        LogCommand::Checkin {
            date,
            mood,
            energy,
            stress,
            sleep,
            water,
            movement,
            note,
        } => {
            let date = match date {
                Some(d) => parse_date(&d, clock).map_err(|e| e.in_field("--date"))?,
                None => clock.today(),
            };
            let scale = |name: &str, v: Option<String>| -> Result<Option<u8>, InputError> {
                v.map(|s| check_scale(name, int_arg(name, &s)?)).transpose()
            };
            let c = CheckIn {
                date,
                mood: scale("mood", mood)?,
                energy: scale("energy", energy)?,
                stress: scale("stress", stress)?,
                sleep_hours: sleep
                    .map(|s| {
                        let h: f64 = s.trim().parse().map_err(|_| {
                            InputError::new(format!(
                                "sleep '{s}' is not a number of hours, e.g. 7.5"
                            ))
                        })?;
                        check_sleep(h)
                    })
                    .transpose()?,
                water_glasses: water
                    .map(|s| check_water(int_arg("water", &s)?))
                    .transpose()?,
                movement_minutes: movement
                    .map(|s| check_movement(int_arg("movement", &s)?))
                    .transpose()?,
                note: opt_note(note)?,
            };
            if c.is_empty() {
                return Err(InputError::new(
                    "nothing to record; give at least one of --mood, --energy, --stress, --sleep, --water, --movement, --note",
                )
                .into());
            }
            let mut store = open_store(db, clock)?;
            let merged = store.merge_checkin(&c, clock.now())?;
            println!(
                "Check-in for {}: {}",
                merged.date,
                render::checkin_summary(&merged)
            );
            Ok(())
        }
        LogCommand::Intake { name, kind, at } => {
            let name = clean_name("name", &name)?;
            let kind = match kind {
                Some(k) => IntakeKind::parse(&k)?,
                None => IntakeKind::guess(&name).unwrap_or(IntakeKind::Other),
            };
            let at = when(&at, clock)?;
            let mut store = open_store(db, clock)?;
            let intake = Intake {
                id: new_id(),
                at,
                name,
                kind,
            };
            store.add_intake(&intake)?;
            println!("Logged {}", render::intake_line(&intake));
            Ok(())
        }
        LogCommand::Flag { name, date, clear } => {
            let flag = parse_red_flag(&name)?;
            let date = match date {
                Some(d) => parse_date(&d, clock).map_err(|e| e.in_field("--date"))?,
                None => clock.today(),
            };
            let mut store = open_store(db, clock)?;
            let entry = RedFlagEntry {
                date,
                flag: flag.clone(),
            };
            let info = content::red_flags().get(&flag).expect("parsed flags exist");
            if clear {
                let was = store.remove_red_flag(&entry, clock.now())?;
                println!(
                    "{} {} for {date}",
                    if was { "Cleared" } else { "Was not ticked:" },
                    info.name
                );
            } else {
                store.add_red_flag(&entry, clock.now())?;
                println!("Logged red flag for {date}: {}\n", info.name);
                println!(
                    "{}",
                    render::wrap(&format!("SEE A DOCTOR. {}", info.guidance), "")
                );
                println!("\n{}", render::wrap(&content::red_flags().general, ""));
            }
            Ok(())
        }
    }
}
