//! The command-line interface: parse flags ([`args`]), validate them into
//! library options ([`config`]), run a command ([`cmd`]), report on the
//! terminal ([`term`], [`progress`], [`summary`]).

pub mod args;
pub mod cmd;
pub mod config;
pub mod progress;
pub mod summary;
pub mod term;

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use args::{Cli, Command, EvalCommand, GeneralArgs, IndexCommand, LexiconCommand};
use parallax::pipeline::Stages;

/// Parses the command line and runs it.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        None => {
            threads(&cli.run.general)?;
            cmd::analyse::run(&cli.run, Stages::ALL)
        }
        Some(Command::Run(a)) => {
            threads(&a.general)?;
            cmd::analyse::run(&a, Stages::ALL)
        }
        Some(Command::Dups(a)) => {
            threads(&a.general)?;
            cmd::analyse::run(&a, Stages::DUPS)
        }
        Some(Command::Score(a)) => {
            threads(&a.general)?;
            cmd::analyse::run(&a, Stages::SCORE)
        }
        Some(Command::Passages(a)) => {
            threads(&a.general)?;
            cmd::passages::run(&a)
        }
        Some(Command::Normalize(a)) => cmd::normalize::run(&a),
        Some(Command::Lexicon(LexiconCommand::Check(a))) => {
            threads(&a.general)?;
            cmd::lexicon::check(&a)
        }
        Some(Command::Eval(EvalCommand::Pan(a))) => {
            threads(&a.general)?;
            cmd::eval::pan(&a)
        }
        Some(Command::Eval(EvalCommand::Stance(a))) => {
            threads(&a.general)?;
            cmd::eval::stance(&a)
        }
        Some(Command::Index(IndexCommand::Add(a))) => {
            threads(&a.general)?;
            cmd::index::add(&a)
        }
        Some(Command::Index(IndexCommand::Query(a))) => {
            threads(&a.general)?;
            cmd::index::query(&a)
        }
        Some(Command::Index(IndexCommand::Stats(a))) => cmd::index::stats(&a),
    }
}

/// Sizes rayon's global pool from `--threads` (default: all cores).
fn threads(g: &GeneralArgs) -> anyhow::Result<()> {
    if let Some(n) = g.threads {
        if n == 0 {
            anyhow::bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("setting up the worker threads")?;
    }
    Ok(())
}
