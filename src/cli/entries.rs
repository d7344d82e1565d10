//! The day's entries from the command line: `profile`, `checkin`, `test`
//! and `flags`.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::args::{CheckinArgs, FlagsArgs, ProfileArgs, TestArgs};
use super::{CliError, CliResult, date_or_today, leg_or_profile, stdout_err};
use crate::clinical;
use crate::config::Config;
use crate::domain::{self, CapacityTest, CheckInInput, InjuredLeg, Leg, TestKind, ValidationError};
use crate::service::{self, Applied, Change, ProfilePatch};
use crate::store::Store;
use crate::units::{KM_PER_MILE, Units};

/// `--baseline-km` / `--baseline-mi`: km, `Some(None)` to clear.
fn baseline(args: &ProfileArgs) -> Result<Option<Option<f64>>, ValidationError> {
    let (field, raw, units) = match (&args.baseline_km, &args.baseline_mi) {
        (Some(km), _) => ("baseline_km", km, Units::Km),
        (None, Some(mi)) => ("baseline_mi", mi, Units::Mi),
        (None, None) => return Ok(None),
    };
    let text = raw.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("none") {
        return Ok(Some(None));
    }
    let max = (units.from_km(domain::MAX_BASELINE_KM) * 10.0).floor() / 10.0;
    let value = domain::parse_decimal(field, text, max)?;
    Ok(Some(Some(units.to_km(value))))
}

pub(super) fn profile(
    args: ProfileArgs,
    db: &Path,
    today: NaiveDate,
    config: &Config,
    out: &mut dyn Write,
) -> CliResult {
    let baseline = baseline(&args)?;
    let leg = args.leg.as_deref().map(|l| InjuredLeg::parse("leg", l)).transpose()?;
    let injury_date = args
        .injury_date
        .as_deref()
        .map(|d| domain::parse_date("injury_date", d, today))
        .transpose()?;
    let clot_history = args
        .clot_history
        .as_deref()
        .map(|v| domain::parse_yes_no("clot_history", v))
        .transpose()?;
    let cancer = args
        .cancer
        .as_deref()
        .map(|v| domain::parse_yes_no("cancer", v))
        .transpose()?;
    let clot_risk = args
        .clot_risk
        .as_deref()
        .map(|v| domain::parse_yes_no("clot_risk", v))
        .transpose()?;
    let blood_thinners = args
        .blood_thinners
        .as_deref()
        .map(|v| domain::parse_yes_no("blood_thinners", v))
        .transpose()?;
    let patch = ProfilePatch {
        leg,
        injury_date,
        clot_history,
        cancer,
        clot_risk,
        blood_thinners,
        baseline_km: baseline,
    };
    let store = Store::open(db)?;
    // Only showing the profile stays a plain read (it works on a read-only
    // journal); a change reads, merges and saves in one transaction.
    let profile = if patch.is_empty() {
        match store.profile()? {
            Some(profile) => profile,
            None => {
                writeln!(
                    out,
                    "no profile yet: set one with `soleus profile --leg left|right|both`"
                )
                .map_err(stdout_err)?;
                return Ok(());
            }
        }
    } else {
        match service::apply(&store, &Change::UpdateProfile(patch), today)? {
            Applied::Profile { after, .. } => after,
            _ => return Ok(()),
        }
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let injury = profile.injury_date.map_or("not set".to_owned(), |d| d.to_string());
    let usual = profile
        .baseline_km
        .map_or("not set (--baseline-km X)".to_owned(), |km| {
            format!("{} a week", config.units.show(km))
        });
    writeln!(
        out,
        "injured leg: {}\ninjury date: {}\nclot history: {}\ncancer: {}\nother clot risk: {}\nblood thinners: {}\n\
         usual running before the injury: {usual}",
        profile.leg,
        injury,
        yes_no(profile.clot_history),
        yes_no(profile.cancer),
        yes_no(profile.clot_risk),
        yes_no(profile.blood_thinners)
    )
    .map_err(stdout_err)
}

pub(super) fn checkin(
    args: CheckinArgs,
    db: &Path,
    today: NaiveDate,
    config: &Config,
    out: &mut dyn Write,
) -> CliResult {
    let date = date_or_today(args.date.as_deref(), today)?;
    let explicit_leg = args.leg.as_deref().map(|l| Leg::parse("leg", l)).transpose()?;
    // A distance is km or miles by its flag, never by the config's units.
    let run_km = match args.run_mi.as_deref().map(str::trim) {
        Some(miles) if !miles.is_empty() => {
            let max_miles = (domain::MAX_RUN_KM / KM_PER_MILE * 10.0).floor() / 10.0;
            let miles = domain::parse_decimal("run_mi", miles, max_miles)?;
            Some(Units::Mi.to_km(miles).to_string())
        }
        Some(_) => Some(String::new()),
        None => args.run_km,
    };
    let given = CheckInInput {
        pain_rest: args.pain_rest,
        pain_walk: args.pain_walk,
        pain_run: args.pain_run,
        tightness: args.tightness,
        morning: args.morning,
        symptoms: args.symptoms,
        run_km,
        run_min: args.run_min,
        cross_min: args.cross_min,
        note: args.note,
        intervals: args.intervals,
    };
    // Every value is checked before the file is opened (an update's given
    // fields over stand-in scores); the leg may need the profile, so it is
    // filled in afterwards.
    let check = if args.update {
        let stand_in = CheckInInput {
            pain_rest: Some("0".into()),
            pain_walk: Some("0".into()),
            ..CheckInInput::default()
        };
        stand_in.updated_with(given.clone())
    } else {
        given.clone()
    };
    let mut entry = check.validate(date, explicit_leg.unwrap_or(Leg::Left), today)?;
    let store = Store::open(db)?;
    let leg = leg_or_profile(explicit_leg.or(config.default_leg.leg()), &store)?;
    entry.leg = leg;
    let change = if args.update {
        Change::UpdateCheckin { date, leg, given }
    } else {
        Change::SaveCheckin(entry)
    };
    // The open warnings before the write, so that a replacement that takes
    // one away says so (see docs/daily-use.md, History).
    // A journal that cannot be assessed still takes the save: the line is
    // then left out.
    let open_before = service::assess(&store, today).map(|a| a.flags).unwrap_or_default();
    let (existing, entry) = match service::apply(&store, &change, today)? {
        Applied::Checkin { before, after } => (before, after),
        _ => return Ok(()),
    };
    // From here on the entry is in the journal: a later failure must not
    // read as if it were not.
    let verb = match (&existing, args.update) {
        (None, _) => "saved",
        (Some(old), _) if *old == entry => "left unchanged",
        (Some(_), true) => "updated",
        (Some(_), false) => "replaced",
    };
    writeln!(out, "{verb} the {leg} calf check-in for {date}").map_err(stdout_err)?;
    if let Some(old) = existing.as_ref().filter(|_| !args.update) {
        let cleared = domain::cleared_fields(old, &entry);
        if !cleared.is_empty() {
            writeln!(
                out,
                "cleared (not given this time): {}; use --update to change only the fields you give",
                cleared.join(", ")
            )
            .map_err(stdout_err)?;
        }
    }
    if let Some(km) = entry.run_km.filter(|_| config.units == Units::Mi) {
        writeln!(out, "run: {} ({km} km stored)", config.units.show(km)).map_err(stdout_err)?;
    }
    let checked = |err: crate::store::StoreError| CliError::AfterSave {
        done: format!("the check-in was {verb}"),
        after: format!("its warnings could not be checked: {}", err.after_write()),
    };
    if existing.is_some() {
        let open_after = service::assess(&store, today).map_err(checked)?.flags;
        let gone: Vec<&clinical::Flag> = clinical::removed(&open_before, &open_after)
            .into_iter()
            .filter(|f| f.leg == leg && f.is_open_warning())
            .collect();
        if let Some(line) = clinical::removed_line(&gone, "removed") {
            writeln!(out, "{line}").map_err(stdout_err)?;
        }
    }
    // As of the entry's own date, so a back-dated entry shows what it raised.
    let assessment = service::assess(&store, date).map_err(checked)?.in_units(config.units);
    let new: Vec<&clinical::Flag> = assessment
        .flags
        .iter()
        .filter(|f| f.leg == leg && f.date == date)
        .collect();
    for flag in new {
        writeln!(out, "{}", clinical_line(flag)).map_err(stdout_err)?;
    }
    stale_lines(&store, leg, date, today, &format!("the check-in was {verb}"), out)
}

/// After saving an entry dated before today: each rule it fires whose
/// warning is no longer open today, as docs/clinical-rules.md words it (open warnings).
fn stale_lines(
    store: &Store,
    leg: Leg,
    date: NaiveDate,
    today: NaiveDate,
    done: &str,
    out: &mut dyn Write,
) -> CliResult {
    let stale = service::stale_firings(store, leg, date, today).map_err(|err| CliError::AfterSave {
        done: done.to_owned(),
        after: format!(
            "whether its warnings are still open today could not be checked: {}",
            err.after_write()
        ),
    })?;
    for firing in stale {
        writeln!(out, "{}", firing.line()).map_err(stdout_err)?;
    }
    Ok(())
}

/// One warning as one readable line, the level word first; an open warning
/// says since when.
fn clinical_line(flag: &clinical::Flag) -> String {
    let when = if flag.since == flag.date {
        flag.date.to_string()
    } else {
        format!("since {}, latest {}", flag.since, flag.date)
    };
    format!(
        "{}: {} ({} calf, {when}). {}",
        flag.level.name().to_uppercase(),
        flag.title,
        flag.leg,
        flag.advice
    )
}

pub(super) fn test(args: TestArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let kind = TestKind::parse(&args.test)?;
    let leg = Leg::parse("leg", &args.leg)?;
    let reps = domain::parse_whole("reps", &args.reps, 0, domain::MAX_REPS)?;
    let date = date_or_today(args.date.as_deref(), today)?;
    let test = CapacityTest {
        date,
        leg,
        test: kind,
        reps,
    };
    test.validate(today)?;
    let store = Store::open(db)?;
    service::apply(&store, &Change::Tests(vec![test]), today)?;
    let done = format!("recorded {} on the {leg} leg: {reps} reps on {date}", kind.label());
    writeln!(out, "{done}").map_err(stdout_err)?;
    // A test of 0 reps is an entry that fires `rupture` (see docs/clinical-rules.md): say so
    // at once, as a check-in does.
    let assessment = service::assess(&store, date).map_err(|err| CliError::AfterSave {
        done: done.clone(),
        after: format!("its warnings could not be checked: {}", err.after_write()),
    })?;
    let raised = |f: &&clinical::Flag| f.rule == clinical::RuleId::Rupture && f.leg == leg && f.date == date;
    for flag in assessment.flags.iter().filter(raised) {
        writeln!(out, "{}", clinical_line(flag)).map_err(stdout_err)?;
    }
    stale_lines(&store, leg, date, today, &done, out)
}

/// `soleus flags` with its words' distances in `units` (config `units`);
/// `--json` adds `guidance.run_cap_km`, today's run cap in km or null (see
/// docs/clinical-rules.md, load-spike).
pub(super) fn flags_in(args: FlagsArgs, db: &Path, today: NaiveDate, units: Units, out: &mut dyn Write) -> CliResult {
    if let Some(raw) = args.explain.as_deref() {
        let rule = clinical::RuleId::parse(raw)
            .ok_or_else(|| ValidationError::new("rule", &format!("one of {}", clinical::RuleId::id_list()), raw))?;
        return writeln!(out, "{}", clinical::explain(rule)).map_err(stdout_err);
    }
    let date = date_or_today(args.date.as_deref(), today)?;
    let store = Store::open(db)?;
    // One read of the engine's window gives the flags and the cap.
    let window = service::HistoryWindow::load(&store, date)?;
    let history = window.history();
    let assessment = clinical::assess(&history, date).in_units(units);
    let cap = clinical::run_cap_km(&history, date);
    if args.json {
        // The fields in the order docs/command-line.md gives them.
        #[derive(serde::Serialize)]
        struct GuidanceJson<'a> {
            light: clinical::Light,
            because: &'a [String],
            run_cap_km: Option<f64>,
        }
        #[derive(serde::Serialize)]
        struct FlagsJson<'a> {
            date: NaiveDate,
            flags: &'a [clinical::Flag],
            guidance: GuidanceJson<'a>,
        }
        let shown = FlagsJson {
            date: assessment.date,
            flags: &assessment.flags,
            guidance: GuidanceJson {
                light: assessment.guidance.light,
                because: &assessment.guidance.because,
                run_cap_km: cap,
            },
        };
        let json = serde_json::to_string_pretty(&shown).map_err(|e| stdout_err(e.into()))?;
        return writeln!(out, "{json}").map_err(stdout_err);
    }
    writeln!(out, "{}", flags_text(&assessment)).map_err(stdout_err)
}

/// The readable form of `flags`: each warning with its level word first and
/// its reasons, then the load guidance, then the reminder that soleus does
/// not diagnose. Never a reassurance.
fn flags_text(assessment: &clinical::Assessment) -> String {
    let date = assessment.date;
    let mut lines = Vec::new();
    match assessment.flags.len() {
        // Not "no warning signs": a warning closed as not-seen keeps its sign.
        0 => lines.push(format!("no open warnings from your entries up to {date}.")),
        1 => lines.push(format!("1 warning from your entries up to {date}:")),
        n => lines.push(format!(
            "{n} warnings from your entries up to {date}, most urgent first:"
        )),
    }
    for flag in &assessment.flags {
        lines.push(clinical_line(flag));
        lines.extend(flag.because.iter().map(|reason| format!("    because: {reason}")));
    }
    let guidance = &assessment.guidance;
    lines.push(format!(
        "load guidance: {}, {}",
        guidance.light.name().to_uppercase(),
        guidance.light.action()
    ));
    lines.extend(guidance.because.iter().map(|reason| format!("    because: {reason}")));
    lines.push("soleus does not diagnose: it shows what your entries contain and how soon to act. If you are worried, see a clinician.".to_owned());
    lines.join("\n")
}
