//! `gutlog food NAME`: what gutlog knows about a food, and `gutlog profile`.

use super::{open_store, render};
use crate::content;
use crate::domain::food::FoodBook;
use crate::domain::profile::{parse_birth_year, relevant_red_flags, Profile, Sex};
use crate::domain::{Clock, InputError};
use clap::{Args, Subcommand};
use std::fmt::Write as _;
use std::path::Path;

/// The facts and every source behind them, for `--json`.
fn food_json(book: &FoodBook, name: &str) -> Option<serde_json::Value> {
    let facts = book.describe(name)?;
    let sources: Vec<&content::Source> = facts
        .sources
        .iter()
        .filter_map(|id| content::sources().get(id))
        .collect();
    let coeliac = facts
        .tags
        .iter()
        .any(|t| t == "gluten")
        .then(|| content::notes().coeliac_first.clone());
    Some(serde_json::json!({
        "food": facts,
        "sources": sources,
        "coeliac_first": coeliac,
    }))
}

/// What gutlog knows about a food, as text.
pub fn food_text(book: &FoodBook, name: &str) -> Option<String> {
    let f = book.describe(name)?;
    let foods = content::foods();
    let mut out = String::new();
    let what = match (f.in_dictionary, f.parts.is_empty()) {
        (true, true) => "in gutlog's food dictionary",
        (true, false) => "a dish in gutlog's food dictionary",
        (false, _) => "one of your own foods",
    };
    let _ = writeln!(out, "{} ({what})", f.name);
    if !f.aliases.is_empty() {
        let _ = writeln!(out, "  Also known as: {}", f.aliases.join(", "));
    }
    if !f.parts.is_empty() {
        let yours = if f.your_parts {
            " (as you described it)"
        } else {
            ""
        };
        let _ = writeln!(out, "  Made of: {}{yours}", f.parts.join(", "));
    }
    let tags: Vec<String> = f
        .tags
        .iter()
        .map(|t| match foods.tags.iter().find(|x| &x.id == t) {
            Some(info) => format!("{} ({t})", info.name),
            None => t.clone(),
        })
        .collect();
    let yours = if f.your_tags { " (your own tags)" } else { "" };
    let _ = writeln!(
        out,
        "  Tags: {}{yours}",
        if tags.is_empty() {
            "none".to_string()
        } else {
            tags.join(", ")
        }
    );
    if f.fodmap.is_empty() {
        out.push_str("  FODMAP groups: none known at a usual serving\n");
    } else {
        out.push_str("  FODMAP groups:\n");
        for g in &f.fodmap {
            let group = foods
                .group(&g.group)
                .map_or(g.group.as_str(), |x| x.name.as_str());
            let from = if g.from == f.name {
                String::new()
            } else {
                format!(", from {}", g.from)
            };
            let level = match g.level {
                content::FodmapLevel::High => "",
                content::FodmapLevel::Depends => ", depends on the serving",
            };
            let _ = writeln!(
                out,
                "    {group} (fodmap:{}){from}{level} {}",
                g.group,
                content::cite(std::slice::from_ref(&g.source))
            );
            if let Some(s) = &g.serving {
                out.push_str(&render::wrap(s, "      "));
                out.push('\n');
            }
        }
    }
    if f.tags.iter().any(|t| t == "gluten") {
        out.push_str("  Gluten:\n");
        out.push_str(&render::wrap(
            &content::notes().coeliac_first.cited(),
            "    ",
        ));
        out.push('\n');
    }
    if !f.sources.is_empty() {
        out.push_str("  Sources:\n");
        for id in &f.sources {
            if let Some(s) = content::sources().get(id) {
                // Unwrapped, so the address can be copied whole.
                let _ = writeln!(out, "    {}", content::reference_line(s));
            }
        }
    }
    Some(out)
}

pub fn food(db: &Path, clock: &Clock, name: &str, json: bool) -> anyhow::Result<()> {
    let name = crate::domain::clean_name("food", name)?;
    let store = open_store(db, clock)?;
    let book = store.food_book()?;
    let shown = if json {
        food_json(&book, &name).map(|v| serde_json::to_string_pretty(&v).expect("serializes"))
    } else {
        food_text(&book, &name)
    };
    match shown {
        Some(s) => {
            print!("{s}");
            if json {
                println!();
            }
            Ok(())
        }
        None => {
            let hint = book
                .suggest(&name)
                .map(|s| format!(" (did you mean '{s}'?)"))
                .unwrap_or_default();
            Err(InputError::new(format!(
                "'{name}' is not in the food dictionary or among your own foods{hint}; teach it with `gutlog log meal \"{name}\" --tag TAG` or `--parts \"bread, cheese\"`"
            ))
            .into())
        }
    }
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[command(subcommand)]
    action: Option<ProfileAction>,
    /// Print JSON instead of text
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum ProfileAction {
    /// Show the profile and the red-flag questions it makes relevant (the default)
    Show,
    /// Set your year of birth and/or sex (what you leave out is kept)
    Set {
        /// Year of birth, e.g. 1970
        #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
        born: Option<String>,
        /// female or male
        #[arg(long)]
        sex: Option<String>,
    },
    /// Remove the profile: every red-flag question is asked again
    Clear,
}

fn profile_text(p: &Profile, clock: &Clock) -> String {
    let mut out = String::new();
    if p.is_empty() {
        out.push_str("No profile set. gutlog asks every red-flag question, each saying whom it is for.\nSet one with `gutlog profile set --born 1970 --sex female` (both optional).\n");
    } else {
        match (p.birth_year, p.age_in_year_of(clock.today())) {
            (Some(y), Some(age)) => {
                let _ = writeln!(out, "Year of birth: {y} ({age} this year)");
            }
            _ => out.push_str("Year of birth: not given\n"),
        }
        let _ = writeln!(out, "Sex: {}", p.sex.map_or("not given", Sex::as_str));
    }
    let flags = relevant_red_flags(p, clock.today());
    let _ = writeln!(
        out,
        "\nRed-flag questions gutlog asks you ({} of {}):",
        flags.len(),
        content::red_flags().flags.len()
    );
    for f in flags {
        out.push_str(&render::wrap(&format!("- {}", f.question), "  "));
        out.push('\n');
    }
    out
}

pub fn profile(db: &Path, clock: &Clock, args: ProfileArgs) -> anyhow::Result<()> {
    // Everything typed is checked before the diary is touched.
    let change = match args.action.unwrap_or(ProfileAction::Show) {
        ProfileAction::Show => None,
        ProfileAction::Clear => Some(None),
        ProfileAction::Set { born, sex } => {
            if born.is_none() && sex.is_none() {
                return Err(InputError::new(
                    "nothing to set; give --born YEAR and/or --sex female|male",
                )
                .into());
            }
            let born = born
                .map(|b| parse_birth_year(&b, clock.today()))
                .transpose()?;
            let sex = sex.map(|s| Sex::parse(&s)).transpose()?;
            Some(Some((born, sex)))
        }
    };
    let mut store = open_store(db, clock)?;
    let mut p = store.profile()?;
    match change {
        None => {}
        Some(None) => {
            p = Profile::default();
            store.set_profile(&p, clock.now())?;
        }
        Some(Some((born, sex))) => {
            p.birth_year = born.or(p.birth_year);
            p.sex = sex.or(p.sex);
            store.set_profile(&p, clock.now())?;
        }
    }
    if args.json {
        let ids: Vec<&str> = relevant_red_flags(&p, clock.today())
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "profile": p,
                "red_flags_asked": ids,
            }))?
        );
    } else {
        print!("{}", profile_text(&p, clock));
    }
    Ok(())
}
