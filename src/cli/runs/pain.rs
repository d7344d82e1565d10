//! After `runs import`: one line per new run whose day has no running pain
//! yet, each with the exact command that records it. The load light needs
//! the pain of a run to judge it (docs/runs.md, "After an import").

use crate::config::Config;
use crate::domain::{Leg, Run};
use crate::store::{Store, StoreError};

/// The lines asking for the running pain of the runs `added` (by ID, in
/// the order they were written), oldest first.
pub(super) fn asks(store: &Store, added: &[i64], config: &Config) -> Result<Vec<String>, StoreError> {
    let legs: Vec<Leg> = match config
        .default_leg
        .leg()
        .or_else(|| store.profile().ok().flatten().and_then(|p| p.leg.single()))
    {
        Some(leg) => vec![leg],
        None => vec![Leg::Left, Leg::Right],
    };
    let mut runs: Vec<Run> = Vec::new();
    for id in added {
        if let Some(run) = store.run(*id)? {
            runs.push(run);
        }
    }
    runs.sort_by_key(|r| (r.date, r.start));
    let mut lines = Vec::new();
    // Each run asked for, in the order of `lines`.
    let mut asked: Vec<&Run> = Vec::new();
    for run in &runs {
        let mut commands = Vec::new();
        for leg in &legs {
            let entry = store.checkin(run.date, *leg)?;
            if entry.as_ref().is_some_and(|c| c.pain_run.is_some()) {
                continue;
            }
            commands.push(match entry {
                Some(_) => format!("soleus checkin --date {} --leg {leg} --update --pain-run N", run.date),
                None => format!(
                    "soleus checkin --date {} --leg {leg} --pain-rest N --pain-walk N --pain-run N",
                    run.date
                ),
            });
        }
        if commands.is_empty() {
            continue;
        }
        asked.push(run);
        let distance = run
            .km
            .map_or(String::new(), |km| format!(", {}", config.units.show(km)));
        lines.push(format!(
            "no running pain for the run of {}{distance} (run {}): {}",
            run.date,
            run.id.unwrap_or_default(),
            commands.join("; ")
        ));
    }
    // A whole watch history would ask a thousand times: the newest runs
    // are the ones the light reads, so those are asked for by name.
    if lines.len() > MAX_ASKS {
        let cut = lines.len() - MAX_ASKS;
        let (first, last) = (asked[0].date, asked[cut - 1].date);
        lines.drain(..cut);
        lines.insert(
            0,
            format!(
                "{cut} older runs, from {first} to {last}, have no running pain either: the same command with \
                 their date records it"
            ),
        );
    }
    Ok(lines)
}

/// Runs asked for by name after an import; older ones are counted.
const MAX_ASKS: usize = 10;
