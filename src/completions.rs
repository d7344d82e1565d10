//! Shell completion scripts (clap_complete) and the manual page
//! (clap_mangen), both generated from the same clap definition as the
//! parser. The scripts also complete exercise ids, rule ids and symptom
//! names, which the parser itself leaves open (a journal can add exercises).

use std::io::{self, Write};

use clap::CommandFactory;
use clap::builder::PossibleValue;
use clap_complete::Shell as Generator;

use crate::cli::Cli;
use crate::clinical::RuleId;
use crate::domain::{Catalogue, Symptom};

/// The shells `soleus completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

impl Shell {
    fn generator(self) -> Generator {
        match self {
            Shell::Bash => Generator::Bash,
            Shell::Zsh => Generator::Zsh,
            Shell::Fish => Generator::Fish,
            Shell::Elvish => Generator::Elvish,
            Shell::Powershell => Generator::PowerShell,
        }
    }
}

/// The command line with the values the scripts should offer: the shipped
/// exercise ids, the rule ids and the symptom names, each with its
/// description (zsh and fish show it).
pub fn command_for_completion() -> clap::Command {
    let exercises: Vec<PossibleValue> = Catalogue::builtin()
        .all()
        .iter()
        .map(|e| PossibleValue::new(e.id.clone()).help(e.name.clone()))
        .collect();
    let symptoms: Vec<PossibleValue> = Symptom::ALL
        .iter()
        .map(|s| PossibleValue::new(s.name()).help(s.question()))
        .collect();
    let rules: Vec<PossibleValue> = RuleId::ALL.iter().map(|r| PossibleValue::new(r.id())).collect();
    let legs = ["left", "right"];
    let mut cmd = Cli::command();
    cmd = cmd
        .mut_subcommand("done", |c| c.mut_arg("exercise", |a| a.value_parser(exercises.clone())))
        .mut_subcommand("checkin", |c| {
            c.mut_arg("symptoms", |a| a.value_parser(symptoms.clone()))
                .mut_arg("leg", |a| a.value_parser(legs))
        })
        .mut_subcommand("flags", |c| c.mut_arg("explain", |a| a.value_parser(rules.clone())))
        .mut_subcommand("test", |c| {
            c.mut_arg("test", |a| a.value_parser(["heel-raise-straight", "heel-raise-bent"]))
                .mut_arg("leg", |a| a.value_parser(legs))
        })
        .mut_subcommand("profile", |c| {
            c.mut_arg("leg", |a| a.value_parser(["left", "right", "both"]))
                .mut_arg("clot_history", |a| a.value_parser(["yes", "no"]))
                .mut_arg("cancer", |a| a.value_parser(["yes", "no"]))
        });
    if cmd.find_subcommand("outcome").is_some() {
        cmd = cmd.mut_subcommand("outcome", |c| c.mut_arg("rule", |a| a.value_parser(rules)));
    }
    cmd
}

/// Writes the completion script for `shell`.
pub fn write(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = command_for_completion();
    let mut bytes = Vec::new();
    clap_complete::generate(shell.generator(), &mut cmd, "soleus", &mut bytes);
    out.write_all(&bytes)
}

/// Writes the manual page, `soleus(1)`, as roff: one page holding every
/// command with its options (no separate `soleus-checkin(1)` pages to
/// install), then the environment, files and exit codes.
pub fn man_page(out: &mut dyn Write) -> io::Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("soleus {}", sub.get_name());
        writeln!(page, ".SS \"{name}\"")?;
        if let Some(about) = sub.get_about() {
            writeln!(page, "{}", escape(&about.to_string()))?;
        }
        let part = clap_mangen::Man::new(sub.clone().bin_name(&name).name(&name));
        let mut text = Vec::new();
        part.render_synopsis_section(&mut text)?;
        part.render_options_section(&mut text)?;
        if sub.has_subcommands() {
            part.render_subcommands_section(&mut text)?;
        }
        // Inside one page, the sections of a command are paragraphs.
        let text = String::from_utf8_lossy(&text)
            .replace(".SH SYNOPSIS\n", ".PP\n")
            .replace(".SH OPTIONS\n", "")
            .replace(".SH SUBCOMMANDS\n", ".PP\nCommands:\n");
        page.extend_from_slice(text.as_bytes());
    }
    page.extend_from_slice(EXTRA.as_bytes());
    man.render_version_section(&mut page)?;
    out.write_all(&page)
}

/// Roff-escapes plain text: backslashes and hyphens, and a leading dot or
/// quote that roff would read as a request.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text
    }
}

/// The environment, files and exit codes, in roff.
const EXTRA: &str = r#".SH ENVIRONMENT
.TP
\fBSOLEUS_DB\fR
The journal file, as \fB\-\-db\fR.
.TP
\fBSOLEUS_CONFIG\fR
The config file, as \fB\-\-config\fR.
.TP
\fBSOLEUS_TODAY\fR
Pins "today" (YYYY\-MM\-DD) for the whole process, for scripts and tests.
.TP
\fBNO_COLOR\fR
Set to anything non\-empty: no colour, whatever the config's [theme] says.
.SH FILES
.TP
\fI$XDG_DATA_HOME/soleus/journal.db\fR
The journal (one SQLite file, owner\-only), with daily copies in \fIbackups/\fR beside it.
.TP
\fI$XDG_CONFIG_HOME/soleus/config.toml\fR
The config file: \fBunits\fR, \fBweek_start\fR, \fBdefault_leg\fR, \fBfirst_tab\fR and a \fB[theme]\fR table. \fBsoleus config init\fR writes a commented one.
.SH EXIT STATUS
0 success; 2 bad input (the message names the field and what is allowed; nothing was written); 1 any other failure, and \fBstatus \-\-check\fR when today's check\-in is missing.
"#;
