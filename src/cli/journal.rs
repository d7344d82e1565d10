//! The whole journal from the command line: `export`, `import`, `report`,
//! `demo` and `backup`.

use std::fs;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::args::{BackupArgs, DemoArgs, ExportArgs, ExportFormat, ImportArgs, ReportArgs, ReportFormat};
use super::ecosystem::replace;
use super::{CliError, CliResult, stdout_err};
use crate::config::Config;
use crate::domain::{self, ValidationError};
use crate::service::{self, Applied, Change};
use crate::store::Store;
use crate::units::Units;
use crate::{demo, report};

pub(super) fn export(args: ExportArgs, db: &Path, config: &Config, out: &mut dyn Write) -> CliResult {
    let target = out_file(args.out.as_deref());
    // The target is checked before the journal is read, so a refused path
    // costs nothing and writes nothing.
    if let Some(path) = target {
        crate::outfile::check_target(path, db, crate::outfile::Kind::Document, args.force)?;
    }
    if config.units != Units::Km {
        // On stderr, so the file or the pipe gets only the export.
        // A stderr that cannot be written loses only the note.
        let _ = writeln!(
            std::io::stderr(),
            "soleus: note: exports keep distances in km (run_km), whatever `units` says"
        );
    }
    let store = Store::open(db)?;
    let mut bytes = Vec::new();
    match args.format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut bytes, &store.export()?).map_err(|e| stdout_err(e.into()))?;
            bytes.push(b'\n');
        }
        ExportFormat::Csv => {
            // A spreadsheet must not run a note as a formula, and a terminal
            // must not run one as a control sequence; --raw keeps both.
            let to_terminal = target.is_none();
            let mut writer = csv::Writer::from_writer(&mut bytes);
            for c in &store.all_checkins()? {
                let mut row = domain::import::CsvCheckIn::from(c);
                if !args.raw {
                    row = row.map_text(|cell| {
                        let cell = crate::sanitize::neutralise_formula(cell);
                        if to_terminal {
                            crate::sanitize::strip_controls(&cell).into_owned()
                        } else {
                            cell.into_owned()
                        }
                    });
                }
                writer.serialize(row).map_err(|e| stdout_err(e.into()))?;
            }
            writer.flush().map_err(stdout_err)?;
        }
    }
    match target {
        None => out.write_all(&bytes).map_err(stdout_err),
        Some(path) => write_private(db, path, args.force, &bytes),
    }
}

/// `--out FILE`, with `-` meaning standard output (`None`).
fn out_file(out: Option<&Path>) -> Option<&Path> {
    out.filter(|path| path.as_os_str() != "-")
}

/// Writes health data to a file only its owner can read, by the rules of
/// [`crate::outfile`]: never onto the journal, its side files or a file
/// soleus did not write (unless `force`), never through a link, and
/// through a temporary file renamed into place.
fn write_private(db: &Path, path: &Path, force: bool, bytes: &[u8]) -> CliResult {
    Ok(crate::outfile::write(
        path,
        db,
        crate::outfile::Kind::Document,
        force,
        bytes,
    )?)
}

/// Import files larger than this are refused before they are read.
pub const MAX_IMPORT_BYTES: u64 = 64 << 20;

/// Reads an import file: a regular file of at most [`MAX_IMPORT_BYTES`],
/// read through a limit so that a file growing meanwhile cannot take more.
fn read_import_file(path: &Path) -> Result<Vec<u8>, CliError> {
    use std::io::Read;
    let io_err = |source| CliError::Io {
        path: path.to_owned(),
        source,
    };
    let refuse = |allowed: &str| -> CliError {
        ValidationError::new("import file", allowed, &crate::sanitize::path(path)).into()
    };
    // Checked before opening: opening a pipe would wait for a writer.
    let not_regular = || refuse("a regular file (not a folder, device, pipe or socket)");
    if !fs::metadata(path).map_err(io_err)?.is_file() {
        return Err(not_regular());
    }
    let file = fs::File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let too_big = || refuse(&format!("a file of at most {} MiB", MAX_IMPORT_BYTES >> 20));
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

pub(super) fn import(args: ImportArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let bytes = read_import_file(&args.file)?;
    // Everything but the exercise ids is checked before the journal is
    // opened; those need its catalogue.
    let mut journal = domain::import::parse(&bytes, today, |_| true)?;
    let is_csv = !String::from_utf8_lossy(&bytes)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{');
    if args.replace {
        if is_csv {
            return Err(ValidationError::new(
                "import --replace",
                "a JSON export (a CSV holds only check-ins; import it without --replace to merge)",
                &crate::sanitize::path(&args.file),
            )
            .into());
        }
        let late = domain::import::dated_after(&journal, today);
        replace(&args, db, today, &journal, out)?;
        return say_dated_after(&late, today, out);
    }
    let late = domain::import::dated_after(&journal, today);
    let unreadable = std::mem::take(&mut journal.unreadable);
    let store = Store::open(db)?;
    let Applied::Imported { summary, new_profile } = service::apply(&store, &Change::Import(Box::new(journal)), today)?
    else {
        return Ok(());
    };
    writeln!(
        out,
        "imported {}: {} added, {} updated, {} unchanged",
        crate::sanitize::path(&args.file),
        summary.added,
        summary.updated,
        summary.unchanged
    )
    .map_err(stdout_err)?;
    say_unreadable_not_imported(&unreadable, out)?;
    say_dated_after(&late, today, out)?;
    for line in plan_lines(&summary) {
        writeln!(out, "{line}").map_err(stdout_err)?;
    }
    if let Some(profile) = new_profile {
        writeln!(
            out,
            "the journal had no profile: injured leg set to {} (the legs in the file), clot history, cancer, other \
             clot risk and blood thinners to no; correct them with `soleus profile --leg ... --clot-history yes|no \
             --cancer yes|no --clot-risk yes|no --blood-thinners yes|no`",
            profile.leg
        )
        .map_err(stdout_err)?;
    }
    Ok(())
}

/// Entries dated after today are imported as they are: say which.
fn say_dated_after(late: &[String], today: NaiveDate, out: &mut dyn Write) -> CliResult {
    if late.is_empty() {
        return Ok(());
    }
    let named: Vec<&str> = late.iter().take(5).map(String::as_str).collect();
    let more = match late.len() {
        n if n > 5 => format!("; and {} more", n - 5),
        _ => String::new(),
    };
    writeln!(
        out,
        "kept {} dated after today ({today}): {}{more}; the clock or time zone that wrote them was ahead, or they were typed so",
        match late.len() {
            1 => "1 entry".to_owned(),
            n => format!("{n} entries"),
        },
        named.join("; ")
    )
    .map_err(stdout_err)
}

/// The records an export marks as unreadable are never imported: say so, by
/// name, so that none disappears silently.
fn say_unreadable_not_imported(unreadable: &[domain::import::UnreadableRecord], out: &mut dyn Write) -> CliResult {
    if unreadable.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = unreadable
        .iter()
        .map(|r| crate::sanitize::strip_controls(&r.record).into_owned())
        .collect();
    writeln!(
        out,
        "not imported: {} the file marks as unreadable ({}); correct them by hand and import them as check-ins, runs or tests",
        match unreadable.len() {
            1 => "1 record".to_owned(),
            n => format!("{n} records"),
        },
        names.join("; ")
    )
    .map_err(stdout_err)
}

/// `--days N` of `report` and `demo`: a whole number from 1 to `max`.
fn check_days(days: u32, max: u32) -> Result<(), ValidationError> {
    if (1..=max).contains(&days) {
        return Ok(());
    }
    Err(ValidationError::new(
        "days",
        &format!("a whole number from 1 to {max}"),
        &days.to_string(),
    ))
}

pub(super) fn report_cmd(
    args: ReportArgs,
    db: &Path,
    today: NaiveDate,
    config: &Config,
    out: &mut dyn Write,
) -> CliResult {
    check_days(args.days, report::MAX_DAYS)?;
    let target = out_file(args.out.as_deref());
    if let Some(path) = target {
        crate::outfile::check_target(path, db, crate::outfile::Kind::Document, args.force)?;
    }
    let store = Store::open(db)?;
    if matches!(args.format, ReportFormat::Pdf)
        && target.is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        return Err(ValidationError::new(
            "out",
            "a file for the PDF (--out FILE), or standard output sent to a file",
            "a terminal",
        )
        .into());
    }
    let reading = report::Reading {
        units: config.units,
        week_start: config.week_start,
        detail: args.detail,
    };
    let data = service::report(&store, today, args.days, reading)?;
    let bytes = match args.format {
        ReportFormat::Md => report::to_markdown(&data).into_bytes(),
        ReportFormat::Html => report::to_html(&data).into_bytes(),
        ReportFormat::Pdf => report::to_pdf(&data).map_err(|e| CliError::Io {
            path: target.map_or_else(|| "standard output".into(), Path::to_path_buf),
            source: std::io::Error::other(format!("the PDF could not be made: {e}")),
        })?,
    };
    match target {
        None => out.write_all(&bytes).map_err(stdout_err),
        Some(path) => {
            write_private(db, path, args.force, &bytes)?;
            writeln!(out, "report written to {}", crate::sanitize::path(path)).map_err(stdout_err)
        }
    }
}

pub(super) fn demo_cmd(args: DemoArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    check_days(args.days, demo::MAX_DAYS)?;
    // The demo ends today and starts `days` before: it must start on a
    // date the journal holds, or soleus could not read what it wrote.
    let since_earliest = (today - domain::EARLIEST_DATE).num_days() + 1;
    if i64::from(args.days) > since_earliest {
        let allowed = match since_earliest {
            n if n < 1 => format!("a today from {} on (today is {today})", domain::EARLIEST_DATE),
            n => format!(
                "a whole number from 1 to {} (a demo ending today, {today}, starts on {} at the earliest)",
                n.min(i64::from(demo::MAX_DAYS)),
                domain::EARLIEST_DATE
            ),
        };
        return Err(ValidationError::new("days", &allowed, &args.days.to_string()).into());
    }
    let store = Store::open(db)?;
    let journal = demo::generate(args.days, today, 0x5013_u64);
    // What the demo writes passes the same checks as an import.
    journal.validate(today, |id| domain::Catalogue::builtin().get(id).is_some())?;
    let Applied::Imported { summary, .. } = service::apply(&store, &Change::Demo(Box::new(journal)), today)? else {
        return Ok(());
    };
    writeln!(
        out,
        "demo journal written to {}: {} days, {} records",
        crate::sanitize::path(db),
        args.days,
        summary.added
    )
    .map_err(stdout_err)
}

/// `soleus backup`: SQLite's online backup, so it is consistent even while
/// another soleus writes. It replaces an earlier copy, never another file.
pub(super) fn backup(args: BackupArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let target = args.out.unwrap_or_else(|| {
        let mut name = db.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".backup-{today}"));
        db.with_file_name(name)
    });
    let resolved = crate::outfile::check_target(&target, db, crate::outfile::Kind::Backup, args.force)?;
    // A copy a killed `backup` left half-written beside the journal.
    if let (Some(dir), Some(name)) = (resolved.parent(), db.file_name()) {
        crate::outfile::remove_stale(dir, &format!("{}.backup-", name.to_string_lossy()));
    }
    let store = Store::open(db)?;
    store.backup_to(&resolved)?;
    writeln!(
        out,
        "backed up {} ({} check-ins) to {}",
        crate::sanitize::path(db),
        store.checkin_count()?,
        crate::sanitize::path(&target)
    )
    .map_err(stdout_err)
}

/// What a merge changed in the plan, so a restore never changes it
/// silently: whether the file's plan took the default plan's place, then
/// the exercises added, removed and changed.
fn plan_lines(summary: &crate::store::ImportSummary) -> Vec<String> {
    let mut lines = Vec::new();
    if summary.plan_taken {
        lines.push(
            "the journal had no entries: its plan and plan history are now the file's, in place of the default plan"
                .to_owned(),
        );
    }
    let plan = &summary.plan;
    for (what, ids) in [
        ("added to", &plan.added),
        ("removed from", &plan.removed),
        ("changed in", &plan.changed),
    ] {
        if !ids.is_empty() {
            lines.push(format!("{what} the plan: {}", ids.join(", ")));
        }
    }
    if !summary.plan_taken && plan.is_empty() {
        lines.push("the plan is unchanged".to_owned());
    }
    lines
}
