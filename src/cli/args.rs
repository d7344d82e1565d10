//! The arguments of the commands `cli/mod.rs` runs itself (clap derive).
//! The other commands keep theirs beside their code.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::{clinical, demo, domain, report};

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct ProfileArgs {
    /// Injured leg: left, right or both
    #[arg(long, value_name = "LEG")]
    pub(super) leg: Option<String>,
    /// Day of the injury, YYYY-MM-DD
    #[arg(long, value_name = "D")]
    pub(super) injury_date: Option<String>,
    /// Ever had a DVT or a clot on the lung: yes or no
    #[arg(long, value_name = "yes|no")]
    pub(super) clot_history: Option<String>,
    /// Active cancer, or treatment in the last 6 months: yes or no
    #[arg(long, value_name = "yes|no")]
    pub(super) cancer: Option<String>,
    /// Other clot risk: oestrogen as the pill or HRT, pregnant or given birth in the last 6 weeks,
    /// or a known clotting disorder: yes or no
    #[arg(long, value_name = "yes|no")]
    pub(super) clot_risk: Option<String>,
    /// Taking a blood thinner (an anticoagulant such as warfarin, apixaban or rivaroxaban): yes or no
    #[arg(long, value_name = "yes|no")]
    pub(super) blood_thinners: Option<String>,
    /// Usual weekly running distance before the injury, km ("none" clears it)
    #[arg(long, value_name = "X", conflicts_with = "baseline_mi")]
    pub(super) baseline_km: Option<String>,
    /// The same in miles (the journal stores km)
    #[arg(long, value_name = "X")]
    pub(super) baseline_mi: Option<String>,
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct CheckinArgs {
    /// Day the entry describes, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "D")]
    pub(super) date: Option<String>,
    /// Which calf [default: the config's default_leg, else the profile's injured leg]
    #[arg(long, value_name = "left|right")]
    pub(super) leg: Option<String>,
    /// Pain sitting or lying still, 0-10 (required)
    #[arg(long, value_name = "N")]
    pub(super) pain_rest: Option<String>,
    /// Pain walking, 0-10 (required)
    #[arg(long, value_name = "N")]
    pub(super) pain_walk: Option<String>,
    /// Worst pain while running, 0-10 (only if you ran)
    #[arg(long, value_name = "N")]
    pub(super) pain_run: Option<String>,
    /// How tight the calf feels, 0-10
    #[arg(long, value_name = "N")]
    pub(super) tightness: Option<String>,
    /// Pain or stiffness in the first minutes after waking, 0-10
    #[arg(long, value_name = "N")]
    pub(super) morning: Option<String>,
    /// A sign seen that day; repeat or comma-separate (see `soleus checkin --help`)
    #[arg(long = "symptom", value_name = "NAME", long_help = symptom_help())]
    pub(super) symptoms: Vec<String>,
    /// Distance run, km
    #[arg(long, value_name = "X", conflicts_with = "run_mi")]
    pub(super) run_km: Option<String>,
    /// Distance run, miles (the journal stores it as km)
    #[arg(long, value_name = "X")]
    pub(super) run_mi: Option<String>,
    /// Time run, minutes
    #[arg(long, value_name = "N")]
    pub(super) run_min: Option<String>,
    /// Walk-run intervals: REPEATSxRUN/WALK in minutes, e.g. 10x1/2 (ten times 1 min running, 2 walking)
    #[arg(long, value_name = "NxR/W")]
    pub(super) intervals: Option<String>,
    /// Cycling, swimming or other cross-training, minutes
    #[arg(long, value_name = "N")]
    pub(super) cross_min: Option<String>,
    /// Anything else worth remembering
    #[arg(long, value_name = "TEXT")]
    pub(super) note: Option<String>,
    /// Change only the fields given on the day's existing entry (an empty
    /// value, such as --note "" or --symptom "", clears that field)
    #[arg(long)]
    pub(super) update: bool,
}

fn symptom_help() -> String {
    let mut help = String::from("A sign seen that day. Repeat the flag or give a comma-separated list:\n");
    for s in domain::Symptom::ALL {
        help.push_str(&format!("  {:<16} {}\n", s.name(), s.question()));
    }
    help
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct TestArgs {
    /// heel-raise-straight or heel-raise-bent
    pub(super) test: String,
    /// Which leg was tested
    #[arg(long, value_name = "left|right")]
    pub(super) leg: String,
    /// Single-leg heel raises done to fatigue, 0-500
    #[arg(long, value_name = "N")]
    pub(super) reps: String,
    /// Day of the test, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "D")]
    pub(super) date: Option<String>,
}

#[derive(Debug, Args)]
pub struct FlagsArgs {
    /// Evaluate as of this day, using only entries up to it [default: today]
    #[arg(long, value_name = "D")]
    pub(super) date: Option<String>,
    /// Print one JSON object instead of text
    #[arg(long)]
    pub(super) json: bool,
    /// Explain one rule instead: its level, exactly when it fires, and its source
    #[arg(long, value_name = "RULE", conflicts_with_all = ["date", "json"], long_help = explain_help())]
    pub(super) explain: Option<String>,
}

fn explain_help() -> String {
    format!(
        "Explain one rule instead of evaluating: its level, exactly when it fires, why, and its source.\nRules: {}",
        clinical::RuleId::id_list()
    )
}

#[derive(Debug, Args)]
#[command(
    override_usage = "soleus outcome <RULE|--all> [--leg left|right] --result <cleared|treating|not-seen> \
                            [--date D] [--note TEXT]"
)]
pub struct OutcomeArgs {
    /// The warning's rule id, as `soleus flags` shows it (for example dvt); or --all
    #[arg(value_name = "RULE")]
    pub(super) rule: Option<String>,
    /// Every warning active on the calf instead of one rule: one clinician visit dealt with all of them
    #[arg(long)]
    pub(super) all: bool,
    /// Which calf [default: the profile's injured leg]
    #[arg(long, value_name = "left|right")]
    pub(super) leg: Option<String>,
    /// cleared (a clinician found nothing serious), treating (assessed and being treated) or
    /// not-seen (you close it without being assessed)
    #[arg(long, value_name = "cleared|treating|not-seen")]
    pub(super) result: String,
    /// Day of the outcome, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "D")]
    pub(super) date: Option<String>,
    /// What the clinician said, or why you closed it
    #[arg(long, value_name = "TEXT")]
    pub(super) note: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json: the whole journal; csv: the check-ins, one row each
    #[arg(long, value_enum)]
    pub(super) format: ExportFormat,
    /// Write to this file (created owner-only) instead of standard output; `-` is standard output
    #[arg(long, value_name = "FILE")]
    pub(super) out: Option<PathBuf>,
    /// Replace FILE even if soleus did not write it
    #[arg(long)]
    pub(super) force: bool,
    /// CSV: write cells exactly as stored (no `'` before =, +, -, @; control characters kept)
    #[arg(long)]
    pub(super) raw: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file written by `soleus export` (JSON or CSV)
    pub(super) file: PathBuf,
    /// Make the journal exactly the JSON export instead of merging (a backup is written first)
    #[arg(long)]
    pub(super) replace: bool,
    /// With --replace: replace a journal that holds entries
    #[arg(long, requires = "replace")]
    pub(super) yes: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Pdf,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// How many days the report covers, ending today (1-3650)
    #[arg(long, value_name = "N", default_value_t = report::DEFAULT_DAYS)]
    pub(super) days: u32,
    /// md: Markdown to paste into a message; html: one self-contained page to print; pdf: one A4 page
    #[arg(long, value_enum, default_value = "md")]
    pub(super) format: ReportFormat,
    /// Add the plan exercise by exercise (adherence is otherwise one line per kind of exercise)
    #[arg(long)]
    pub(super) detail: bool,
    /// Write to this file (created owner-only) instead of standard output; `-` is standard output
    #[arg(long, value_name = "FILE")]
    pub(super) out: Option<PathBuf>,
    /// Replace FILE even if soleus did not write it
    #[arg(long)]
    pub(super) force: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many days of recovery to generate, 1-36500
    #[arg(long, value_name = "N", default_value_t = demo::DEFAULT_DAYS)]
    pub(super) days: u32,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy [default: JOURNAL.backup-YYYY-MM-DD beside the journal]
    #[arg(long, value_name = "FILE")]
    pub(super) out: Option<PathBuf>,
    /// Replace FILE even if it is not an earlier soleus backup
    #[arg(long)]
    pub(super) force: bool,
}
