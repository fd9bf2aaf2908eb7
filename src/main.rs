//! The `wegwijs` binary: parses the command line, runs the command, picks the exit code.

use std::process::ExitCode;

use clap::FromArgMatches;

mod cli;

fn main() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `wegwijs help [command]` as `wegwijs [command] --help`: clap's own help command would
    // speak English only.
    if let Some(at) = cli::help_command_at(&args) {
        args.remove(at);
        args.push("--help".into());
    }
    let parsed = cli::command(cli::early_language(&args))
        .try_get_matches_from(&args)
        .and_then(|matches| cli::Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { cli::exit::USAGE } else { cli::exit::OK });
        }
    };
    if let Some(lang) = cli.lang {
        wegwijs::messages::Lang::set_chosen(lang.into());
    }
    cli.command.run()
}

/// mimalloc instead of the system allocator: with glibc, a large build spent a fifth of its
/// CPU time growing per-thread arenas and faulting in pages (see Cargo.toml). Only the binary
/// sets it; the library leaves the choice to whoever embeds it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
