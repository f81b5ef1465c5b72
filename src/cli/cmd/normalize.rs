//! `parallax normalize [FILE]`: the normalised tokens and their offsets,
//! for debugging a lexicon entry or a missed match.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use parallax::doc::CharIndex;
use parallax::ingest::Input;
use parallax::normalize::Normalizer;

use crate::cli::args::NormalizeArgs;
use crate::cli::config;
use crate::cli::term;

/// Prints one row per token: surface, normalised, key, start, end
/// (code points into the decoded text).
pub fn run(a: &NormalizeArgs) -> anyhow::Result<ExitCode> {
    let input = match &a.file {
        Some(p) if p.as_os_str() != "-" => Input::Path(p.clone()),
        _ => Input::Stdin,
    };
    let ing = config::read_inputs(
        &[input],
        &a.input,
        config::Messages { problems: true, notes: true },
        &[],
    )?;
    let normalizer = Normalizer::default();
    let tty = term::stdout_is_terminal();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if a.jsonl {
        for doc in &ing.docs {
            let nd = normalizer.normalize(&doc.text);
            let keys: Vec<&str> = nd.tokens.iter().map(|t| nd.key(t)).collect();
            let line = serde_json::json!({ "id": doc.id, "keys": keys });
            writeln!(out, "{line}")?;
        }
        out.flush().context("writing to stdout")?;
        return Ok(ExitCode::SUCCESS);
    }
    for doc in &ing.docs {
        if ing.docs.len() > 1 {
            writeln!(out, "# {}", clean(&doc.id, tty))?;
        }
        let nd = normalizer.normalize(&doc.text);
        let idx = CharIndex::new(&doc.text);
        if a.tsv {
            writeln!(out, "surface\tnormalized\tkey\tstart\tend\tsentence")?;
        }
        for t in &nd.tokens {
            let surface = &doc.text[t.span()];
            let (s, e) = (idx.cp(&doc.text, t.start as usize), idx.cp(&doc.text, t.end as usize));
            if a.tsv {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{s}\t{e}\t{}",
                    clean(surface, true),
                    clean(nd.norm(t), true),
                    clean(nd.key(t), true),
                    t.sentence + 1
                )?;
            } else {
                writeln!(
                    out,
                    "{s:>7} {e:>7}  {:<20} {:<20} {}",
                    clean(surface, tty),
                    clean(nd.norm(t), tty),
                    clean(nd.key(t), tty)
                )?;
            }
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(ExitCode::SUCCESS)
}

fn clean(s: &str, sanitize: bool) -> String {
    if sanitize {
        term::sanitize(s)
    } else {
        s.to_string()
    }
}
