//! The `soleus` binary: parse arguments, pick the journal, run a command or
//! open the terminal app. Everything else lives in the library.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use soleus::cli::{self, Cli};
use soleus::store;

/// One line to stderr. Never `eprintln!`, which panics when stderr cannot
/// be written (a closed pipe, `/dev/full`): a message that cannot be shown
/// is lost, and the command's outcome stands.
/// Whatever the line quotes (a file name, a value) is shown escaped, never
/// sent raw to the terminal.
fn say(line: std::fmt::Arguments<'_>) {
    let line = line.to_string();
    let _ = writeln!(
        std::io::stderr(),
        "soleus: {}",
        soleus::sanitize::escaped_message(&line)
    );
}

/// `SOLEUS_TODAY`, when set: a date YYYY-MM-DD of years 1 to 9999, or
/// exit 2 (tests and scripts rely on it; the clock is never a silent
/// fallback).
fn check_today() -> Result<(), String> {
    let Some(raw) = std::env::var_os("SOLEUS_TODAY") else {
        return Ok(());
    };
    let shown = soleus::sanitize::escaped(&raw.to_string_lossy()).into_owned();
    let ok = raw.to_str().is_some_and(|text| {
        text.len() == 10
            && text.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok_and(|d| chrono::Datelike::year(&d) >= 1)
    });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "SOLEUS_TODAY: expected a date YYYY-MM-DD (years 0001 to 9999), got {shown:?}; unset it to use the clock"
        ))
    }
}

fn main() -> ExitCode {
    soleus::panic::install(soleus::panic::default_log_dir());
    // The hook has already told the user; a bug exits 1 like any failure.
    std::panic::catch_unwind(run).unwrap_or(ExitCode::from(1))
}

fn run() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(err) if err.use_stderr() => {
            // One plain line instead of clap's usage block: the flag at fault
            // and where to look. Exit 2, as for any other bad input.
            let rendered = err.to_string();
            let first = rendered.lines().next().unwrap_or_default();
            say(format_args!("{}", first.trim_start_matches("error: ")));
            say(format_args!("see 'soleus --help'"));
            return ExitCode::from(2);
        }
        Err(err) => {
            // --help and --version.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
    };
    if let Err(line) = check_today() {
        say(format_args!("{line}"));
        return ExitCode::from(2);
    }
    let today = soleus::today_from_env();
    let Some(db) = args.db.or_else(cli::default_db_path) else {
        say(format_args!(
            "cannot find a data directory for the journal; pass --db PATH or set SOLEUS_DB"
        ));
        return ExitCode::from(1);
    };
    let result = match args.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let result = cli::run(command, &db, today, args.config.as_deref(), &mut out);
            let _ = out.flush();
            result
        }
        None => match cli::load_config(args.config.as_deref()).map_err(|err| {
            say(format_args!("{err}"));
            err.exit_code()
        }) {
            Err(code) => return ExitCode::from(code as u8),
            Ok(config) => match soleus::ui::shell::start::open(&db, today, &config) {
                Ok(()) => Ok(()),
                Err(err) => {
                    // Not eprintln!: stderr may be the terminal that went away.
                    say(format_args!("{err}"));
                    return ExitCode::from(err.exit_code());
                }
            },
        },
    };
    match result {
        Ok(()) => {
            // After the command's work, so that it never delays it; a failed
            // backup is a warning, not a failed command.
            if let Err(err) = store::ensure_daily_backup(&db, today) {
                say(format_args!("warning: today's backup was not made: {err}"));
            }
            ExitCode::SUCCESS
        }
        // `soleus export | head`: the reader has all it wanted.
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            say(format_args!("{err}"));
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
