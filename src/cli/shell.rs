//! Shell integration: completion scripts (clap_complete), the manual page
//! (clap_mangen), and the hidden `__complete` hook the bash, zsh and fish
//! scripts call to complete food, symptom and medicine names from the
//! dictionary and the diary.

use super::Cli;
use crate::content;
use crate::domain::food::food_key;
use crate::domain::Clock;
use crate::store::Store;
use chrono::NaiveDate;
use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::Shell;
use std::io::Write as _;
use std::path::Path;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell
    #[arg(value_enum, hide_possible_values = true)]
    shell: Shell,
}

#[derive(Debug, Args)]
pub struct CompleteArgs {
    /// What to complete
    #[arg(value_enum)]
    kind: NameKind,
    /// The word being completed (for foods, the part after the last comma)
    #[arg(default_value = "", allow_hyphen_values = true)]
    current: String,
}

/// The names the hook completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NameKind {
    Foods,
    Symptoms,
    Intakes,
}

/// The completion script for `shell`, with the name hook where the shell
/// can call it.
pub fn script(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gutlog", &mut out);
    let script = String::from_utf8(out).expect("clap_complete writes UTF-8");
    match shell {
        Shell::Bash => format!("{script}\n{}", include_str!("shell/names.bash")),
        Shell::Zsh => zsh_with_names(&script),
        Shell::Fish => format!("{script}\n{}", include_str!("shell/names.fish")),
        _ => script,
    }
}

/// zsh: the three name arguments complete through `_gutlog_names`,
/// defined before `_gutlog` so both sourcing and autoloading work. The
/// arguments are found by their subcommand's `(name)` case label.
fn zsh_with_names(script: &str) -> String {
    let mut out = String::new();
    let mut section = "";
    for line in script.lines() {
        let trimmed = line.trim();
        if let Some(label) = trimmed.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
            section = label;
        }
        let kind = match section {
            "meal" if line.starts_with("':foods -- ") => Some("foods"),
            "symptom" if line.starts_with("':name -- ") => Some("symptoms"),
            "intake" if line.starts_with("':name -- ") => Some("intakes"),
            _ => None,
        };
        if line.starts_with("_gutlog() {") {
            out.push_str(include_str!("shell/names.zsh"));
            out.push('\n');
        }
        match kind {
            Some(kind) if line.contains(":_default'") => {
                out.push_str(&line.replace(":_default'", &format!(":_gutlog_names {kind}'")))
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<()> {
    std::io::stdout().write_all(script(args.shell).as_bytes())?;
    Ok(())
}

/// The date on the manual pages: the release they describe.
const MAN_DATE: &str = "2026-11-20";

fn man_of(cmd: clap::Command) -> clap_mangen::Man {
    let title = cmd
        .get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_uppercase();
    clap_mangen::Man::new(cmd).title(title).date(MAN_DATE)
}

/// The manual page gutlog(1), in roff.
pub fn man_page() -> Vec<u8> {
    let mut out = Vec::new();
    man_of(Cli::command())
        .render(&mut out)
        .expect("rendering into memory cannot fail");
    out
}

/// gutlog(1) and a page per subcommand (gutlog-log(1), gutlog-log-meal(1),
/// …), written into `dir`; returns the files written.
pub fn write_man_pages(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    fn walk(
        cmd: clap::Command,
        dir: &Path,
        out: &mut Vec<std::path::PathBuf>,
    ) -> std::io::Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            walk(sub, dir, out)?;
        }
        out.push(man_of(cmd).generate_to(dir)?);
        Ok(())
    }
    std::fs::create_dir_all(dir)?;
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    walk(cmd, dir, &mut out)?;
    Ok(out)
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write gutlog.1 and a page per subcommand into DIR instead of printing gutlog.1
    #[arg(long, value_name = "DIR")]
    dir: Option<std::path::PathBuf>,
}

pub fn man(args: ManArgs) -> anyhow::Result<()> {
    match args.dir {
        None => std::io::stdout().write_all(&man_page())?,
        Some(dir) => {
            let files = write_man_pages(&dir).map_err(|e| {
                anyhow::anyhow!("cannot write the manual pages into {}: {e}", dir.display())
            })?;
            println!("Wrote {} manual pages into {}.", files.len(), dir.display());
        }
    }
    Ok(())
}

/// How far back a TAB press looks for the foods you eat.
const RECENT_FOOD_DAYS: i64 = 365;

/// Names of `kind`: the person's own (most used first; foods from the last
/// year), then the bundled ones; each once, whatever its case.
pub fn names(kind: NameKind, store: Option<&Store>, today: NaiveDate) -> Vec<String> {
    let since = today - chrono::Duration::days(RECENT_FOOD_DAYS);
    let mut own: Vec<String> = match (kind, store) {
        (NameKind::Foods, Some(s)) => s.recent_foods(since, 500).unwrap_or_default(),
        (NameKind::Symptoms, Some(s)) => s.custom_symptoms().unwrap_or_default(),
        (NameKind::Intakes, Some(s)) => s
            .usual_intakes(200)
            .unwrap_or_default()
            .into_iter()
            .map(|(name, _)| name)
            .collect(),
        (_, None) => Vec::new(),
    };
    let bundled: Vec<String> = match kind {
        NameKind::Foods => content::foods()
            .foods
            .iter()
            .map(|f| f.name.clone())
            .collect(),
        NameKind::Symptoms => content::symptoms()
            .symptoms
            .iter()
            .map(|s| s.id.clone())
            .collect(),
        NameKind::Intakes => content::intakes()
            .known
            .iter()
            .map(|k| k.name.clone())
            .collect(),
    };
    own.extend(bundled);
    let mut seen = std::collections::HashSet::new();
    own.retain(|n| seen.insert(food_key(n)));
    own
}

/// The completions of `current`: names starting with it (ignoring case).
/// For foods, only the part after the last comma is completed and the
/// part before it is kept, so "oats, ban" gives "oats, banana".
pub fn completions_of(kind: NameKind, current: &str, names: &[String]) -> Vec<String> {
    // An opening quote typed before the word is the shell's business.
    let current = current.trim_start_matches(['"', '\'']);
    let (head, tail) = match (kind, current.rfind(',')) {
        (NameKind::Foods, Some(i)) => {
            let rest = &current[i + 1..];
            let tail = rest.trim_start();
            (&current[..current.len() - tail.len()], tail)
        }
        _ => ("", current),
    };
    let want = tail.to_lowercase();
    names
        .iter()
        .filter(|n| n.to_lowercase().starts_with(&want))
        .map(|n| format!("{head}{n}"))
        .collect()
}

/// The hook: prints the completions, one a line. It never fails loudly:
/// without a readable diary it offers the bundled names alone.
pub fn complete(args: CompleteArgs, db: &Path, clock: &Clock) -> anyhow::Result<()> {
    let store = Store::open_read_only(db).ok().flatten();
    let names = names(args.kind, store.as_ref(), clock.today());
    let mut out = std::io::stdout().lock();
    for c in completions_of(args.kind, &args.current, &names) {
        if writeln!(out, "{c}").is_err() {
            break;
        }
    }
    Ok(())
}
