//! Unsaved check-in edits kept across an app that was stopped (a signal, a
//! closed terminal). They go to `JOURNAL.draft` beside the journal, owner
//! only, and the next start offers to put them back in the form. Each
//! stopped app keeps its own file (`JOURNAL.draft`, then `JOURNAL.draft.2`
//! …, never written over), so two apps stopped with unsaved forms keep
//! both; each start offers one. The journal itself is never written for a
//! draft: until the user saves, the edits are not an entry.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use serde::{Deserialize, Serialize};

use crate::domain::{CheckInInput, Leg};

use crate::ui::app::App;
use crate::ui::app::effect::Tone;
use crate::ui::dialogs::Modal;
use crate::ui::keys::{self, Command, Context};
use crate::ui::widgets::popup;
use crate::ui::widgets::theme::Theme;

/// Drafts larger than this are not a form soleus wrote.
const MAX_DRAFT_BYTES: u64 = 256 * 1024;

/// How many kept forms may wait beside one journal.
pub const MAX_DRAFTS: usize = 9;

/// The form as typed, with the entry it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub date: NaiveDate,
    pub leg: Leg,
    /// The form's values as typed, field for field (the file keeps the
    /// names a check-in has).
    #[serde(flatten)]
    pub input: CheckInInput,
    #[serde(skip)]
    pub path: PathBuf,
}

impl Draft {
    pub fn from_form(date: NaiveDate, leg: Leg, input: CheckInInput) -> Draft {
        Draft {
            date,
            leg,
            input,
            path: PathBuf::new(),
        }
    }

    /// What the dialog that offers the draft asks.
    pub fn question(&self) -> String {
        format!(
            "soleus was stopped while the {} calf check-in of {} had unsaved changes. Put them back in the form?",
            self.leg, self.date
        )
    }

    pub fn input(&self) -> CheckInInput {
        self.input.clone()
    }
}

/// `JOURNAL.draft`.
pub fn path(journal: &Path) -> PathBuf {
    nth_path(journal, 1)
}

/// The `n`-th kept form: `JOURNAL.draft`, then `JOURNAL.draft.2` ….
pub fn nth_path(journal: &Path, n: usize) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".draft");
    if n > 1 {
        name.push(format!(".{n}"));
    }
    PathBuf::from(name)
}

/// Keeps the app's form as a draft if it has unsaved changes, in a file of
/// its own: one another stopped app kept is never written over (the same
/// draft is not written twice). Returns where it was written, or `None`
/// when there was nothing to keep.
pub fn keep(app: &App, journal: &Path) -> std::io::Result<Option<PathBuf>> {
    match prepare(app) {
        Some(draft) => keep_draft(&draft, journal).map(Some),
        None => Ok(None),
    }
}

/// The form as a draft, when it has unsaved changes (the shell keeps one
/// ready after each key, for a stop signal that arrives mid-step).
pub fn prepare(app: &App) -> Option<Draft> {
    if app.setup.is_some() || !app.form.is_dirty() {
        return None;
    }
    Some(Draft::from_form(app.form.date, app.form.leg, app.form.to_input()))
}

/// Writes `draft` beside `journal` (see [`keep`]); returns where.
pub fn keep_draft(draft: &Draft, journal: &Path) -> std::io::Result<PathBuf> {
    let json = serde_json::to_vec_pretty(&draft).map_err(std::io::Error::other)?;
    for n in 1..=MAX_DRAFTS {
        let target = nth_path(journal, n);
        if std::fs::symlink_metadata(&target).is_ok() {
            match read(&target) {
                Some(kept) if (kept.date, kept.leg, &kept.input) == (draft.date, draft.leg, &draft.input) => {
                    return Ok(target);
                }
                _ => continue,
            }
        }
        let resolved = crate::outfile::resolve(&target).unwrap_or_else(|| target.clone());
        let result = crate::outfile::Temp::create(&resolved).and_then(|mut temp| {
            temp.write_all(&json)?;
            temp.persist_new()
        });
        match result {
            Ok(()) => return Ok(target),
            // Another app kept its form there just now.
            Err(e) if e.already_exists() => continue,
            Err(e) => return Err(std::io::Error::other(e.to_string())),
        }
    }
    Err(std::io::Error::other(format!(
        "{MAX_DRAFTS} kept check-ins already wait beside the journal; start soleus to restore or discard them"
    )))
}

/// The first kept draft beside `journal`, if there is a readable one. A
/// file that is not a draft (or a symbolic link) is left alone and ignored.
pub fn load(journal: &Path) -> Option<Draft> {
    (1..=MAX_DRAFTS).find_map(|n| read(&nth_path(journal, n)))
}

fn read(path: &Path) -> Option<Draft> {
    let path = path.to_owned();
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > MAX_DRAFT_BYTES {
        return None;
    }
    let mut draft: Draft = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
    draft.path = path;
    Some(draft)
}

/// Asks whether to put `draft` back in the form.
pub fn offer(app: &mut App, draft: Draft) {
    app.modal = Some(Modal::Draft(Box::new(draft)));
}

/// Draws the offer: put the kept changes back, yes or no.
pub fn render(frame: &mut Frame, area: Rect, theme: Theme, draft: &Draft) {
    popup::render_question(
        frame,
        area,
        theme,
        "Unsaved changes were kept",
        &draft.question(),
        &keys::yes_no("yes", "no"),
    );
}

/// "Yes": the form shows the draft, unsaved, and the file is removed (the
/// edits are on screen now, and kept again if the app is stopped again).
pub fn restore(app: &mut App, draft: &Draft) {
    if draft.date > app.today {
        app.say(
            Tone::Error,
            "The kept changes are for a future date; they were discarded",
        );
    } else {
        app.load_form(draft.date, draft.leg);
        app.form.restore(&draft.input());
        app.say(
            Tone::Info,
            format!(
                "Kept changes for the {} calf, {} restored: {} saves them",
                draft.leg,
                draft.date,
                keys::key(Context::CheckIn, Command::Save)
            ),
        );
    }
    let _ = std::fs::remove_file(&draft.path);
}

/// "No": the draft is removed. Returns what to tell the user.
pub fn decline(draft: &Draft) -> &'static str {
    let _ = std::fs::remove_file(&draft.path);
    "The kept changes were discarded"
}

#[cfg(test)]
mod flat_file_tests {
    use super::*;

    /// The file keeps a check-in's field names at the top level, as the
    /// first drafts did, so a draft written before `intervals` existed
    /// still loads.
    #[test]
    fn a_draft_file_reads_field_for_field_and_older_files_still_load() {
        let old = r#"{"date":"2026-11-20","leg":"left","pain_rest":"3","pain_walk":null,
            "pain_run":null,"tightness":"2","morning":null,"symptoms":["swelling"],
            "run_km":"5","run_min":null,"cross_min":null,"note":"hills"}"#;
        let draft: Draft = serde_json::from_str(old).unwrap();
        assert_eq!(draft.input.pain_rest.as_deref(), Some("3"));
        assert_eq!(draft.input.symptoms, vec!["swelling".to_owned()]);
        assert_eq!(draft.input.note.as_deref(), Some("hills"));
        assert_eq!(draft.input.intervals, None);
        let json = serde_json::to_value(&draft).unwrap();
        assert_eq!(json["tightness"], "2", "{json}");
        assert_eq!(json["leg"], "left", "{json}");
    }
}
