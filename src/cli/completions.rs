//! Shell completion scripts (clap_complete) and the manual page
//! (clap_mangen), both generated from the same clap definition as the
//! parser. The scripts also complete exercise ids, rule ids and symptom
//! names, which the parser itself leaves open (a journal can add exercises).

use std::io::{self, Write};

use clap::CommandFactory;
use clap::builder::PossibleValue;
use clap_complete::Shell;

use super::Cli;
use crate::clinical::RuleId;
use crate::domain::{Catalogue, Symptom};

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
    let legs: Vec<PossibleValue> = ["left", "right"].into_iter().map(PossibleValue::new).collect();
    let yes_no: Vec<PossibleValue> = ["yes", "no"].into_iter().map(PossibleValue::new).collect();
    let tests: Vec<PossibleValue> = crate::domain::TestKind::ALL
        .iter()
        .map(|t| PossibleValue::new(t.name()))
        .collect();
    let injured: Vec<PossibleValue> = ["left", "right", "both"].into_iter().map(PossibleValue::new).collect();
    let mut cmd = Cli::command();
    for (command, arg, values) in [
        ("done", "exercises", &exercises),
        ("checkin", "symptoms", &symptoms),
        ("checkin", "leg", &legs),
        ("flags", "explain", &rules),
        ("outcome", "rule", &rules),
        ("outcome", "leg", &legs),
        ("test", "test", &tests),
        ("test", "leg", &legs),
        ("profile", "leg", &injured),
        ("profile", "clot_history", &yes_no),
        ("profile", "cancer", &yes_no),
        ("profile", "clot_risk", &yes_no),
        ("profile", "blood_thinners", &yes_no),
    ] {
        cmd = offer(cmd, command, arg, values);
    }
    cmd
}

/// Makes the scripts offer `values` for `arg` of `command`, when both
/// exist: the parser itself stays as it is.
fn offer(cmd: clap::Command, command: &str, arg: &str, values: &[PossibleValue]) -> clap::Command {
    let exists = cmd
        .find_subcommand(command)
        .is_some_and(|c| c.get_arguments().any(|a| a.get_id() == arg));
    if !exists {
        return cmd;
    }
    let values = values.to_vec();
    cmd.mut_subcommand(command, |c| c.mut_arg(arg, |a| a.value_parser(values)))
}

/// Writes the completion script for `shell`.
pub fn write(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = command_for_completion();
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut cmd, "soleus", &mut bytes);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_completion_command_is_valid_and_offers_the_catalogue() {
        let cmd = command_for_completion();
        cmd.clone().debug_assert();
        let done = cmd.find_subcommand("done").unwrap();
        let exercise = done.get_arguments().find(|a| a.get_id() == "exercises").unwrap();
        let offered: Vec<String> = exercise
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_owned())
            .collect();
        assert_eq!(offered.len(), Catalogue::builtin().all().len());
        assert!(offered.iter().any(|id| id == "ankle-pumps"));
    }

    #[test]
    fn an_argument_that_does_not_exist_is_skipped() {
        let cmd = offer(Cli::command(), "done", "no-such-arg", &[PossibleValue::new("x")]);
        let cmd = offer(cmd, "no-such-command", "rule", &[PossibleValue::new("x")]);
        assert!(cmd.find_subcommand("done").is_some());
    }

    #[test]
    fn the_man_page_holds_every_command() {
        let mut page = Vec::new();
        man_page(&mut page).unwrap();
        let page = String::from_utf8(page).unwrap();
        for sub in Cli::command().get_subcommands() {
            assert!(
                page.contains(&format!(".SS \"soleus {}\"", sub.get_name())),
                "{}",
                sub.get_name()
            );
        }
        assert!(page.contains(".SH EXIT STATUS"));
    }
}
