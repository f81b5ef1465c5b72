//! `parallax lexicon check FILE [INPUT...]`: validate a lexicon and, with a
//! corpus, report its coverage and most frequent hits per category.

use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;

use parallax::doc::Corpus;
use parallax::normalize::Normalizer;
use parallax::score::{CoverageReport, DocScores, Lexicon, NameFinder, Scorer, Severity};

use crate::cli::args::LexiconCheckArgs;
use crate::cli::{config, term};

/// Checks the lexicon; exit 1 when it has errors (entries the scorer
/// ignores), 0 otherwise.
pub fn check(a: &LexiconCheckArgs) -> anyhow::Result<ExitCode> {
    let lex = if a.lexicon.as_os_str() == "default" {
        Lexicon::default_lexicon()
    } else {
        Lexicon::load(&a.lexicon)
            .with_context(|| format!("reading lexicon {}", a.lexicon.display()))?
    };
    let normalizer = Normalizer::default();
    let issues = lex.check_with(&normalizer);
    let errors = issues.iter().filter(|i| i.severity == Severity::Error).count();
    println!(
        "{}: {} entries, {} targets, {} frames; {} errors, {} warnings",
        term::sanitize(&a.lexicon.display().to_string()),
        lex.len(),
        lex.targets().len(),
        lex.frames().len(),
        errors,
        issues.len() - errors
    );
    // The role and context words decide who a cue is about and which names
    // are sports sides or datelines; a lexicon that replaces the default
    // one without them switches those rules off, which the user should see.
    let counts = lex.role_word_counts();
    let list = |prefix: &str| -> (String, usize) {
        let picked: Vec<(&str, usize)> =
            counts.iter().filter_map(|(c, n)| c.strip_prefix(prefix).map(|k| (k, *n))).collect();
        let text: Vec<String> = picked.iter().map(|(k, n)| format!("{k} {n}")).collect();
        (text.join(", "), picked.iter().map(|(_, n)| n).sum())
    };
    let ((roles, n_roles), (contexts, n_contexts)) = (list("role:"), list("context:"));
    println!("  role words: {roles}; context words: {contexts}");
    if n_roles == 0 {
        println!("  no role:* rows: every polarity cue goes to its owner or the nearest target");
    }
    if n_contexts == 0 {
        println!("  no context:* rows: no sports-side or dateline rule");
    }
    for i in &issues {
        println!("  {}", term::sanitize(&i.to_string()));
    }
    if !a.inputs.is_empty() {
        let ing = config::read_inputs(
            &config::inputs(&a.inputs),
            &a.input,
            config::Messages { problems: true, notes: true },
            &[],
        )?;
        let corpus = Corpus::new(ing.docs);
        let scorer = Scorer::new(&lex, &normalizer)?;
        // Documents in corpus order, each scored and searched for names in
        // parallel; the finder takes them in that order (deterministic).
        let per_doc: Vec<(DocScores, NameFinder)> = corpus
            .docs()
            .par_iter()
            .map(|d| {
                let doc = normalizer.normalize(&d.text);
                let scores = scorer.score(&d.text, &doc);
                let mut names = NameFinder::default();
                names.add(&d.id, &d.text, &doc, &scores);
                (scores, names)
            })
            .collect();
        let mut report = CoverageReport::default();
        let mut names = NameFinder::default();
        for (s, n) in per_doc {
            report.add(&s);
            names.merge(n);
        }
        println!();
        print!("{}", term_safe(&report.finish(10).to_string()));
        let uncovered = names.finish(30);
        println!();
        if uncovered.is_empty() {
            println!("Names no target covers: none found in two documents or more.");
        } else {
            println!(
                "Names no target covers (documents; add them with --targets FILE, see LEXICON.md):"
            );
            for n in uncovered {
                println!(
                    "  {:>6}  {}  (e.g. {})",
                    n.docs,
                    term::sanitize(&n.name),
                    term::sanitize(&n.example)
                );
            }
        }
    }
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Sanitises each line of a multi-line report (hits are article text).
fn term_safe(s: &str) -> String {
    s.lines().map(|l| term::sanitize(l) + "\n").collect()
}
