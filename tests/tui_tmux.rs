//! The real binary in a real terminal (tmux): log a meal and a symptom with
//! keystrokes, quit with q, then check the data with `gutlog export` and
//! that the terminal left the alternate screen. Skipped, with a notice,
//! when tmux is not installed (CI installs it).

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_gutlog");

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {text:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
        std::thread::sleep(Duration::from_millis(150));
    }

    fn text(&self, text: &str) {
        assert!(self
            .run(&["send-keys", "-t", "t", "-l", text])
            .status
            .success());
        std::thread::sleep(Duration::from_millis(150));
    }
}

impl Tmux {
    /// A detached 100×30 session on its own server running `sh -c cmd`.
    fn start(name: &str, cmd: &str) -> Tmux {
        let tmux = Tmux {
            socket: format!("gutlog-test-{name}-{}", std::process::id()),
        };
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "100",
            "-y",
            "30",
            "sh",
            "-c",
            cmd,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux.run(&["set-option", "-g", "escape-time", "0"]);
        tmux
    }
}

impl Tmux {
    /// Sends `sig` (TERM, HUP, INT) to gutlog, the child of the pane's shell.
    fn signal_gutlog(&self, sig: &str) {
        let pid = self.gutlog_pid();
        assert!(Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status()
            .unwrap()
            .success());
    }

    /// The process id of gutlog, the child of the pane's shell.
    fn gutlog_pid(&self) -> String {
        let out = self.run(&["display", "-p", "-t", "t", "#{pane_pid}"]);
        let sh = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let children = std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")).unwrap();
        children
            .split_whitespace()
            .next()
            .expect("gutlog is running")
            .to_string()
    }
}

/// True (with a notice) when tmux is missing and the test should be skipped.
fn no_tmux() -> bool {
    let missing = !have_tmux();
    if missing {
        eprintln!("NOTICE: tmux is not installed; skipping the real-terminal test");
    }
    missing
}

/// The pane's shell command: gutlog on `db` at the pinned time (after
/// `env`), then `then` once it has exited.
/// gutlog on `db` in a new tmux session `name`; when it exits, the shell
/// prints "EXITED <status>" and stays, so the test can read it.
fn start_gutlog(name: &str, db: &Path) -> Tmux {
    Tmux::start(name, &gutlog_then("", db, "echo EXITED $?; sleep 60"))
}

fn gutlog_then(env: &str, db: &Path, then: &str) -> String {
    format!(
        "{env}GUTLOG_NOW=2026-11-20T20:30:00 {} --db {}; {then}",
        shell_quote(Path::new(BIN)),
        shell_quote(db)
    )
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

#[test]
fn log_a_meal_and_a_symptom_in_a_real_terminal() {
    if no_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    let tmux = start_gutlog("meal", &db);

    tmux.wait_for("Welcome to gutlog");
    assert_eq!(alternate_on(&tmux), "1");
    tmux.keys(&["Escape"]);
    tmux.keys(&["a"]);
    tmux.wait_for("Add a meal");
    tmux.text("rice, kimchi");
    // Ctrl-D picks dinner; at 20:30 that is now (near its usual time).
    tmux.keys(&["C-d"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved: dinner at 20:30: rice, kimchi");
    // s goes to the symptoms (Bloating first); a digit rates it.
    tmux.keys(&["s"]);
    tmux.keys(&["2"]);
    tmux.wait_for("Saved: bloating moderate");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    assert_eq!(
        alternate_on(&tmux),
        "0",
        "the terminal left the alternate screen"
    );

    let json = exported(&db);
    let meals = json["meals"].as_array().unwrap();
    assert_eq!(meals.len(), 1);
    assert_eq!(meals[0]["foods"], serde_json::json!(["rice", "kimchi"]));
    assert_eq!(meals[0]["at"], "2026-11-20T20:30:00");
    let symptoms = json["symptoms"].as_array().unwrap();
    assert_eq!(symptoms.len(), 1);
    assert_eq!(symptoms[0]["symptom"], "bloating");
    assert_eq!(symptoms[0]["severity"], 2);
}

/// The diary as `gutlog export` prints it, read after the TUI has quit.
fn exported(db: &Path) -> serde_json::Value {
    let out = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .arg("export")
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn alternate_on(tmux: &Tmux) -> String {
    let out = tmux.run(&["display", "-p", "-t", "t", "#{alternate_on}"]);
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// SIGTERM (and SIGHUP) restore the terminal and keep what was saved.
#[cfg(target_os = "linux")]
#[test]
fn sigterm_restores_the_terminal_and_keeps_the_data() {
    if no_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    let tmux = start_gutlog("term", &db);
    tmux.wait_for("Welcome to gutlog");
    tmux.keys(&["Escape"]);
    tmux.keys(&["s"]);
    tmux.keys(&["3"]);
    tmux.wait_for("Saved: bloating severe");

    tmux.signal_gutlog("TERM");
    tmux.wait_for("EXITED 0");
    assert_eq!(alternate_on(&tmux), "0");

    let store = gutlog::Store::open(&db).unwrap();
    let day = store
        .day(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        .unwrap();
    assert_eq!(day.symptoms.len(), 1);
    assert_eq!(day.symptoms[0].severity.level(), 3);
}

/// However gutlog ends — `q`, a panic (test hook), SIGTERM, SIGHUP or
/// SIGINT — the terminal is left as it was: raw mode off (icanon, echo and
/// isig back on), alternate screen left, cursor shown, mouse capture and
/// bracketed paste off.
#[cfg(target_os = "linux")]
#[test]
fn the_terminal_is_restored_however_gutlog_ends() {
    if no_tmux() {
        return;
    }
    for how in ["q", "panic", "TERM", "HUP", "INT"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("diary.db");
        let panic_env = if how == "panic" {
            "GUTLOG_TEST_PANIC=1 "
        } else {
            ""
        };
        let cmd = gutlog_then(
            panic_env,
            &db,
            "echo EXITED $?; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig)' \
             | tr '\\n' ' '; echo STTY; exec cat -v",
        );
        let tmux = Tmux::start(&format!("restore-{how}"), &cmd);
        if how != "panic" {
            tmux.wait_for("Welcome to gutlog");
            assert_eq!(alternate_on(&tmux), "1");
        }
        match how {
            "q" => {
                tmux.keys(&["Escape"]);
                tmux.keys(&["q"]);
            }
            "panic" => {}
            sig => tmux.signal_gutlog(sig),
        }
        let screen = tmux.wait_for("STTY");
        let expected_code = if how == "panic" {
            "EXITED 101"
        } else {
            "EXITED 0"
        };
        assert!(screen.contains(expected_code), "{how}: {screen}");
        for mode in ["icanon", "echo", "isig"] {
            assert!(
                screen.contains(&format!(" {mode} ")) || screen.contains(&format!("\n{mode} ")),
                "{how}: {mode} is still off:\n{screen}"
            );
        }
        let flag = |f: &str| {
            let out = tmux.run(&["display", "-p", "-t", "t", &format!("#{{{f}}}")]);
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        };
        assert_eq!(
            flag("alternate_on"),
            "0",
            "{how}: still on the alternate screen"
        );
        assert_eq!(flag("cursor_flag"), "1", "{how}: cursor hidden");
        assert_eq!(flag("mouse_any_flag"), "0", "{how}: mouse capture on");
        // With bracketed paste still on, tmux would wrap this in ESC[200~.
        tmux.run(&["set-buffer", "-b", "g", "PASTED-TEXT"]);
        tmux.run(&["paste-buffer", "-p", "-b", "g", "-t", "t"]);
        tmux.keys(&["Enter"]);
        let screen = tmux.wait_for("PASTED-TEXT");
        assert!(
            !screen.contains("[200~"),
            "{how}: bracketed paste left on:\n{screen}"
        );
    }
}

/// `diary.db` in `dir`, with ten days of the demo diary.
fn demo_diary(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("diary.db");
    let mut store = gutlog::Store::open(&db).unwrap();
    let ex = gutlog::demo::generate(
        10,
        3,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    );
    store.import(&ex).unwrap();
    db
}

/// The day's first launch copies the diary into backups/ (after the first
/// frame, so opening stays quick).
#[test]
fn the_first_launch_of_the_day_takes_the_daily_backup() {
    if no_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo_diary(dir.path());
    let tmux = start_gutlog("backup", &db);
    tmux.wait_for("Symptoms");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    let backup = dir.path().join("backups/diary-daily-2026-11-20.db");
    assert!(backup.exists(), "no daily backup at {}", backup.display());
    let copy = gutlog::Store::open(&backup).unwrap();
    assert!(!copy.is_empty().unwrap());
}

/// True while `pid` runs (a zombie has finished running).
#[cfg(target_os = "linux")]
fn running(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
    })
}

/// Waits up to `limit` for `pid` to end; true if it did.
#[cfg(target_os = "linux")]
fn ends_within(pid: &str, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if !running(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    !running(pid)
}

/// When its terminal disappears (the tmux server is killed), gutlog ends
/// within 2 s instead of spinning on the dead terminal.
#[cfg(target_os = "linux")]
#[test]
fn gutlog_exits_when_its_terminal_disappears() {
    if no_tmux() {
        return;
    }
    for how in ["kill-server", "kill-session"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("diary.db");
        let cmd = gutlog_then("", &db, "sleep 60");
        let tmux = Tmux::start(&format!("vanish-{how}"), &cmd);
        tmux.wait_for("Welcome to gutlog");
        tmux.keys(&["Escape"]);
        let pid = tmux.gutlog_pid();
        assert!(running(&pid));
        if how == "kill-server" {
            tmux.run(&["kill-server"]);
        } else {
            tmux.run(&["kill-session", "-t", "t"]);
        }
        assert!(
            ends_within(&pid, Duration::from_secs(2)),
            "{how}: gutlog (pid {pid}) still runs 2 s after its terminal went away"
        );
        // Nothing half-done: the diary opens and is healthy.
        let store = gutlog::Store::open(&db).unwrap();
        assert!(store.is_empty().unwrap());
    }
}

/// gutlog in tmux on a new diary, rating the first symptom `severity`
/// while another connection holds the write lock (as a long import in
/// another gutlog would): returns once the screen says "saving…", with the
/// lock still held.
fn saving_while_another_writes(
    name: &str,
    severity: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Tmux,
    rusqlite::Connection,
) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    drop(gutlog::Store::open(&db).unwrap());
    let tmux = start_gutlog(name, &db);
    tmux.wait_for("Welcome to gutlog");
    tmux.keys(&["Escape"]);
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    tmux.keys(&["s", severity]);
    tmux.wait_for("saving…");
    (dir, db, tmux, other)
}

/// A save that has to wait for another writer shows "saving…", then
/// saves once the other writer is done: nothing is lost.
#[test]
fn a_save_that_has_to_wait_says_saving_and_is_kept() {
    if no_tmux() {
        return;
    }
    let (_dir, db, tmux, other) = saving_while_another_writes("saving", "2");
    other.execute_batch("COMMIT").unwrap();
    tmux.wait_for("moderate");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    let day = gutlog::Store::open(&db)
        .unwrap()
        .day(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        .unwrap();
    assert_eq!(day.symptoms.len(), 1);
    assert_eq!(day.symptoms[0].severity.level(), 2);
}

/// SIGTERM while a save waits for another writer ends gutlog within a
/// second, with the terminal restored and nothing half-saved.
#[cfg(target_os = "linux")]
#[test]
fn sigterm_while_waiting_to_save_ends_promptly() {
    if no_tmux() {
        return;
    }
    let (_dir, db, tmux, other) = saving_while_another_writes("saving-term", "3");
    let pid = tmux.gutlog_pid();
    tmux.signal_gutlog("TERM");
    assert!(
        ends_within(&pid, Duration::from_secs(2)),
        "gutlog kept waiting after SIGTERM"
    );
    tmux.wait_for("EXITED");
    assert_eq!(alternate_on(&tmux), "0");
    other.execute_batch("ROLLBACK").unwrap();
    let store = gutlog::Store::open(&db).unwrap();
    assert!(store.is_empty().unwrap(), "nothing half-saved");
}

/// A bad `GUTLOG_KEEP_BACKUPS` never stops the check-in screen: it warns on
/// screen and keeps the default number of daily backups.
#[test]
fn a_bad_keep_backups_setting_warns_and_the_tui_still_starts() {
    if no_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo_diary(dir.path());
    let cmd = gutlog_then("GUTLOG_KEEP_BACKUPS=many ", &db, "echo EXITED $?; sleep 60");
    let tmux = Tmux::start("keep", &cmd);
    let screen = tmux.wait_for("Symptoms");
    assert!(screen.contains("GUTLOG_KEEP_BACKUPS"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
    assert!(dir
        .path()
        .join("backups/diary-daily-2026-11-20.db")
        .exists());
}

/// The screen with its colours and emphasis as escape sequences.
fn screen_with_styles(tmux: &Tmux) -> String {
    String::from_utf8_lossy(&tmux.run(&["capture-pane", "-p", "-e", "-t", "t"]).stdout).into_owned()
}

/// True when any SGR sequence sets a colour (foreground or background,
/// 8, 16, 256 or true colour); bold and reverse video are not colour.
fn has_colour(styled: &str) -> bool {
    styled.split("\x1b[").skip(1).any(|seq| {
        let Some(end) = seq.find('m') else {
            return false;
        };
        seq[..end]
            .split([';', ':'])
            .filter_map(|p| p.parse::<u16>().ok())
            .any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107))
    })
}

/// The settings file reaches the real screen: `color = false` leaves no
/// colour in the terminal (`color = true` does colour it, whatever
/// NO_COLOR says), and `water_unit = "ml"` shows and takes millilitres.
#[test]
fn the_settings_file_reaches_the_real_screen() {
    if no_tmux() {
        return;
    }
    for (name, color) in [("nocolor", false), ("color", true)] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("diary.db");
        let config = dir.path().join("config.toml");
        std::fs::write(&config, format!("color = {color}\nwater_unit = \"ml\"\n")).unwrap();
        let env = format!("GUTLOG_CONFIG={} ", shell_quote(&config));
        let cmd = gutlog_then(&env, &db, "echo EXITED $?; sleep 60");
        let tmux = Tmux::start(name, &cmd);
        tmux.wait_for("Welcome to gutlog");
        tmux.keys(&["Escape"]);
        tmux.keys(&["s"]);
        tmux.keys(&["2"]);
        tmux.wait_for("Saved: bloating moderate");
        // c goes to mood; water is four rows below it.
        tmux.keys(&["c"]);
        tmux.keys(&["j", "j", "j", "j"]);
        tmux.text("500");
        tmux.keys(&["Enter"]);
        let shown = tmux.wait_for("Saved: water 500 ml");
        assert!(shown.contains("Water     ◂ ▸ 500 ml"), "{shown}");
        let styled = screen_with_styles(&tmux);
        assert!(styled.contains("\x1b["), "styles captured: {styled}");
        assert_eq!(has_colour(&styled), color, "{name}: {styled:?}");
        tmux.keys(&["q"]);
        tmux.wait_for("EXITED 0");
        let day = gutlog::Store::open(&db)
            .unwrap()
            .day(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
            .unwrap();
        assert_eq!(day.checkin.and_then(|c| c.water_glasses), Some(2));
    }
}

/// The experiment page in a real terminal: from the Plan screen, x opens
/// the page, s the start form; the form is filled and saved with keys,
/// the page shows the running experiment, p pauses it, and after q the
/// diary (read by the CLI) holds it with its pause.
#[test]
fn start_and_pause_an_experiment_in_a_real_terminal() {
    if no_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("diary.db");
    let tmux = start_gutlog("experiment", &db);

    tmux.wait_for("Welcome to gutlog");
    tmux.keys(&["Escape"]);
    tmux.keys(&["3"]);
    tmux.keys(&["x"]);
    tmux.wait_for("No experiment yet");
    tmux.keys(&["s"]);
    tmux.wait_for("Start an experiment");
    tmux.text("dairy");
    tmux.keys(&["Tab"]);
    tmux.text("bloating");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved: experiment on dairy");
    tmux.wait_for("Experiment on dairy for bloating · ABAB · running");
    tmux.keys(&["p"]);
    tmux.wait_for("paused");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");

    let json = exported(&db);
    let experiments = json["experiments"].as_array().unwrap();
    assert_eq!(experiments.len(), 1, "{json}");
    let e = &experiments[0];
    assert_eq!(e["factor"], "tag:dairy");
    assert_eq!(e["symptoms"], serde_json::json!(["bloating"]));
    assert_eq!(e["started_on"], "2026-11-20");
    assert_eq!(e["ended_on"], serde_json::Value::Null);
    let pauses = e["pauses"].as_array().expect("pauses");
    assert_eq!(pauses.len(), 1, "{e}");
    assert_eq!(pauses[0]["from"], "2026-11-20", "{e}");
    assert_eq!(pauses[0]["to"], serde_json::Value::Null, "{e}");
}
