//! Inputs and outputs (issue 21): hostile inputs, messages that are never
//! silenced, output folders that cannot mislead, records on stdin.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::{seeds_dir, Workdir};

fn seed(i: usize) -> Vec<u8> {
    let mut names: Vec<_> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    std::fs::read(&names[i]).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ids(wd: &Workdir, out: &str) -> Vec<String> {
    wd.csv(&format!("{out}/documents.csv")).rows.iter().map(|r| r[0].clone()).collect()
}

/// Runs `parallax args`, killing it after `limit`: a hang is a failure, not
/// a stuck test run.
fn run_with_deadline(wd: &Workdir, args: &[&str], limit: Duration) -> std::process::Output {
    let mut child =
        wd.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("parallax {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

// ---- hostile inputs ----

#[test]
fn punctuation_only_document_above_the_matrix_limit() {
    let wd = Workdir::new();
    wd.write("t1/a.txt", "...\n");
    wd.write("t1/000.txt", seed(0));
    wd.write("t1/001.txt", seed(1));
    wd.run_ok(&["run", "t1", "-o", "o1", "--matrix-limit", "1", "-q"]);
    assert_eq!(ids(&wd, "o1"), ["000.txt", "001.txt", "a.txt"]);
    // The archive takes the folder whole; the token-less document matches
    // nothing, the others are found.
    let out = wd.run_ok(&["index", "add", "--db", "a.sqlite", "t1"]);
    assert!(stdout(&out).contains("3 added"), "{}", stdout(&out));
    wd.run_ok(&["index", "query", "--db", "a.sqlite", "t1", "-o", "q", "-q"]);
}

#[test]
fn fifo_in_a_folder_is_a_problem_not_a_hang() {
    let wd = Workdir::new();
    wd.write("f/000.txt", seed(0));
    let fifo = wd.join("f/x.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo not available");
        return;
    }
    let limit = Duration::from_secs(120);
    let out = run_with_deadline(&wd, &["dups", "f", "-o", "o", "-q"], limit);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("f/x.txt: not a regular file"), "{}", stderr(&out));
    let out = run_with_deadline(&wd, &["dups", "f", "-o", "o2", "--strict"], limit);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("x.txt"));
}

#[test]
fn self_closed_divs_nest_and_are_refused() {
    let wd = Workdir::new();
    wd.write("h/000.txt", seed(0));
    wd.write(
        "h/x.html",
        format!("<html><body>{}<p>text</p></body></html>", "<div/>".repeat(100_000)),
    );
    let out = wd.run_ok(&["dups", "h", "-o", "o", "-q"]);
    assert!(stderr(&out).contains("h/x.html: HTML nested about"), "{}", stderr(&out));
    assert_eq!(ids(&wd, "o"), ["000.txt"]);
}

#[test]
fn run_dot_twice_never_reads_its_own_output() {
    let wd = Workdir::new();
    wd.seeds("corpus");
    let dir = wd.join("corpus");
    for _ in 0..2 {
        let out = wd.command(&["run", ".", "-q"]).current_dir(&dir).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let text = std::fs::read_to_string(dir.join("parallax-out/documents.csv")).unwrap();
    assert!(!text.contains("parallax-out"), "{text}");
    assert_eq!(text.lines().count(), 1 + 5, "the five seeds only:\n{text}");
    // Another folder holding a parallax manifest is passed over too, with a
    // word about it.
    let out = wd.run_ok(&["dups", "corpus", "-o", "elsewhere"]);
    assert!(stderr(&out).contains("a parallax output folder; not read"), "{}", stderr(&out));
    assert_eq!(ids(&wd, "elsewhere").len(), 5);
}

#[test]
fn same_relative_path_under_two_inputs_keeps_both() {
    let wd = Workdir::new();
    wd.write("dA/x.txt", seed(0));
    wd.write("dB/x.txt", seed(1));
    let out = wd.run_ok(&["dups", "dA", "dB", "-o", "o"]);
    assert_eq!(ids(&wd, "o"), ["dB/x.txt", "x.txt"]);
    assert!(stderr(&out).contains("this document's id is dB/x.txt"), "{}", stderr(&out));
    // The archive keeps both too: the second add is another article.
    wd.run_ok(&["index", "add", "--db", "a.sqlite", "dA", "-q"]);
    let out = wd.run_ok(&["index", "add", "--db", "a.sqlite", "dB"]);
    assert!(stdout(&out).contains("1 added, 0 replaced"), "{}", stdout(&out));
    assert!(stdout(&out).contains("2 documents in the archive"), "{}", stdout(&out));
    // Re-adding the same folder is still an update of the same articles.
    let out = wd.run_ok(&["index", "add", "--db", "a.sqlite", "dA"]);
    assert!(stdout(&out).contains("2 documents in the archive"), "{}", stdout(&out));
}

#[cfg(unix)]
#[test]
fn names_differing_only_in_invalid_utf8_keep_their_own_ids() {
    use std::os::unix::ffi::OsStrExt;
    let wd = Workdir::new();
    std::fs::create_dir(wd.join("iu")).unwrap();
    let dir = wd.join("iu");
    std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"a\x92.txt")), seed(0)).unwrap();
    std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"a\x93.txt")), seed(1)).unwrap();
    let out = wd.run_ok(&["dups", "iu", "-o", "o"]);
    assert_eq!(ids(&wd, "o"), ["a\\x92.txt", "a\\x93.txt"], "{}", stderr(&out));
}

#[test]
fn non_finite_lexicon_weights_are_refused() {
    let wd = Workdir::new();
    wd.seeds("s");
    for (name, body) in [
        ("nan.tsv", "term\tcategory\tweight\ncondemn\tpolarity\tNaN\n"),
        ("inf.tsv", "term\tcategory\tweight\npraise\tpolarity\tinf\n"),
        ("nan.yml", "polarity:\n  positive:\n    praise: .nan\n"),
    ] {
        wd.write(name, body);
        let out = wd.run_err(&["lexicon", "check", name]);
        assert!(stderr(&out).contains("not a finite number"), "{name}: {}", stderr(&out));
        let out = wd.run_err(&["score", "s", "-o", "o", "--lexicon", name]);
        assert!(stderr(&out).contains(name), "{}", stderr(&out));
    }
}

#[test]
fn a_weak_encoding_guess_is_a_warning() {
    let wd = Workdir::new();
    let mut text = b"The minister said the talks weren".to_vec();
    text.push(0x92);
    text.extend_from_slice(b"t over, and that more meetings would follow next week.\n");
    wd.write("w/a.txt", &text);
    let out = wd.run_ok(&["dups", "w", "-o", "o", "-q"]);
    let err = stderr(&out);
    assert!(err.contains("w/a.txt: not UTF-8 (byte 0x92 at offset 33)"), "{err}");
    assert!(err.contains("pass --encoding"), "{err}");
}

#[test]
fn ids_that_start_a_formula_behind_spaces_or_invisible_marks_are_guarded() {
    let wd = Workdir::new();
    let prefixes = [" =", "\u{ff1d}", "\u{200b}=", "\u{202e}=", "\u{feff}=", "\u{ff0b}"];
    for (i, pre) in prefixes.iter().enumerate() {
        wd.write(&format!("f/{pre}HYPERLINK(1) {i}.txt"), seed(i % 5));
    }
    wd.run_ok(&["dups", "f", "-o", "o", "-q"]);
    let got = ids(&wd, "o");
    assert_eq!(got.len(), prefixes.len());
    for id in &got {
        assert!(id.starts_with('\''), "unguarded id {id:?}");
    }
}

#[test]
fn a_file_name_cannot_forge_an_error_line() {
    let wd = Workdir::new();
    wd.write("n/000.txt", seed(0));
    wd.write("n/b\nparallax: error: forged.txt", b"\x00\x01 binary");
    let out = wd.run_ok(&["dups", "n", "-o", "o", "-q"]);
    let err = stderr(&out);
    assert!(err.contains("forged.txt"), "{err}");
    for line in err.lines() {
        assert!(!line.starts_with("parallax: error"), "forged line: {err}");
    }
}

#[test]
fn passages_csv_on_a_terminal_has_no_escape_sequences() {
    let wd = Workdir::new();
    let a = String::from_utf8(seed(0)).unwrap();
    // Mid-text, so the copy's passage runs across the marks (a copied
    // passage is cut to where its runs of shared words start and end).
    let mid = a.char_indices().filter(|&(_, c)| c == ' ').nth(200).expect("a long seed").0;
    let marked = format!("{} \x1b[2J\x1b]0;pwned\x07{}", &a[..mid], &a[mid..]);
    wd.write("a.txt", &a);
    wd.write("b.txt", &marked);
    // Piped: the exact text.
    let out = wd.run_ok(&["passages", "--csv", "a.txt", "b.txt"]);
    assert!(stdout(&out).contains('\x1b'), "a pipe gets the exact text");
    // On a terminal (script(1) gives the command a pseudo-terminal).
    let bin = env!("CARGO_BIN_EXE_parallax");
    let cmd = format!("'{bin}' passages --csv a.txt b.txt");
    let Ok(out) = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .current_dir(wd.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
    else {
        eprintln!("skipped: script(1) not available");
        return;
    };
    let text = stdout(&out);
    assert!(text.contains("passage"), "{text}");
    assert!(!text.contains("\x1b[2J") && !text.contains("\x1b]0;"), "{text:?}");
}

#[test]
fn csv_line_numbers_with_crlf_and_an_unterminated_quote() {
    let wd = Workdir::new();
    wd.write(
        "r.csv",
        "id,text\r\na,\"one two\r\nthree\"\r\nb,four five six\r\nc,\"open\r\nd,x\r\ne,y\r\n",
    );
    let out = wd.run_ok(&["dups", "r.csv", "-o", "o", "-q"]);
    let docs = wd.csv("o/documents.csv");
    let sources: Vec<&str> = docs.rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(sources, ["r.csv:2", "r.csv:4"]);
    let err = stderr(&out);
    assert!(err.contains("r.csv:5: a quoted cell opened on this line is never closed"), "{err}");
    let skipped = wd.csv("o/skipped.csv");
    assert_eq!(skipped.rows.len(), 1);
    assert_eq!(skipped.rows[0][..2], ["r.csv".to_string(), "5".to_string()]);
}

/// A read-only bind mount in a private mount namespace (`unshare -rm`);
/// skipped where the system does not allow one.
#[cfg(target_os = "linux")]
#[test]
fn an_archive_on_a_read_only_file_system_can_be_queried() {
    let wd = Workdir::new();
    wd.write("new/copy.txt", seed(0));
    wd.write("arch/in/000.txt", seed(0));
    wd.write("arch/in/001.txt", seed(1));
    wd.run_ok(&["index", "add", "--db", "arch/a.sqlite", "arch/in", "-q"]);
    std::fs::create_dir(wd.join("ro")).unwrap();
    let bin = env!("CARGO_BIN_EXE_parallax");
    let script = format!(
        "mount --bind arch ro && mount -o remount,bind,ro ro || exit 77; \
         touch ro/probe 2>/dev/null && exit 77; \
         '{bin}' index stats --db ro/a.sqlite && \
         '{bin}' index query --db ro/a.sqlite new -o out -q"
    );
    let out = std::process::Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .current_dir(wd.path())
        .stdin(Stdio::null())
        .output();
    let Ok(out) = out else {
        eprintln!("skipped: unshare not available");
        return;
    };
    if out.status.code() == Some(77) || stderr(&out).contains("unshare:") {
        eprintln!("skipped: no read-only mount here: {}", stderr(&out));
        return;
    }
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("documents      2"), "{}", stdout(&out));
    let pairs = wd.csv("out/pairs.csv");
    assert!(!pairs.rows.is_empty(), "the new copy of 000 is found");
}

// ---- messages ----

#[test]
fn quiet_still_lists_skipped_inputs_and_no_messages_silences_them() {
    let wd = Workdir::new();
    wd.seeds("s");
    wd.write("s/bin.txt", b"\x00\x01\x02 binary");
    wd.write("s/feed.jsonl", "{\"id\":\"j1\",\"text\":\"نص أول هنا\"}\n{broken\n");
    let out = wd.run_ok(&["dups", "s", "-o", "o", "-q"]);
    let err = stderr(&out);
    assert!(stdout(&out).is_empty(), "--quiet prints no summary: {}", stdout(&out));
    assert!(err.contains("s/bin.txt:") && err.contains("s/feed.jsonl:2:"), "{err}");
    assert!(err.contains("2 input(s) skipped"), "{err}");
    let skipped = wd.csv("o/skipped.csv");
    assert_eq!(skipped.header, ["path", "line", "reason"]);
    let rows: Vec<(&str, &str)> =
        skipped.rows.iter().map(|r| (r[0].as_str(), r[1].as_str())).collect();
    assert_eq!(rows, [("s/bin.txt", ""), ("s/feed.jsonl", "2")]);
    let out = wd.run_ok(&["dups", "s", "-o", "o", "-q", "--no-messages"]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert_eq!(wd.csv("o/skipped.csv").rows.len(), 2, "still listed in the folder");
}

#[test]
fn mistyped_commands_get_a_suggestion() {
    let wd = Workdir::new();
    let out = wd.run_err(&["rn"]);
    assert!(stderr(&out).contains("did you mean `parallax run`?"), "{}", stderr(&out));
    let out = wd.run_err(&["dpus"]);
    assert!(stderr(&out).contains("did you mean `parallax dups`?"), "{}", stderr(&out));
    let out = wd.run_err(&["version"]);
    assert!(stderr(&out).contains("parallax --version"), "{}", stderr(&out));
    // A file that happens to be called like a command is read.
    wd.write("rn", seed(0));
    wd.run_ok(&["rn", "-o", "o", "-q", "--format", "csv"]);
}

#[test]
fn each_message_is_said_once() {
    let wd = Workdir::new();
    let out = wd.run_err(&["run", "--format", "pdf"]);
    let err = stderr(&out);
    assert_eq!(err.matches("--format").count(), 1, "{err}");
    wd.write("f", "a file");
    let out = wd.run_err(&["dups", "-o", "f/sub", "-q"]);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    let os_error = err.find("(os error").map(|_| err.matches("(os error").count());
    assert!(os_error.is_none_or(|n| n == 1), "{err}");
}

#[test]
fn help_shows_the_defaults() {
    let wd = Workdir::new();
    let help = stdout(&wd.run_ok(&["run", "--help"]));
    assert!(help.contains("[default: char:7]"), "{help}");
    assert!(help.contains("[default: 15]"), "{help}");
    assert!(help.contains("--no-messages") && help.contains("--stdin-format"), "{help}");
}

// ---- output folders ----

#[test]
fn a_run_replaces_the_previous_set_and_writes_a_manifest() {
    let wd = Workdir::new();
    wd.seeds("s");
    wd.run_ok(&["dups", "s", "-o", "d", "-q"]);
    assert!(wd.join("d/report.html").exists());
    wd.write("three.jsonl", "{\"id\":\"a\",\"text\":\"one two three four\"}\n{\"id\":\"b\",\"text\":\"five six seven\"}\n");
    wd.run_ok(&["dups", "three.jsonl", "-o", "d", "-q", "--format", "json"]);
    let mut names: Vec<String> = std::fs::read_dir(wd.join("d"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["manifest.json", "results.json", "skipped.csv"]);
    let m: serde_json::Value = serde_json::from_str(&wd.read("d/manifest.json")).unwrap();
    assert_eq!(m["generator"], "parallax");
    assert_eq!(m["command"], "dups");
    assert_eq!(m["inputs"][0]["path"], "three.jsonl");
    let bytes = std::fs::read(wd.join("three.jsonl")).unwrap();
    assert_eq!(m["inputs"][0]["bytes"], bytes.len() as u64);
    assert_eq!(m["inputs"][0]["xxh3_128"].as_str().unwrap().len(), 32);
    let files: Vec<&str> =
        m["files"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(files, ["results.json", "skipped.csv"]);
    let json = std::fs::read(wd.join("d/results.json")).unwrap();
    assert_eq!(m["files"][0]["bytes"], json.len() as u64);
    // Same inputs, same options: the same bytes, manifest included.
    let before = wd.read("d/manifest.json");
    wd.run_ok(&["dups", "three.jsonl", "-o", "d", "-q", "--format", "json"]);
    assert_eq!(wd.read("d/manifest.json"), before);
}

#[test]
fn a_folder_with_other_files_is_refused_unless_forced() {
    let wd = Workdir::new();
    wd.seeds("s");
    wd.write("d/notes.txt", "mine");
    let out = wd.run_err(&["dups", "s", "-o", "d", "-q"]);
    let err = stderr(&out);
    assert!(err.contains("notes.txt") && err.contains("--force"), "{err}");
    assert!(!wd.join("d/pairs.csv").exists());
    wd.run_ok(&["dups", "s", "-o", "d", "-q", "--force"]);
    assert!(wd.join("d/pairs.csv").exists());
    assert_eq!(wd.read("d/notes.txt"), "mine", "--force never removes what is not ours");
}

/// The library's advice names parameters (`set text_col=NAME`); the command
/// line gives the same advice with the flags its user types, on stderr and
/// in skipped.csv alike.
#[test]
fn library_advice_is_given_as_flags() {
    let wd = Workdir::new();
    wd.seeds("s");
    wd.write("s/feed.csv", "uid,body\n1,x\n");
    wd.write(
        "s/dates.jsonl",
        "{\"id\":\"d\",\"text\":\"Trade talks resumed in Algiers.\",\"date\":\"04/03/2018\"}\n",
    );
    let out = wd.run_ok(&["dups", "s", "-o", "o", "-q"]);
    let err = stderr(&out);
    let no_text = "s/feed.csv: no `text` column (columns: uid, body); pass --text-col NAME";
    assert!(err.contains(&format!("{no_text} (skipped)")), "{err}");
    assert!(err.contains("kept as text); pass --date-format dmy or --date-format mdy"), "{err}");
    assert!(!err.contains("text_col") && !err.contains("date_order"), "{err}");
    let skipped = wd.csv("o/skipped.csv");
    assert_eq!(skipped.rows.len(), 1);
    assert!(no_text.ends_with(&skipped.rows[0][2]), "{:?}", skipped.rows);
    let out = wd.run_err(&["dups", "s", "-o", "o2", "-q", "--strict"]);
    assert!(stderr(&out).contains(no_text), "{}", stderr(&out));
    let out = wd.run_err(&["dups", "s", "-o", "o2", "--num-perm", "1", "--threshold", "0.1"]);
    let err = stderr(&out);
    assert!(err.contains("no LSH bands fit: with --num-perm 1, pairs at Jaccard"), "{err}");
    assert!(err.contains("raise --num-perm (e.g. 64) or --threshold"), "{err}");
    let out = wd.run_err(&["index", "stats", "--db", "none.db"]);
    assert!(
        stderr(&out).contains(
            "archive none.db: no such archive; create one with \
             `parallax index add --db FILE INPUT...`"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn leftovers_of_a_killed_run_are_cleaned() {
    let wd = Workdir::new();
    wd.seeds("s");
    wd.run_ok(&["run", "s", "-o", "d", "-q", "--format", "csv,json"]);
    // What a SIGKILL between two renames leaves: no manifest, a mix of
    // files, and a staging folder of a process that is gone.
    std::fs::remove_file(wd.join("d/manifest.json")).unwrap();
    wd.write("d/.parallax-tmp-4000000000-abc/pairs.csv", "half");
    wd.run_ok(&["dups", "s", "-o", "d", "-q", "--format", "csv"]);
    let mut names: Vec<String> = std::fs::read_dir(wd.join("d"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(!names.iter().any(|n| n.starts_with(".parallax-tmp")), "{names:?}");
    assert!(!names.contains(&"results.json".to_string()), "{names:?}");
    assert!(!names.contains(&"framing.csv".to_string()), "{names:?}");
    assert!(names.contains(&"manifest.json".to_string()), "{names:?}");
}

// ---- stdin ----

fn stdin_run(wd: &Workdir, args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = wd
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn records_on_stdin() {
    let wd = Workdir::new();
    let jsonl = "{\"id\":\"a\",\"text\":\"الجزائر وواشنطن شراكة\"}\n{\"id\":\"b\",\"text\":\"Le partenariat entre Alger et Washington.\"}\n{\"id\":\"c\",\"text\":\"Algeria and Washington partner.\"}\n";
    let out = stdin_run(&wd, &["dups", "-", "-o", "j", "-q"], jsonl.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids(&wd, "j"), ["a", "b", "c"]);
    let out =
        stdin_run(&wd, &["dups", "-", "-o", "t", "-q", "--stdin-format", "text"], jsonl.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    // (`-` starts like a formula in a spreadsheet: guarded.)
    assert_eq!(ids(&wd, "t"), ["'-"]);
    let csv = "id,text\nx,one two three four\ny,five six seven eight\n";
    let out = stdin_run(&wd, &["dups", "-", "-o", "c", "-q"], csv.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids(&wd, "c"), ["x", "y"]);
    // A text that merely starts with a brace stays a text.
    let text = "{note} The minister spoke.\nHe said more.\n";
    let out = stdin_run(&wd, &["dups", "-", "-o", "p", "-q"], text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids(&wd, "p"), ["'-"]);
}

// ---- the terminal summary ----

#[test]
fn the_summary_lists_a_few_dozen_documents_then_says_where_the_rest_is() {
    let wd = Workdir::new();
    let mut feed = String::new();
    for i in 0..45 {
        feed.push_str(&format!(
            "{{\"id\":\"d{i:02}\",\"text\":\"Algeria and the United States talk about trade number {i} today.\"}}\n"
        ));
    }
    wd.write("f.jsonl", feed);
    let out = wd.run_ok(&["score", "f.jsonl", "-o", "o"]);
    let text = stdout(&out);
    assert!(text.lines().count() < 40, "{text}");
    assert!(text.contains("15 more documents in framing.csv and stance.csv"), "{text}");
}

// ---- every field kept ----

#[test]
fn url_full_timestamps_and_extra_fields_are_kept() {
    let wd = Workdir::new();
    let a = String::from_utf8(seed(0)).unwrap().replace('\n', " ").replace('"', "'");
    // Two copies of one story on the same day: the times say which came first.
    wd.write(
        "f.jsonl",
        format!(
            "{{\"id\":\"late\",\"text\":\"{a}\",\"date\":\"2018-03-13T10:22:00+04:00\",\"url\":\"https://b.example/x\",\"section\":\"politics\",\"author\":\"B\",\"views\":12}}\n\
             {{\"id\":\"early\",\"text\":\"{a}\",\"date\":\"Tue, 13 Mar 2018 05:00:00 +0000\",\"url\":\"javascript:alert(1)\",\"section\":\"world\"}}\n\
             {{\"id\":\"dmy\",\"text\":\"Algeria and the United States talk about trade today.\",\"date\":\"١٣/٠٣/٢٠١٨\"}}\n\
             {{\"id\":\"bad\",\"text\":\"Another short text about trade talks today.\",\"date\":\"04/03/2018\"}}\n"
        ),
    );
    let out = wd.run_ok(&["run", "f.jsonl", "-o", "o", "-q", "--format", "csv,json"]);
    let err = stderr(&out);
    assert!(err.contains("f.jsonl:4: ambiguous date \"04/03/2018\""), "{err}");
    assert!(err.contains("--date-format dmy"), "{err}");
    let docs = wd.csv("o/documents.csv");
    assert_eq!(
        docs.header,
        [
            "doc_id", "source", "title", "date", "outlet", "language", "encoding", "chars",
            "words", "url", "author", "section", "views"
        ]
    );
    let recs = docs.records();
    let by_id = |id: &str| recs.iter().find(|r| r["doc_id"] == id).unwrap().clone();
    assert_eq!(by_id("late")["date"], "2018-03-13T10:22:00+04:00");
    assert_eq!(by_id("early")["date"], "2018-03-13T05:00:00+00:00");
    assert_eq!(by_id("dmy")["date"], "2018-03-13");
    assert_eq!(by_id("bad")["date"], "04/03/2018", "kept as given");
    assert_eq!(by_id("late")["url"], "https://b.example/x");
    assert_eq!(by_id("late")["section"], "politics");
    assert_eq!(by_id("late")["views"], "12");
    assert_eq!(by_id("early")["author"], "");
    // 06:22 UTC is before 05:00 UTC? No: 10:22+04:00 is 06:22 UTC, after
    // 05:00 UTC, so `early` is the likely source.
    let pairs = wd.csv("o/pairs.csv").records();
    let p = pairs.iter().find(|r| r["doc_a"] == "early" && r["doc_b"] == "late").unwrap();
    assert_eq!(p["likely_source"], "early", "{p:?}");
    assert_eq!(p["source_reason"], "earlier_date", "{p:?}");
    // The JSON carries the same fields and the texts it promises.
    let json: serde_json::Value = serde_json::from_str(&wd.read("o/results.json")).unwrap();
    let d = json["documents"].as_array().unwrap();
    let late = d.iter().find(|x| x["doc_id"] == "late").unwrap();
    assert_eq!(late["url"], "https://b.example/x");
    assert!(late["text"].as_str().unwrap().len() > 100, "text filled");
    assert!(late["extra"].to_string().contains("politics"));
    // With the order given, the ambiguous date is read.
    let out = wd.run_ok(&["dups", "f.jsonl", "-o", "o2", "-q", "--date-format", "dmy"]);
    assert!(!stderr(&out).contains("ambiguous"), "{}", stderr(&out));
    let recs = wd.csv("o2/documents.csv").records();
    assert_eq!(recs.iter().find(|r| r["doc_id"] == "bad").unwrap()["date"], "2018-03-04");
}

#[test]
fn csv_extra_columns_are_carried_in_a_stable_order() {
    let wd = Workdir::new();
    wd.write(
        "a.csv",
        "zeta,id,text,date,Section\nz1,r1,one two three four five,13/03/2018 10:22,eco\nz2,r2,six seven eight nine,2018-03-14,pol\n",
    );
    wd.run_ok(&["dups", "a.csv", "-o", "o", "-q"]);
    let docs = wd.csv("o/documents.csv");
    assert_eq!(&docs.header[10..], ["Section", "zeta"]);
    let recs = docs.records();
    assert_eq!(recs[0]["date"], "2018-03-13T10:22:00");
    assert_eq!(recs[0]["Section"], "eco");
    assert_eq!(recs[1]["zeta"], "z2");
}

// ---- for programs ----

#[test]
fn json_matrices_turn_sparse_above_a_size() {
    let wd = Workdir::new();
    // 205 documents of random words: no two share a character 7-gram, so
    // every cell off the diagonal is 0 (exact or estimated).
    let mut feed = String::new();
    let mut x: u64 = 0x5eed;
    let mut word = || {
        (0..9)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                char::from(b'a' + ((x >> 33) % 26) as u8)
            })
            .collect::<String>()
    };
    for i in 0..205 {
        let text: Vec<String> = (0..8).map(|_| word()).collect();
        feed.push_str(&format!("{{\"id\":\"d{i:03}\",\"text\":\"{}\"}}\n", text.join(" ")));
    }
    wd.write("f.jsonl", feed);
    wd.run_ok(&["dups", "f.jsonl", "-o", "o", "-q", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&wd.read("o/results.json")).unwrap();
    let sim = &json["similarity"];
    assert_eq!(sim["sparse"], true);
    assert_eq!(sim["ids"].as_array().unwrap().len(), 205);
    let entries = sim["entries"].as_array().unwrap();
    assert!(entries.len() >= 205 && entries.len() < 205 * 205 / 10, "{}", entries.len());
    assert_eq!(entries[0], serde_json::json!([0, 0, 1.0]));
    assert!(sim.get("values").is_none());
}

#[test]
fn completions_and_man_page_come_from_the_flags() {
    let wd = Workdir::new();
    let bash = stdout(&wd.run_ok(&["completions", "bash"]));
    assert!(bash.contains("--stdin-format") && bash.contains("index"), "{bash}");
    let zsh = stdout(&wd.run_ok(&["completions", "zsh"]));
    assert!(zsh.contains("#compdef parallax"), "{zsh}");
    let man = stdout(&wd.run_ok(&["man"]));
    assert!(man.starts_with(".ie") || man.contains(".TH"), "{man}");
    assert!(man.contains("parallax"), "{man}");
    wd.run_err(&["completions", "cmd.exe"]);
    // `parallax completions bash | head`: the reader goes away early; a
    // quiet success, never a panic.
    for args in [&["completions", "bash"][..], &["man"][..]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(args)
            .current_dir(wd.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && !err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn one_word_repeated_makes_bounded_sentences() {
    let wd = Workdir::new();
    let text = "أمني ".repeat(20_000);
    wd.write("w/a.txt", &text);
    wd.write("w/b.txt", &text);
    wd.run_ok(&["score", "w", "-o", "o", "-q", "--format", "csv"]);
    let ev = wd.csv("o/evidence.csv").records();
    assert!(!ev.is_empty());
    for r in &ev {
        let (s, e): (usize, usize) =
            (r["sentence_start"].parse().unwrap(), r["sentence_end"].parse().unwrap());
        assert!(e - s <= 400 * "أمني ".chars().count(), "sentence of {} chars", e - s);
    }
}
