//! `parallax passages A B`: the passages two documents share, as a table
//! on stdout (or CSV with `--csv`).

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context};
use parallax::align;
use parallax::doc::{CharIndex, Document};
use parallax::ingest::{self, Input};
use parallax::normalize::Normalizer;
use parallax::report;

use crate::cli::args::PassagesArgs;
use crate::cli::{config, term};

/// Aligns A with B and prints their shared passages.
pub fn run(a: &PassagesArgs) -> anyhow::Result<ExitCode> {
    let opts = config::align_options(&a.align)?;
    let mut iopts = config::ingest_options(&a.input)?;
    iopts.strict = true;
    let da = one_doc(&a.a, &iopts)?;
    let db = one_doc(&a.b, &iopts)?;
    let normalizer = Normalizer::default();
    let (na, nb) = (normalizer.normalize(&da.text), normalizer.normalize(&db.text));
    let passages = align::align(&na, &nb, &opts);
    let (ia, ib) = (CharIndex::new(&da.text), CharIndex::new(&db.text));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if a.csv {
        let rows = passages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut row = report::rows::passage_row(&da, &db, &ia, &ib, p);
                row.passage = i as u64 + 1;
                row
            })
            .collect();
        let results = report::Results { passages: rows, ..report::Results::default() };
        // No BOM on stdout: it is for piping, not for Excel.
        if term::stdout_is_terminal() {
            // On a terminal the text's own escape sequences would run: the
            // cells are sanitised (a pipe or file gets the exact text).
            let mut buf = Vec::new();
            report::write_csv(report::TableKind::Passages, &results, &mut buf, false)?;
            out.write_all(term::sanitize_keep_lines(&String::from_utf8_lossy(&buf)).as_bytes())?;
        } else {
            report::write_csv(report::TableKind::Passages, &results, &mut out, false)?;
        }
    } else {
        let tty = term::stdout_is_terminal();
        let width = if tty { 70 } else { usize::MAX };
        writeln!(
            out,
            "{} passages shared by {} and {}",
            passages.len(),
            term::sanitize(&da.id),
            term::sanitize(&db.id)
        )?;
        for (i, p) in passages.iter().enumerate() {
            writeln!(
                out,
                "\n#{}  A {}..{} ({} words)  B {}..{} ({} words)  score {:.3}",
                i + 1,
                ia.cp(&da.text, p.a_start),
                ia.cp(&da.text, p.a_end),
                p.a_words,
                ib.cp(&db.text, p.b_start),
                ib.cp(&db.text, p.b_end),
                p.b_words,
                p.score
            )?;
            writeln!(out, "  A: {}", clip(&term::sanitize(&da.text[p.a_start..p.a_end]), width))?;
            writeln!(out, "  B: {}", clip(&term::sanitize(&db.text[p.b_start..p.b_end]), width))?;
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(ExitCode::SUCCESS)
}

fn one_doc(path: &std::path::Path, opts: &ingest::IngestOptions) -> anyhow::Result<Document> {
    let input =
        if path.as_os_str() == "-" { Input::Stdin } else { Input::Path(path.to_path_buf()) };
    let mut ing = ingest::ingest(&[input], opts)?;
    match ing.docs.len() {
        1 => Ok(ing.docs.remove(0)),
        0 => bail!("{}: no document could be read", path.display()),
        n => bail!(
            "{}: holds {n} documents; `parallax passages` compares two single documents",
            path.display()
        ),
    }
}

/// Shortens `s` to about `width` characters on a terminal.
fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let head: String = s.chars().take(width).collect();
    format!("{head}…")
}
