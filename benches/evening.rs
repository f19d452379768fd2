//! The evening of issue 9 in a real terminal: the release binary in tmux
//! at 80×24, on a fresh diary with 14 days of history, driven key by key
//! through exactly that evening (tests/support/evening.rs). Prints the keys
//! sent beyond the food and supplement names (numbers typed count; the
//! commas between foods are reported apart), then checks the saved day
//! with `gutlog day --json` and `gutlog plan --json`.
//!
//! `cargo bench --bench evening` (needs tmux). Target: ≤ 30 keys, never
//! more than 40. A benchmark, not a test: the figure goes in README.

#[path = "../tests/support/evening.rs"]
mod evening;

use evening::Step;
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
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e"]).stdout).into_owned()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {text:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&self, args: &[&str]) {
        let mut all = vec!["send-keys", "-t", "e"];
        all.extend_from_slice(args);
        assert!(self.run(&all).status.success(), "send-keys {args:?}");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// Sends a key spec ("a", "<Enter>", "6.5") one key at a time.
fn send_keys(tmux: &Tmux, spec: &str) {
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' {
            let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
            let key = match name.as_str() {
                "Enter" => "Enter",
                "Esc" => "Escape",
                "Tab" => "Tab",
                other => panic!("no tmux name for <{other}>"),
            };
            tmux.send(&[key]);
        } else if c == ' ' {
            tmux.send(&["Space"]);
        } else {
            tmux.send(&["-l", &c.to_string()]);
        }
    }
}

fn gutlog(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(BIN)
        .env("GUTLOG_NOW", evening::NOW)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn main() {
    if !Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        println!("tmux is not installed: the evening benchmark needs it");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("evening.db");
    {
        let mut store = gutlog::Store::open(&db).unwrap();
        store.import(&evening::history()).unwrap();
    }
    let tmux = Tmux {
        socket: format!("gutlog-evening-{}", std::process::id()),
    };
    let cmd = format!(
        "GUTLOG_NOW={} '{}' --db '{}'; echo EXITED $?; sleep 60",
        evening::NOW,
        BIN,
        db.display()
    );
    let out = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "e",
        "-x",
        "80",
        "-y",
        "24",
        "sh",
        "-c",
        &cmd,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmux.run(&["set-option", "-g", "escape-time", "0"]);

    let started = Instant::now();
    for step in evening::EVENING {
        match step {
            Step::Keys(k) => send_keys(&tmux, k),
            Step::Names(n) => tmux.send(&["-l", n]),
            Step::Wait(text) => tmux.wait_for(text),
        }
    }
    tmux.wait_for("EXITED 0");
    let took = started.elapsed();

    let day = gutlog(&db, &["day", "2026-11-20", "--json"]);
    let plan = gutlog(&db, &["plan", "--json"]);
    let day3 = plan["days"]
        .as_array()
        .and_then(|d| d.iter().find(|x| x["day"] == 3))
        .is_some_and(|x| !x["done_at"].is_null());
    let (keys, commas) = evening::counts();
    println!("evening at 80x24 in tmux (release binary, 14 days of history):");
    println!("  keys beyond food and supplement names: {keys} (target <= 30, limit 40)");
    println!(
        "  plus {commas} commas between foods: {} keys in all but the names",
        keys + commas
    );
    println!(
        "  driven in {:.1} s (waiting for each confirmation on screen)",
        took.as_secs_f64()
    );
    match evening::check(&day, day3) {
        Ok(()) => println!("  saved day checked with `gutlog day --json`: all correct"),
        Err(e) => {
            println!("  saved day is WRONG:\n{e}");
            std::process::exit(1);
        }
    }
}
