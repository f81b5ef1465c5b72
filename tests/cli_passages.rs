//! `parallax passages A B`: the table and the CSV.

use crate::util::{cp_slice, seeds_dir, Table, Workdir};

#[test]
fn seeds_000_and_001_share_passages_with_exact_offsets() {
    let wd = Workdir::new();
    let a = seeds_dir().join("000_4a9ff38471bb20bb.txt");
    let b = seeds_dir().join("001_1b4fe8d37dfc8185.txt");
    let out = wd.run_ok(&["passages", a.to_str().unwrap(), b.to_str().unwrap(), "--csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.starts_with('\u{feff}'), "no BOM on stdout");
    let t = Table::parse(&text);
    assert!(t.rows.len() >= 2, "{text}");
    let at = std::fs::read_to_string(&a).unwrap();
    for r in t.records() {
        let (s, e) = (r["a_start"].parse().unwrap(), r["a_end"].parse().unwrap());
        assert_eq!(cp_slice(&at, s, e), r["a_text"].trim_start_matches('\''));
    }
    let table = wd.run_ok(&["passages", a.to_str().unwrap(), b.to_str().unwrap()]);
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("passages shared by"), "{table}");
}

#[test]
fn unrelated_documents_share_nothing() {
    let wd = Workdir::new();
    wd.write(
        "a.txt",
        "The committee approved the budget for the new hospital after a long debate.",
    );
    wd.write(
        "b.txt",
        "Rain is expected across the north of the country on Sunday, forecasters said.",
    );
    let out = wd.run_ok(&["passages", "a.txt", "b.txt", "--csv"]);
    let t = Table::parse(&String::from_utf8(out.stdout).unwrap());
    assert!(t.rows.is_empty());
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let wd = Workdir::new();
    wd.write("a.txt", "نص");
    let out = wd.run_err(&["passages", "a.txt", "missing.txt"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
}
