//! `gutlog remind --systemd|--cron`: prints (never installs) a user timer
//! or a crontab line that runs `gutlog status` every hour from the reminder
//! hour to 23:00 and, when the day is not logged (exit 1), shows the status
//! line with `notify-send`, through the shell: gutlog itself links no
//! desktop library.

use crate::config::Config;
use crate::domain::InputError;
use clap::{ArgGroup, Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("scheduler").required(true).args(["systemd", "cron"])))]
pub struct RemindArgs {
    /// A systemd user service and timer (both, unless --unit picks one)
    #[arg(long)]
    systemd: bool,
    /// A crontab line
    #[arg(long)]
    cron: bool,
    /// With --systemd: print only the service or only the timer, to redirect it into its file
    #[arg(long, value_enum, hide_possible_values = true, conflicts_with = "cron")]
    unit: Option<Unit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Unit {
    Service,
    Timer,
}

pub const SERVICE_NAME: &str = "gutlog-remind.service";
pub const TIMER_NAME: &str = "gutlog-remind.timer";

/// Characters a path may hold in the printed command without quoting.
fn plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || "/._-+,@~=".contains(c)
}

/// `s` quoted for sh (double quotes), or refused when it holds a character
/// the unit file or crontab could not carry safely.
fn sh_word(s: &str) -> Result<String, InputError> {
    if s.chars().all(plain) {
        return Ok(s.to_string());
    }
    if s.chars().any(|c| c.is_control() || "'%\"$`\\".contains(c)) {
        return Err(InputError::new(format!(
            "the path '{s}' holds a quote, %, $, ` or \\ that a timer cannot carry safely; \
             move gutlog or the diary to a plainer path"
        )));
    }
    Ok(format!("\"{s}\""))
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The shell command a timer runs: status, and a notification when the day
/// is not logged. `--db`/`--config` are kept when they were given.
pub fn command(exe: &Path, db: Option<&Path>, config: Option<&Path>) -> Result<String, InputError> {
    let mut gutlog = sh_word(&absolute(exe).display().to_string())?;
    if let Some(db) = db {
        gutlog.push_str(&format!(
            " --db {}",
            sh_word(&absolute(db).display().to_string())?
        ));
    }
    if let Some(c) = config {
        gutlog.push_str(&format!(
            " --config {}",
            sh_word(&absolute(c).display().to_string())?
        ));
    }
    Ok(format!(
        "msg=$({gutlog} status); [ $? -eq 1 ] && notify-send gutlog \"$msg\"; exit 0"
    ))
}

/// The hours the reminder fires: the reminder hour to 23, comma-separated.
fn hours(from: u8) -> String {
    (from..=23)
        .map(|h| h.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn service(cmd: &str) -> String {
    // In unit files `$` and `%` are special: doubled, they stand for themselves.
    let escaped = cmd.replace('$', "$$").replace('%', "%%");
    format!(
        "# ~/.config/systemd/user/{SERVICE_NAME} (printed by `gutlog remind --systemd`)\n\
         [Unit]\n\
         Description=Remind me to log the day in gutlog\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart=/bin/sh -c '{escaped}'\n"
    )
}

pub fn timer(hour: u8) -> String {
    format!(
        "# ~/.config/systemd/user/{TIMER_NAME} (printed by `gutlog remind --systemd`)\n\
         [Unit]\n\
         Description=Remind me to log the day in gutlog, hourly from {hour}:00\n\
         \n\
         [Timer]\n\
         OnCalendar=*-*-* {}:00:00\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n",
        hours(hour)
    )
}

pub fn cron_line(cmd: &str, hour: u8) -> String {
    // cron runs the line with /bin/sh; `%` would end the command there.
    let cmd = cmd.replace('%', "\\%");
    format!(
        "# gutlog: remind me to log the day (printed by `gutlog remind --cron`)\n\
         0 {} * * * export DBUS_SESSION_BUS_ADDRESS=\"unix:path=/run/user/$(id -u)/bus\"; {cmd}\n",
        hours(hour)
    )
}

pub fn remind(
    db: &Path,
    config_path: Option<&Path>,
    args: RemindArgs,
    config: &Config,
) -> anyhow::Result<()> {
    let exe = std::env::current_exe()?;
    // Keep --db only when it is not the default the timer would find anyway.
    let db = (Some(db.to_path_buf()) != crate::store::default_db_path()).then_some(db);
    let config_path = config_path.filter(|p| !p.as_os_str().is_empty());
    let cmd = command(&exe, db, config_path)?;
    let hour = config.reminder_hour.value;
    if args.cron {
        print!("{}", cron_line(&cmd, hour));
        return Ok(());
    }
    match args.unit {
        Some(Unit::Service) => print!("{}", service(&cmd)),
        Some(Unit::Timer) => print!("{}", timer(hour)),
        None => {
            print!("{}\n{}", service(&cmd), timer(hour));
            println!(
                "\n# Save the two units above in ~/.config/systemd/user/, then:\n\
                 #   systemctl --user daemon-reload && systemctl --user enable --now {TIMER_NAME}\n\
                 # (`gutlog remind --systemd --unit service` prints one unit alone.)"
            );
        }
    }
    Ok(())
}
