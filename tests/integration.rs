//! The integration tests: one binary (one link step) that runs the real
//! `parallax` executable in a fresh folder per test.

mod util;

mod cli_dups;
mod cli_index;
mod cli_ingest;
mod cli_io;
mod cli_normalize;
mod cli_outputs;
mod cli_parquet;
mod cli_passages;
mod cli_reuse;
mod cli_run;
mod cli_score;
mod cli_selection;
mod cli_stories;
