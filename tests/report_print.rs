//! The HTML report in a real browser: headless Chromium prints it to PDF on
//! US Letter and A4, poppler's `pdfinfo` counts the pages and `pdftotext`
//! reads the text back. Without Chromium or poppler-utils the test says so
//! and skips (`.ci/run` installs both).

#[path = "support/clinic.rs"]
mod clinic;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn found(program: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"]
        .into_iter()
        .find(|p| found(p))
}

/// The tools, or a notice saying which are missing.
fn tools() -> Option<&'static str> {
    let missing: Vec<&str> = [
        ("chromium", chromium().is_some()),
        ("pdfinfo", found("pdfinfo")),
        ("pdftotext", found("pdftotext")),
    ]
    .into_iter()
    .filter(|(_, ok)| !ok)
    .map(|(name, _)| name)
    .collect();
    if missing.is_empty() {
        chromium()
    } else {
        eprintln!(
            "NOTICE: {} not installed: the printed-report test is SKIPPED \
             (apt-get install chromium poppler-utils; .ci/run does this)",
            missing.join(", ")
        );
        None
    }
}

fn gutlog(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("gutlog").unwrap();
    c.env("GUTLOG_DB", dir.join("diary.db"))
        .env("GUTLOG_NOW", clinic::NOW)
        .env("GUTLOG_KEEP_BACKUPS", "0")
        .env("TZ", "Asia/Kathmandu")
        .env_remove("XDG_DATA_HOME");
    c
}

/// Prints `html` to a PDF; `a4` adds a page size rule (else Chromium's
/// default, US Letter).
fn print(chrome: &str, dir: &Path, html: &Path, a4: bool) -> PathBuf {
    let page = if a4 {
        let text = std::fs::read_to_string(html).unwrap();
        let a4_html = dir.join("a4.html");
        std::fs::write(
            &a4_html,
            text.replacen("</head>", "<style>@page { size: A4; }</style></head>", 1),
        )
        .unwrap();
        a4_html
    } else {
        html.to_path_buf()
    };
    let pdf = dir.join(if a4 { "a4.pdf" } else { "letter.pdf" });
    let profile = dir.join("chromium-profile");
    let mut child = std::process::Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish printing in 180 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(pdf.exists(), "chromium wrote no PDF");
    pdf
}

fn run(program: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{program} {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}

fn pages(pdf: &Path) -> (u32, String) {
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

/// Each page's text, with runs of spaces collapsed.
fn page_texts(pdf: &Path, count: u32) -> Vec<String> {
    (1..=count)
        .map(|p| {
            let t = run(
                "pdftotext",
                &[
                    "-f",
                    &p.to_string(),
                    "-l",
                    &p.to_string(),
                    "-layout",
                    pdf.to_str().unwrap(),
                    "-",
                ],
            );
            t.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// The page holding `needle`.
fn page_of(texts: &[String], needle: &str) -> usize {
    texts
        .iter()
        .position(|t| t.contains(needle))
        .unwrap_or_else(|| panic!("no page holds {needle:?}"))
}

fn percent(n: usize, of: usize) -> String {
    format!("{:.0}%", 100.0 * n as f64 / of as f64)
}

#[test]
fn the_printed_report_fits_two_pages_and_reads_back() {
    let Some(chrome) = tools() else { return };
    let dir = TempDir::new().unwrap();
    let json = dir.path().join("fixture.json");
    std::fs::write(&json, clinic::exchange().to_json()).unwrap();
    gutlog(dir.path())
        .arg("import")
        .arg(&json)
        .assert()
        .success();
    let html = dir.path().join("report.html");
    gutlog(dir.path())
        .args(["report", "--format", "html", "--out"])
        .arg(&html)
        .args(["--question", "Should I be tested for coeliac disease?"])
        .assert()
        .success();

    // Figures counted from the fixture's rules.
    let logged: Vec<i64> = (0..clinic::DAYS).filter(|&i| clinic::logged(i)).collect();
    let bloating = logged.iter().filter(|&&i| clinic::bloating(i) > 0).count();
    let stools: Vec<u8> = logged.iter().flat_map(|&i| clinic::stools(i)).collect();
    let loose = stools.iter().filter(|&&k| k >= 6).count();
    let hard = stools.iter().filter(|&&k| k <= 2).count();
    let omeprazole = logged.iter().filter(|&&i| clinic::omeprazole(i)).count();
    let day = |i: i64| clinic::day(i).format("%-d %b").to_string();
    let expected = [
        "Gut-health diary summary".to_string(),
        format!("{} – 22 Nov 2026 (90 days)", day(0)),
        format!("Logged on {} of 90 days", logged.len()),
        "For attention".into(),
        format!("Fever: {}, {}", day(50), day(53)),
        format!(
            "Rectal bleeding, blood in stool or black stool: {}",
            day(80)
        ),
        format!("Bloating {bloating} of {}", logged.len()),
        "Heartburn".into(),
        // The figures under "Stools logged", "Per logged day", "Hard" and "Loose".
        format!(
            "{} {:.1}",
            stools.len(),
            stools.len() as f64 / logged.len() as f64
        ),
        format!(
            "{} {}",
            percent(hard, stools.len()),
            percent(loose, stools.len())
        ),
        "diarrhoea-predominant".into(),
        format!("omeprazole Antacid or acid reducer {omeprazole}"),
        "amoxicillin Antibiotic".into(),
        "Mood (1–5)".into(),
        "What came before the symptoms".into(),
        "possible trigger".into(),
        "Should I be tested for coeliac disease?".into(),
        // The note is text on the page, not markup that ran.
        clinic::SCRIPT_NOTE.into(),
        "Stressful week at work".into(),
    ];

    for a4 in [false, true] {
        let pdf = print(chrome, dir.path(), &html, a4);
        let (count, size) = pages(&pdf);
        let paper = if a4 { "A4" } else { "letter" };
        assert!(size.contains(paper), "page size {size}, expected {paper}");
        assert!(
            (1..=2).contains(&count),
            "{paper}: {count} pages, at most 2"
        );
        let texts = page_texts(&pdf, count);
        let all = texts.join("\n");
        for e in &expected {
            assert!(
                all.contains(e.as_str()),
                "{paper}: the PDF lacks {e:?}:\n{all}"
            );
        }
        // Charts are never split across pages.
        for (first, last) in [
            ("Separate hard lumps", "Watery"),
            ("Mood (1–5)", "Movement (minutes)"),
            ("Days present per week", "Heartburn"),
        ] {
            assert_eq!(
                page_of(&texts, first),
                page_of(&texts, last),
                "{paper}: {first}…{last} split"
            );
        }
    }
}

#[test]
fn a_typical_90_day_demo_report_prints_on_at_most_two_pages() {
    let Some(chrome) = tools() else { return };
    let dir = TempDir::new().unwrap();
    gutlog(dir.path())
        .args(["demo", "--days", "365"])
        .assert()
        .success();
    let html = dir.path().join("report.html");
    gutlog(dir.path())
        .args(["report", "--format", "html", "--out"])
        .arg(&html)
        .args([
            "--question",
            "Could dairy be behind the bloating?",
            "--question",
            "Do I need any tests?",
        ])
        .assert()
        .success();
    for a4 in [false, true] {
        let pdf = print(chrome, dir.path(), &html, a4);
        let (count, _) = pages(&pdf);
        assert!((1..=2).contains(&count), "a4={a4}: {count} pages");
    }
}
