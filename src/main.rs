//! The `parallax` binary: parse flags, run the command, map the outcome to
//! an exit code. Everything else lives in the library and in `cli/`.

mod alloc_tuning;
mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    alloc_tuning::apply();
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            // `parallax ... | head` closes the pipe early: that is not an error.
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.downcast_ref::<parallax::Error>().is_some_and(|e| e.is_broken_pipe())
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("{}", cli::term::error_line(&cli::term::error_chain(&err)));
            ExitCode::from(2)
        }
    }
}
