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
            sig => {
                let out = tmux.run(&["display", "-p", "-t", "t", "#{pane_pid}"]);
                let sh = String::from_utf8_lossy(&out.stdout).trim().to_string();
                let children =
                    std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")).unwrap();
                let pid = children
                    .split_whitespace()
                    .next()
                    .expect("gutlog is running");
                assert!(Command::new("kill")
                    .args([&format!("-{sig}"), pid])
                    .status()
                    .unwrap()
                    .success());
            }
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
