//! The integration tests, as one crate: one module per area, and the
//! shared test kit in `kit/`. One crate links the binary's library once
//! instead of once per file; `cargo test --test it NAME::` runs one area
//! (for example `cargo test --test it crash::`).

mod kit;

mod adherence;
mod architecture;
mod backup;
mod cli;
mod concurrency;
mod conflicts;
mod crash;
mod daily_loop;
mod ecosystem;
mod flags_cli;
mod fuzz_activity;
mod help_overlay;
mod hostile_files;
mod hostile_input;
mod outcomes_cli;
mod phase_cli;
mod plan_cli;
mod reliability;
mod report;
mod report_v2;
mod restore;
mod runs_import;
mod runs_running;
mod tui_config;
mod tui_props;
mod tui_pty;
mod tui_runs;
mod tui_snapshots;
mod tui_update;
mod unreadable;
mod upgrade;
mod upgrade_runs;
mod warning_panel;
