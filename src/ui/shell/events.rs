//! Where the app's events come from: the terminal's bytes (read on a thread
//! of their own and parsed by [`crate::ui::shell::decode`]) and the signals that end or
//! resize it. The event loop waits on one channel for both, so a signal is
//! handled between two keys, never in the middle of a save.
//!
//! - SIGTERM, SIGINT, SIGHUP, SIGQUIT: the app keeps any unsaved form as a
//!   draft, restores the terminal and exits. A second one of these while
//!   the first is being handled ends the process at once. When the loop is
//!   busy (a long computation between two keys) and has not taken the
//!   signal within [`GRACE`], the signal thread ends the app itself through
//!   the start's `on_hang`: the form as it was before that step is kept, the
//!   terminal restored, and the process exits as for the signal.
//! - SIGWINCH: the terminal changed size.
//! - End of input or a read error: the terminal is gone (a closed window,
//!   an ssh connection dropped, SIGHUP ignored under `nohup`); the app exits
//!   the same way instead of reading nothing forever.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;

use crate::ui::shell::decode::{Input, PAUSE, Parser};

/// The signals that end the app.
pub const STOP_SIGNALS: [i32; 4] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT];

/// How long a stop signal may wait for a busy loop before the signal
/// thread ends the app itself.
pub const GRACE: Duration = Duration::from_millis(1500);

/// What ends the app when the loop is too busy to take a stop signal (its
/// number): keep the draft, restore the terminal, exit. It does not return.
pub type OnHang = Box<dyn FnOnce(i32) + Send>;

/// What the event loop acts on next.
#[derive(Debug)]
pub enum Event {
    Input(Input),
    Resize,
    /// A stop signal arrived (its number).
    Stop(i32),
    /// The terminal went away; the reason, for the user.
    Gone(String),
}

enum Raw {
    Bytes(Vec<u8>),
    Signal(i32),
    Gone(String),
}

/// The app's event source.
pub struct Events {
    rx: Receiver<Raw>,
    parser: Parser,
    ready: std::collections::VecDeque<Event>,
    signals: signal_hook::iterator::Handle,
    /// Set when the loop takes a stop signal (so the signal thread need not
    /// end the app itself).
    taken: Arc<AtomicBool>,
}

/// The name of a stop signal, for the exit message.
pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        SIGTERM => "SIGTERM",
        SIGINT => "SIGINT",
        SIGHUP => "SIGHUP",
        SIGQUIT => "SIGQUIT",
        _ => "a signal",
    }
}

impl Events {
    /// Starts reading standard input and listening for signals; `on_hang`
    /// ends the app when a stop signal is not taken within [`GRACE`].
    pub fn start(on_hang: OnHang) -> io::Result<Events> {
        let (tx, rx) = channel();
        let mut signals = Signals::new(STOP_SIGNALS.iter().chain(&[SIGWINCH]))?;
        // A second stop signal while the first is handled (a hung journal,
        // say) ends the process without waiting.
        for signal in STOP_SIGNALS {
            let stopping = Arc::new(AtomicBool::new(false));
            signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stopping))?;
            signal_hook::flag::register(signal, stopping)?;
        }
        let handle = signals.handle();
        let signal_tx = tx.clone();
        let taken = Arc::new(AtomicBool::new(false));
        let watched = Arc::clone(&taken);
        thread::Builder::new().name("signals".into()).spawn(move || {
            let mut on_hang = Some(on_hang);
            for signal in signals.forever() {
                if signal_tx.send(Raw::Signal(signal)).is_err() {
                    break;
                }
                if signal != SIGWINCH
                    && !taken_within(&watched, GRACE)
                    && let Some(end) = on_hang.take()
                {
                    end(signal);
                }
            }
        })?;
        thread::Builder::new()
            .name("input".into())
            .spawn(move || read_input(io::stdin().lock(), &tx))?;
        Ok(Events {
            rx,
            parser: Parser::default(),
            ready: Default::default(),
            signals: handle,
            taken,
        })
    }

    /// Waits for the next event. Bytes of an incomplete sequence wait at
    /// most [`PAUSE`] for the rest before they are read as typed keys.
    pub fn wait(&mut self) -> Event {
        loop {
            if let Some(event) = self.wait_at_most(None) {
                return event;
            }
        }
    }

    /// [`Events::wait`], giving up after `timeout` (when given) with
    /// `None`: the guided session's timer ticks that way.
    pub fn wait_at_most(&mut self, timeout: Option<std::time::Duration>) -> Option<Event> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            let raw = if self.parser.is_pending() {
                match self.rx.recv_timeout(PAUSE) {
                    Ok(raw) => raw,
                    Err(RecvTimeoutError::Timeout) => {
                        let inputs = self.parser.flush();
                        self.ready.extend(inputs.into_iter().map(Event::Input));
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => Raw::Gone("the input closed".into()),
                }
            } else if let Some(timeout) = timeout {
                match self.rx.recv_timeout(timeout) {
                    Ok(raw) => raw,
                    Err(RecvTimeoutError::Timeout) => return None,
                    Err(RecvTimeoutError::Disconnected) => Raw::Gone("the input closed".into()),
                }
            } else {
                self.rx.recv().unwrap_or_else(|_| Raw::Gone("the input closed".into()))
            };
            match raw {
                Raw::Bytes(bytes) => {
                    let inputs = self.parser.feed(&bytes);
                    self.ready.extend(inputs.into_iter().map(Event::Input));
                }
                Raw::Signal(SIGWINCH) => return Some(Event::Resize),
                Raw::Signal(signal) => {
                    self.taken.store(true, Ordering::SeqCst);
                    return Some(Event::Stop(signal));
                }
                Raw::Gone(reason) => return Some(Event::Gone(reason)),
            }
        }
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        self.signals.close();
    }
}

/// Whether `taken` is set within `grace` (polled: the loop sets it once).
fn taken_within(taken: &AtomicBool, grace: Duration) -> bool {
    let deadline = Instant::now() + grace;
    while !taken.load(Ordering::SeqCst) {
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(10));
    }
    true
}

/// Sends what the terminal types until it goes away. End of input and a
/// read error both end the app: a terminal that is gone never comes back.
fn read_input(mut input: impl Read, tx: &Sender<Raw>) {
    let mut buf = [0u8; 1024];
    loop {
        let raw = match input.read(&mut buf) {
            Ok(0) => Raw::Gone("the terminal closed".into()),
            Ok(n) => Raw::Bytes(buf[..n].to_vec()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => Raw::Gone(format!("reading the terminal failed: {e}")),
        };
        let last = matches!(raw, Raw::Gone(_));
        if tx.send(raw).is_err() || last {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A terminal that sends a few keys, then goes away: the reader says so
    /// once and stops (no busy loop on a dead input).
    #[test]
    fn end_of_input_is_reported_once() {
        let (tx, rx) = channel();
        read_input(&b"q"[..], &tx);
        drop(tx);
        let got: Vec<Raw> = rx.iter().collect();
        assert!(matches!(&got[..], [Raw::Bytes(b), Raw::Gone(_)] if b == b"q"));
    }

    #[test]
    fn a_signal_taken_in_time_needs_no_watchdog() {
        let taken = AtomicBool::new(true);
        assert!(taken_within(&taken, Duration::ZERO));
        let taken = AtomicBool::new(false);
        assert!(!taken_within(&taken, Duration::from_millis(20)));
    }

    #[test]
    fn a_read_error_is_the_terminal_gone() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::from_raw_os_error(5)) // EIO: the pty's other end closed
            }
        }
        let (tx, rx) = channel();
        read_input(Broken, &tx);
        drop(tx);
        let got: Vec<Raw> = rx.iter().collect();
        assert!(matches!(&got[..], [Raw::Gone(reason)] if reason.contains("reading the terminal failed")));
    }
}
