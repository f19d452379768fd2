//! `gutlog log …`: one entry per command, validated before the diary is touched.

use super::{open_store, render, AtArg};
use crate::analysis::doctor;
use crate::analysis::experiment::Logged;
use crate::config::Config;
use crate::content;
use crate::domain::food::{split_foods, FoodBook};
use crate::domain::meal::{MealDraft, TagChoice};
use crate::domain::time::{check_not_ahead, check_not_future_date, parse_date, parse_when};
use crate::domain::{
    check_movement, check_scale, check_sleep, clean_name, clean_note, new_id, new_symptom_id,
    parse_red_flag, parse_symptom, Bristol, CheckIn, Clock, InputError, Intake, IntakeKind,
    RedFlagEntry, Severity, Slot, Stool, SymptomRating,
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
        /// breakfast, lunch, dinner, snack or drink [default: from the time and the meal times in the config]
        #[arg(long)]
        slot: Option<String>,
        /// Add a tag (repeatable); remembered for foods gutlog does not know
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Remove a tag the foods would give (repeatable)
        #[arg(long = "no-tag", value_name = "TAG")]
        no_tags: Vec<String>,
        /// What a dish of your own is made of, e.g. "bread, cheese"; remembered for it
        #[arg(long, value_name = "FOODS")]
        parts: Option<String>,
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
        /// Water, in the config's unit (glasses unless water_unit = "ml"); or with its unit, e.g. 500ml
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
        /// blood_in_stool, weight_loss, night_symptoms, persistent_vomiting, difficulty_swallowing, fever, abdominal_or_rectal_lump, iron_deficiency_anaemia, family_history_cancer, bowel_change_over_60 or ovarian_symptoms
        name: String,
        /// The date [default: today]
        #[arg(long)]
        date: Option<String>,
        /// Untick the flag instead
        #[arg(long)]
        clear: bool,
    },
}

/// `--at WHEN`, never more than an hour ahead (the one rule the TUI uses too).
fn when(at: &AtArg, clock: &Clock) -> Result<chrono::NaiveDateTime, InputError> {
    match &at.at {
        Some(s) => check_not_ahead(
            parse_when(s, clock).map_err(|e| e.in_field("--at"))?,
            clock.now(),
        ),
        None => Ok(clock.now()),
    }
}

/// `--date DATE`, never after today.
fn date_arg(date: Option<String>, clock: &Clock) -> Result<chrono::NaiveDate, InputError> {
    match date {
        Some(d) => check_not_future_date(
            parse_date(&d, clock).map_err(|e| e.in_field("--date"))?,
            clock.today(),
        ),
        None => Ok(clock.today()),
    }
}

fn int_arg(name: &str, s: &str) -> Result<i64, InputError> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| InputError::new(format!("{name} '{s}' is not a whole number")))
}

fn opt_note(note: Option<String>) -> Result<Option<String>, InputError> {
    clean_note(note.as_deref())
}

/// Prints the diary's see-a-doctor note `id` as of `on`, if it has one now.
fn print_note(store: &crate::store::Store, on: chrono::NaiveDate, id: &str) -> anyhow::Result<()> {
    for n in super::show::doctor_notes(store, on)?
        .iter()
        .filter(|n| n.id == id)
    {
        let text = format!("SEE A DOCTOR. {}", n.cited());
        println!("\n{}", render::wrap(&text, ""));
    }
    Ok(())
}

pub fn run(cmd: LogCommand, db: &Path, clock: &Clock, config: &Config) -> anyhow::Result<()> {
    match cmd {
        LogCommand::Meal {
            foods,
            at,
            slot,
            tags,
            no_tags,
            parts,
            note,
        } => {
            // Everything that can be checked without the diary is checked first.
            let at = when(&at, clock)?;
            let draft = MealDraft {
                id: None,
                at,
                slot: Some(match slot {
                    Some(s) => Slot::parse(&s)?,
                    None => config.slot_for(at),
                }),
                foods: split_foods(&foods),
                tags: TagChoice::Adjust {
                    add: tags,
                    remove: no_tags,
                },
                note,
            };
            draft.check()?;
            if parts.is_some() && draft.foods.len() != 1 {
                return Err(InputError::new(
                    "--parts describes one dish; log it on its own, e.g. gutlog log meal \"my stew\" --parts \"beef, carrot, onion\"",
                )
                .into());
            }
            let mut store = open_store(db, clock)?;
            let mut book = store.food_book()?;
            let mut dish_parts = Vec::new();
            if let Some(p) = &parts {
                let p = book.parse_parts(&draft.foods[0], p)?;
                dish_parts.push((book.dish_key(&draft.foods[0]), p));
                let mut all = store.food_parts()?;
                all.extend(dish_parts.iter().cloned());
                book = FoodBook::with_user(store.food_tags()?, all);
            }
            // Tags typed for foods the dictionary does not know are remembered.
            let (meal, remember) = draft.build(&book)?;
            store.add_meal_with_parts(&meal, &remember, &dish_parts, clock.now())?;
            println!("Logged {}", render::meal_line(&meal));
            super::experiment::warn(&store, Logged::Meal(&meal), clock.today())?;
            for (dish, p) in &dish_parts {
                println!("  Remembered '{dish}' as made of {}.", p.join(", "));
            }
            let unknown: Vec<String> = book
                .unknown_foods(&meal.foods)
                .iter()
                .map(ToString::to_string)
                .collect();
            let added = matches!(&draft.tags, TagChoice::Adjust { add, .. } if !add.is_empty());
            if !unknown.is_empty() && !added {
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
                // Only here does the flag exist to suggest.
                Err(e) => {
                    return Err(InputError(format!(
                        "{e}; to track a new symptom of your own, add --new"
                    ))
                    .into())
                }
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
            if rating.symptom == doctor::BLOATING && rating.severity.level() > 0 {
                print_note(&store, rating.at.date(), "bloating_often")?;
            }
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
            print_note(&store, stool.at.date(), "stool_change")?;
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
            let date = date_arg(date, clock)?;
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
                    .map(|s| config.water_unit.value.parse_amount(&s))
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
                render::checkin_summary(&merged, config.water_unit.value)
            );
            super::experiment::warn(&store, Logged::CheckIn(&merged), clock.today())?;
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
            super::experiment::warn(&store, Logged::Intake(&intake), clock.today())?;
            if let Some((text, sources)) =
                content::intakes().note_for(&intake.name, intake.kind.as_str())
            {
                let cited = if sources.is_empty() {
                    text.to_string()
                } else {
                    format!("{text} {}", content::cite(sources))
                };
                println!("{}", render::wrap(&cited, "  "));
            }
            Ok(())
        }
        LogCommand::Flag { name, date, clear } => {
            let flag = parse_red_flag(&name)?;
            let date = date_arg(date, clock)?;
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
