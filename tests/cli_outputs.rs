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

/// Node with the `playwright-core` package (PARALLAX_NODE_PATH names the
/// `node_modules` folder that holds it; `.ci/run` installs it).
fn node_with_playwright() -> Option<(PathBuf, Option<std::ffi::OsString>)> {
    let node_path = std::env::var_os("PARALLAX_NODE_PATH");
    let mut cmd = Command::new("node");
    cmd.args(["-e", "require('playwright-core')"]);
    if let Some(p) = &node_path {
        cmd.env("NODE_PATH", p);
    }
    cmd.output().is_ok_and(|o| o.status.success()).then(|| (PathBuf::from("node"), node_path))
}

/// The report of 1,500 generated articles (five outlets, planted copies),
/// read as a reader would in headless Chromium driven by Playwright
/// (tests/browser/report.cjs): it opens on a finding, the search box
/// narrows pairs and documents, a pair opens side by side with the same
/// passage highlighted and in view in both panes, clicking a passage moves
/// both, no script error, nothing fetched, the screenshot is not blank, and
/// collapsed the page is short.
#[test]
fn a_reader_searches_and_compares_in_a_1500_article_report() {
    let Some(chrome) = chromium() else {
        return skip("chromium");
    };
    let Some((node, node_path)) = node_with_playwright() else {
        return skip("node with playwright-core (npm install playwright-core; PARALLAX_NODE_PATH)");
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let wd = Workdir::new();
    let gen = Command::new("python3")
        .arg(root.join("benches/peers/corpus.py"))
        .args(["topical", "1500"])
        .arg(wd.join("corpus"))
        .arg("--meta")
        .output()
        .unwrap();
    assert!(gen.status.success(), "corpus.py: {}", String::from_utf8_lossy(&gen.stderr));
    let corpus = wd.join("corpus/corpus.jsonl");
    wd.run_ok(&["run", "-q", "--format", "html,csv", corpus.to_str().unwrap(), "-o", "out"]);
    let mut cmd = Command::new(node);
    cmd.arg(root.join("tests/browser/report.cjs"))
        .arg(wd.join("out/report.html"))
        .arg(wd.join("shot.png"))
        .arg("skynews")
        .env("PARALLAX_CHROMIUM", on_path(&chrome));
    if let Some(p) = node_path {
        cmd.env("NODE_PATH", p);
    }
    let out = cmd.output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the browser test failed:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The script's measurements, read back: the page is short when
    // collapsed and opens on republished copies.
    let m: serde_json::Value = serde_json::from_str(report.trim()).unwrap();
    assert_eq!(m["first_section"], "groups", "{report}");
    assert!(m["height_collapsed"].as_u64().unwrap() < 5_000, "{report}");
    assert!(m["height_open"].as_u64().unwrap() < 30_000, "{report}");
}

/// `p` as a full path (Playwright wants one): looked up on PATH when it is
/// a bare name.
fn on_path(p: &Path) -> PathBuf {
    if p.components().count() > 1 {
        return p.to_path_buf();
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(p))
        .find(|full| full.is_file())
        .unwrap_or_else(|| p.to_path_buf())
}
