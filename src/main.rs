//! The `soleus` binary: parse arguments, pick the journal, run a command or
//! open the terminal app. Everything else lives in the library.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use soleus::cli::{self, Cli};
use soleus::store;

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
            eprintln!("soleus: {}", first.trim_start_matches("error: "));
            eprintln!("soleus: see 'soleus --help'");
            return ExitCode::from(2);
        }
        Err(err) => {
            // --help and --version.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
    };
    let today = soleus::today_from_env();
    let Some(db) = args.db.or_else(cli::default_db_path) else {
        eprintln!("soleus: cannot find a data directory for the journal; pass --db PATH or set SOLEUS_DB");
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
            let _ = writeln!(std::io::stderr(), "soleus: {err}");
            err.exit_code()
        }) {
            Err(code) => return ExitCode::from(code as u8),
            Ok(config) => match soleus::ui::shell::start::open(&db, today, &config) {
                Ok(()) => Ok(()),
                Err(err) => {
                    // Not eprintln!: stderr may be the terminal that went away.
                    let _ = writeln!(std::io::stderr(), "soleus: {err}");
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
                eprintln!("soleus: warning: today's backup was not made: {err}");
            }
            ExitCode::SUCCESS
        }
        // `soleus export | head`: the reader has all it wanted.
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("soleus: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
