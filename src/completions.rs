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

/// Writes the manual page, `soleus(1)`, as roff.
pub fn man_page(out: &mut dyn Write) -> io::Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd);
    let mut bytes = Vec::new();
    man.render(&mut bytes)?;
    out.write_all(&bytes)
}
