//! Plain-text rendering of records for the CLI.

use super::output::visible;
use crate::content;
use crate::domain::water::WaterUnit;
use crate::domain::{symptom_name, CheckIn, DayLog, Intake, Meal, Stool, SymptomRating};
use crate::store::Deleted;

/// The first 8 characters of an id: enough for `gutlog delete`.
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

pub fn wrap(text: &str, indent: &str) -> String {
    let width = textwrap::termwidth().clamp(20, 100);
    // Break only at spaces, so web addresses stay whole.
    let opts = textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(indent)
        .word_separator(textwrap::WordSeparator::AsciiSpace);
    text.split('\n')
        .map(|line| {
            if line.trim().is_empty() {
                String::new()
            } else if let Some(rest) = line.strip_prefix("- ") {
                let bullet_indent = format!("{indent}  ");
                let bullet_first = format!("{indent}• ");
                let o = textwrap::Options::new(width)
                    .initial_indent(&bullet_first)
                    .subsequent_indent(&bullet_indent)
                    .word_separator(textwrap::WordSeparator::AsciiSpace);
                textwrap::fill(rest, o)
            } else {
                textwrap::fill(line, opts.clone())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn meal_line(m: &Meal) -> String {
    let mut s = format!(
        "{} {:<9} {}",
        m.at.format("%Y-%m-%d %H:%M"),
        m.slot.as_str(),
        visible(&m.foods.join(", "))
    );
    if !m.tags.is_empty() {
        s.push_str(&format!(
            "  [{}]",
            visible(&crate::domain::food::tag_names(&m.tags))
        ));
    }
    if let Some(n) = &m.note {
        s.push_str(&format!("  — {}", visible(n)));
    }
    s.push_str(&format!("  ({})", short_id(&m.id)));
    s
}

pub fn symptom_line(r: &SymptomRating) -> String {
    let mut s = format!(
        "{} {} {} ({})",
        r.at.format("%Y-%m-%d %H:%M"),
        visible(&symptom_name(&r.symptom)),
        r.severity.word(),
        r.severity.level()
    );
    if let Some(n) = &r.note {
        s.push_str(&format!("  — {}", visible(n)));
    }
    s.push_str(&format!("  ({})", short_id(&r.id)));
    s
}

pub fn stool_line(s: &Stool) -> String {
    format!(
        "{} stool, Bristol type {} ({})  ({})",
        s.at.format("%Y-%m-%d %H:%M"),
        s.bristol.kind(),
        s.bristol.description(),
        short_id(&s.id)
    )
}

pub fn intake_line(i: &Intake) -> String {
    format!(
        "{} {} ({})  ({})",
        i.at.format("%Y-%m-%d %H:%M"),
        visible(&i.name),
        i.kind.as_str(),
        short_id(&i.id)
    )
}

/// A check-in in one line, water in the person's unit.
pub fn checkin_summary(c: &CheckIn, water: WaterUnit) -> String {
    let mut parts = Vec::new();
    if let Some(v) = c.mood {
        parts.push(format!("mood {v}/5"));
    }
    if let Some(v) = c.energy {
        parts.push(format!("energy {v}/5"));
    }
    if let Some(v) = c.stress {
        parts.push(format!("stress {v}/5"));
    }
    if let Some(v) = c.sleep_hours {
        parts.push(format!("sleep {v} h"));
    }
    if let Some(v) = c.water_glasses {
        parts.push(format!("water {}", water.format(v)));
    }
    if let Some(v) = c.movement_minutes {
        parts.push(format!("movement {v} min"));
    }
    if let Some(n) = &c.note {
        parts.push(format!("note: {}", visible(n)));
    }
    if parts.is_empty() {
        "nothing recorded".into()
    } else {
        parts.join(" · ")
    }
}

pub fn deleted_summary(d: &Deleted) -> String {
    match d {
        Deleted::Meal(m) => meal_line(m),
        Deleted::Symptom(s) => symptom_line(s),
        Deleted::Stool(s) => stool_line(s),
        Deleted::Intake(i) => intake_line(i),
        Deleted::PlanRun(r, _) => {
            format!("plan run started {} ({})", r.started_on, short_id(&r.id))
        }
    }
}

/// The diary's "see a doctor" notes, or nothing when there are none.
pub fn doctor_notes_text(notes: &[crate::analysis::doctor::DoctorNote]) -> String {
    let mut out = String::new();
    if notes.is_empty() {
        return out;
    }
    out.push_str("\nFrom your log: see a doctor\n");
    for n in notes {
        out.push_str(&wrap(&format!("- {}", n.cited()), "  "));
        out.push('\n');
    }
    out
}

/// A whole day as text.
pub fn day_text(day: &DayLog, water: WaterUnit) -> String {
    let mut out = format!("{}\n", day.date.format("%A %-d %B %Y"));
    if day.is_empty() {
        out.push_str("\nNothing logged on this date. Log with `gutlog log …`, or run `gutlog` for the check-in screen.\n");
        return out;
    }
    let mut section = |title: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            out.push_str(&format!("\n{title}\n"));
            for l in lines {
                out.push_str(&format!("  {l}\n"));
            }
        }
    };
    section("Meals", day.meals.iter().map(meal_line).collect());
    section("Symptoms", day.symptoms.iter().map(symptom_line).collect());
    section("Stools", day.stools.iter().map(stool_line).collect());
    section(
        "Check-in",
        day.checkin
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| checkin_summary(c, water))
            .collect(),
    );
    section(
        "Medicines and supplements",
        day.intakes.iter().map(intake_line).collect(),
    );
    section(
        "Daily habits kept (by hand)",
        day.habits
            .iter()
            .map(|h| {
                content::plan()
                    .habit(h)
                    .map_or(visible(h).into_owned(), |x| x.name.clone())
            })
            .collect(),
    );
    if !day.red_flags.is_empty() {
        out.push_str("\nRed flags: see a doctor\n");
        for f in &day.red_flags {
            if let Some(info) = content::red_flags().get(f) {
                out.push_str(&format!("  ! {}\n", info.name));
                out.push_str(&wrap(&info.guidance, "    "));
                out.push('\n');
            }
        }
    }
    out
}
