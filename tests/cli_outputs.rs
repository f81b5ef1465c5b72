//! The files as their users open them: Python's csv module and openpyxl
//! read the CSVs and the workbook (scripts/check_outputs.py), and headless
//! Chromium loads report.html. These tools are optional on a developer's
//! machine (the test says it skipped); `.ci/run` installs them and sets
//! PARALLAX_REQUIRE_TOOLS so that in CI they must run.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{tools_required, Workdir};

fn python_with_openpyxl() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = std::env::var_os("PARALLAX_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([PathBuf::from("python3")])
        .collect();
    candidates.into_iter().find(|py| {
        Command::new(py).args(["-c", "import openpyxl"]).output().is_ok_and(|o| o.status.success())
    })
}

fn chromium() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = std::env::var_os("PARALLAX_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(["chromium", "chromium-browser", "google-chrome"].map(PathBuf::from))
        .collect();
    candidates
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
}

fn skip(what: &str) {
    assert!(
        !tools_required(),
        "{what} is required (PARALLAX_REQUIRE_TOOLS is set) but was not found"
    );
    eprintln!("skipped: {what} not found");
}

#[test]
fn python_csv_and_openpyxl_read_what_parallax_computed() {
    let Some(py) = python_with_openpyxl() else {
        return skip("python3 with openpyxl");
    };
    let wd = Workdir::new();
    wd.run_ok(&["run", "-q", "--format", "csv,xlsx"]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check_outputs.py");
    let out = Command::new(py).arg(script).arg(wd.join("parallax-out")).output().unwrap();
    assert!(
        out.status.success(),
        "check_outputs.py failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn chromium_args(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

#[test]
fn chromium_renders_the_report_with_passages_and_matrices() {
    let Some(chrome) = chromium() else {
        return skip("chromium");
    };
    let wd = Workdir::new();
    // Every paraphrase, so that 000/001's retold passages are reported.
    wd.run_ok(&["run", "-q", "--format", "html,csv", "--min-copied-run", "0"]);
    let html = wd.join("parallax-out/report.html");
    let url = format!("file://{}", html.display());
    let profile = wd.join("chrome-profile");
    let dom = Command::new(&chrome)
        .args(chromium_args(&profile))
        .args(["--dump-dom", &url])
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "chromium --dump-dom failed: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    // The passages of 000/001 are in the page, highlighted, right to left.
    let passages = wd.csv("parallax-out/passages.csv").records();
    let first = passages.iter().find(|r| r["doc_a"].starts_with("000_")).expect("a 000 passage");
    let snippet: String = first["a_text"].chars().take(30).collect();
    assert!(dom.contains(&snippet), "the DOM does not hold the passage text {snippet:?}");
    assert!(dom.contains("<mark"), "passages are not highlighted");
    assert!(dom.contains("dir=\"rtl\""), "Arabic is not shown right to left");
    assert!(dom.contains("000_4a9ff38471bb20bb.txt") && dom.contains("<table"), "matrices missing");
    // A screenshot that is not blank: more than a handful of distinct bytes
    // in the decompressed image would need a PNG decoder; a blank 1200×900
    // page compresses to a few KB, a rendered report to much more.
    let shot = wd.join("shot.png");
    let out = Command::new(&chrome)
        .args(chromium_args(&profile))
        .args([format!("--screenshot={}", shot.display()), "--window-size=1200,900".into(), url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium --screenshot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 20_000, "screenshot looks blank ({size} bytes)");
}
