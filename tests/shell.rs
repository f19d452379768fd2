//! Completion scripts and manual pages: each script passes its shell's
//! syntax check, the name hook completes foods, symptoms and medicines from
//! the dictionary and the diary, and every manual page renders cleanly.
//! A check whose tool is not installed is skipped with a notice
//! (`.ci/run` installs zsh, fish and mandoc).

mod common;
use common::Diary;
use std::path::Path;
use std::process::Command;

fn installed(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("SKIPPED: {tool} is not installed; this check did not run");
    }
    found
}

/// A diary with foods, a medicine and a symptom of its own.
fn seeded() -> Diary {
    let d = Diary::new();
    d.ok(&["log", "meal", "grandma's stew, oats", "--at", "12:00"]);
    d.ok(&["log", "intake", "bitter herbs"]);
    d.ok(&["log", "symptom", "hiccups", "1", "--new"]);
    d
}

fn script(d: &Diary, shell: &str) -> std::path::PathBuf {
    let path = d.dir.path().join(format!("gutlog.{shell}"));
    std::fs::write(&path, d.ok(&["completions", shell])).unwrap();
    path
}

/// A shell command line that runs with the test's gutlog first on PATH.
fn shell_cmd(d: &Diary, shell: &str, args: &[&str]) -> Command {
    let bin = assert_cmd::cargo::cargo_bin("gutlog");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut c = Command::new(shell);
    c.args(args)
        .env("PATH", path)
        .env("GUTLOG_DB", &d.db)
        .env("GUTLOG_NOW", common::NOW)
        .env("XDG_CONFIG_HOME", d.dir.path().join("config"))
        .current_dir(d.dir.path());
    c
}

fn lines(out: &std::process::Output) -> Vec<String> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn every_completion_script_passes_its_shells_syntax_check() {
    let d = Diary::new();
    for (shell, check) in [("bash", "-n"), ("zsh", "-n"), ("fish", "--no-execute")] {
        let path = script(&d, shell);
        if !installed(shell) {
            continue;
        }
        let out = Command::new(shell).arg(check).arg(&path).output().unwrap();
        assert!(
            out.status.success(),
            "{shell} {check}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for shell in ["elvish", "powershell"] {
        let s = d.ok(&["completions", shell]);
        assert!(s.contains("gutlog") && s.contains("status"), "{shell}: {s}");
    }
    let err = d.fails(&["completions", "tcsh"], 2);
    assert!(err.contains("bash"), "{err}");
}

#[test]
fn the_hook_completes_names_from_the_dictionary_and_the_diary() {
    let d = seeded();
    let hook = |kind: &str, word: &str| -> Vec<String> {
        d.ok(&["__complete", kind, "--", word])
            .lines()
            .map(String::from)
            .collect()
    };
    // The diary's own food comes first, then the dictionary's.
    let foods = hook("foods", "Gr");
    assert_eq!(foods[0], "grandma's stew", "{foods:?}");
    assert!(foods.iter().any(|f| f == "granola"), "{foods:?}");
    assert!(
        foods.iter().all(|f| f.to_lowercase().starts_with("gr")),
        "{foods:?}"
    );
    // Only the part after the last comma is completed.
    let foods = hook("foods", "\"oats, kimc");
    assert_eq!(foods, ["oats, kimchi"]);
    assert!(hook("symptoms", "hic").contains(&"hiccups".to_string()));
    assert!(hook("symptoms", "bloa").contains(&"bloating".to_string()));
    assert_eq!(hook("intakes", "bitter")[0], "bitter herbs");
    assert!(hook("intakes", "ibu").contains(&"ibuprofen".to_string()));
    // No diary: the dictionary alone, and the diary is not created.
    let empty = Diary::new();
    let out = empty.ok(&["__complete", "foods", "--", "kimc"]);
    assert_eq!(out.trim(), "kimchi");
    assert!(!empty.db.exists());
    // A file that is not a diary: still no error, no noise.
    std::fs::write(&empty.db, "not a database").unwrap();
    let out = empty
        .cmd()
        .args(["__complete", "symptoms", "--", "gas"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "gas");
}

#[test]
fn bash_completes_names_only_where_a_name_goes() {
    let d = seeded();
    let path = script(&d, "bash");
    let complete = |words: &str, cword: usize| -> Vec<String> {
        let code = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={cword}; \
             _gutlog_with_names gutlog \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            path.display()
        );
        lines(&shell_cmd(&d, "bash", &["-c", &code]).output().unwrap())
    };
    assert_eq!(
        complete("gutlog log meal '\"oats, grand'", 3),
        ["oats, grandma's stew"]
    );
    assert_eq!(
        complete("gutlog --db x.db log meal --at 12:00 kimc", 7),
        ["kimchi"]
    );
    // As bash splits them: "12:00" and "--at=12:00" come in pieces.
    assert_eq!(complete("gutlog log meal --at 12 : 00 kimc", 7), ["kimchi"]);
    assert_eq!(
        complete("gutlog log meal --at = 12 : 00 kimc", 8),
        ["kimchi"]
    );
    assert!(complete("gutlog log symptom hic", 3).contains(&"hiccups".to_string()));
    assert_eq!(complete("gutlog log intake bitt", 3), ["bitter herbs"]);
    // The severity after the symptom, and option values, are not names.
    assert!(!complete("gutlog log symptom hiccups hic", 4).contains(&"hiccups".to_string()));
    assert!(!complete("gutlog log meal --note bana", 4).contains(&"banana".to_string()));
    // Everything else is clap's completion.
    assert_eq!(complete("gutlog stat", 1), ["status"]);
    assert_eq!(complete("gutlog log meal --sl", 3), ["--slot"]);
}

#[test]
fn fish_completes_names_where_a_name_goes() {
    if !installed("fish") {
        return;
    }
    let d = seeded();
    let path = script(&d, "fish");
    let complete = |line: &str| -> Vec<String> {
        let code = format!("source {}; complete -C'{line}'", path.display());
        lines(
            &shell_cmd(&d, "fish", &["--no-config", "-c", &code])
                .output()
                .unwrap(),
        )
        .into_iter()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
    };
    assert_eq!(
        complete("gutlog log meal \"oats, grand"),
        ["oats, grandma's stew"]
    );
    assert!(complete("gutlog log symptom hic").contains(&"hiccups".to_string()));
    assert!(complete("gutlog log intake bitt").contains(&"bitter herbs".to_string()));
    assert!(!complete("gutlog log meal --note bana").contains(&"banana".to_string()));
    assert!(complete("gutlog sta").contains(&"status".to_string()));
}

#[test]
fn zsh_sends_the_three_name_arguments_through_the_hook() {
    let d = seeded();
    let path = script(&d, "zsh");
    let text = std::fs::read_to_string(&path).unwrap();
    for spec in [
        "':foods -- Foods, comma-separated:_gutlog_names foods'",
        ":_gutlog_names symptoms'",
        ":_gutlog_names intakes'",
    ] {
        assert_eq!(text.matches(spec).count(), 1, "{spec} in the zsh script");
    }
    // Nothing else (the red flag's name, say) goes through the hook.
    assert_eq!(text.matches(":_gutlog_names ").count(), 3);
    if !installed("zsh") {
        return;
    }
    // Run the helper with compadd stubbed to print what it would offer.
    let code = format!(
        "source {} 2>/dev/null; compadd() {{ print -rl -- \"${{(@P)${{@[-1]}}}}\"; }}; \
         PREFIX='oats, grand'; _gutlog_names -J -default- foods; PREFIX=hic; _gutlog_names symptoms",
        path.display()
    );
    let out = lines(&shell_cmd(&d, "zsh", &["-f", "-c", &code]).output().unwrap());
    assert_eq!(out, ["oats, grandma's stew", "hiccups"]);
}

fn lint(page: &Path) {
    if installed("mandoc") {
        let out = Command::new("mandoc")
            .args(["-T", "lint", "-W", "warning"])
            .arg(page)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}{}",
            page.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    } else if installed("man") {
        let out = Command::new("man")
            .arg("-l")
            .arg(page)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        assert!(out.status.success() && !out.stdout.is_empty());
    }
}

#[test]
fn the_man_page_renders() {
    let d = Diary::new();
    let page = d.dir.path().join("gutlog.1");
    let roff = d.ok(&["man"]);
    assert!(
        roff.contains(".TH GUTLOG 1"),
        "{}",
        &roff[..200.min(roff.len())]
    );
    for sub in [
        "gutlog\\-status(1)",
        "gutlog\\-config(1)",
        "gutlog\\-remind(1)",
    ] {
        assert!(roff.contains(sub), "{sub}");
    }
    assert!(
        !roff.contains("__complete"),
        "hidden commands stay out of the manual"
    );
    std::fs::write(&page, &roff).unwrap();
    lint(&page);
    if installed("man") {
        let out = Command::new("man")
            .arg("-l")
            .arg(&page)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("SUBCOMMANDS"), "{text}");
        assert!(text.contains("Print a shell completion script"), "{text}");
    }
}

#[test]
fn man_dir_writes_a_page_for_every_command_and_each_renders() {
    let d = Diary::new();
    let dir = d.dir.path().join("man/man1");
    let out = d.ok(&["man", "--dir", dir.to_str().unwrap()]);
    let mut pages: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert!(
        out.contains(&format!("Wrote {} manual pages", pages.len())),
        "{out}"
    );
    for p in [
        "gutlog.1",
        "gutlog-log-meal.1",
        "gutlog-status.1",
        "gutlog-config-show.1",
    ] {
        assert!(pages.contains(&p.to_string()), "{p} in {pages:?}");
    }
    assert!(!pages.iter().any(|p| p.contains("__")), "{pages:?}");
    for p in &pages {
        lint(&dir.join(p));
    }
}
