//! The one key table (after gitui and tui-journal). Every binding is listed
//! once, with its context and description; the same list resolves key
//! presses, fills the footer with the keys that work right now, and builds
//! the `?` help. A key that is not here does nothing.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. Tabs take the global bindings too; a modal or
/// the first-run setup takes only its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    CheckIn,
    Checklist,
    Trends,
    History,
    Setup,
    Help,
    /// Typing a query into the help's find field (after `/`).
    HelpFind,
    WarningList,
    Confirm,
    Unsaved,
    Alarm,
    Picker,
    HowTo,
    Phase,
    PlanDiff,
    Session,
    ExerciseForm,
    CapacityTest,
    Note,
    OutcomeForm,
}

impl Context {
    /// Every context, for the help and for tests that walk the table.
    pub const ALL: [Context; 21] = [
        Context::Global,
        Context::CheckIn,
        Context::Checklist,
        Context::Trends,
        Context::History,
        Context::Setup,
        Context::Help,
        Context::HelpFind,
        Context::WarningList,
        Context::Confirm,
        Context::Unsaved,
        Context::Alarm,
        Context::Picker,
        Context::HowTo,
        Context::Phase,
        Context::PlanDiff,
        Context::Session,
        Context::ExerciseForm,
        Context::CapacityTest,
        Context::Note,
        Context::OutcomeForm,
    ];

    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere (outside dialogs)",
            Context::CheckIn => "F1 Check-in",
            Context::Checklist => "F2 Checklist",
            Context::Trends => "F3 Trends",
            Context::History => "F4 History",
            Context::Setup => "First-run setup",
            Context::Help => "This help",
            Context::HelpFind => "Finding in this help (after /)",
            Context::WarningList => "All warnings",
            Context::Confirm => "Confirm dialog",
            Context::Unsaved => "Unsaved changes dialog",
            Context::Alarm => "New warning dialog",
            Context::Picker => "Exercise picker",
            Context::HowTo => "Exercise how-to",
            Context::Phase => "Recovery phase details",
            Context::PlanDiff => "Plan for a phase",
            Context::Session => "Guided session",
            Context::ExerciseForm => "Own exercise or dose form",
            Context::CapacityTest => "Heel-raise test form",
            Context::Note => "Note of a check-in",
            Context::OutcomeForm => "Outcome form (from the warning list)",
        }
    }

    /// Whether the global bindings also apply here.
    pub fn takes_global(self) -> bool {
        matches!(
            self,
            Context::CheckIn | Context::Checklist | Context::Trends | Context::History
        )
    }

    /// The kinds of field the keyboard can be on in this context.
    pub fn fields(self) -> &'static [When] {
        match self {
            Context::CheckIn => &[When::Score, When::Symptom, When::Text, When::LeftText],
            Context::Checklist => &[When::Always, When::Score],
            Context::Setup => &[When::Choice, When::Text],
            Context::Phase => &[When::Always, When::Offer],
            Context::OutcomeForm => &[When::Choice, When::Text],
            Context::ExerciseForm => &[When::Text],
            _ => &[When::Always],
        }
    }
}

/// What kind of field the cursor is on, for bindings that only make sense
/// on some fields. `Text` means typing: plain characters are text there and
/// never commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// A 0–10 score: a check-in score, or an exercise's pain on the
    /// Checklist (when the plan has a row to score).
    Score,
    Symptom,
    Text,
    /// A text field left with Esc: it keeps focus, its keys are not typed
    /// (Space types in it again).
    LeftText,
    /// A pick-one or yes/no field of the setup screen.
    Choice,
    /// Something is on offer: the phase details when every criterion for
    /// the next phase holds. Keys that accept the offer exist only then.
    Offer,
}

/// A key as the table matches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// This key, with Shift allowed (so `?`, `G` and Shift-Tab match) but
    /// not Ctrl or Alt.
    Code(KeyCode),
    /// Ctrl and this letter.
    Ctrl(char),
    /// Alt and this character.
    Alt(char),
    /// Any of 0–9.
    Digit,
    /// Any printable character.
    Printable,
}

impl Key {
    fn matches(self, key: KeyEvent) -> bool {
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self {
            Key::Code(code) => plain && key.code == code,
            Key::Ctrl(c) => key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(c),
            Key::Alt(c) => {
                key.modifiers.contains(KeyModifiers::ALT)
                    && !key.modifiers.contains(KeyModifiers::CONTROL)
                    && key.code == KeyCode::Char(c)
            }
            Key::Digit => plain && matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit()),
            Key::Printable => plain && matches!(key.code, KeyCode::Char(c) if !c.is_control()),
        }
    }

    /// A plain character key; these are text, not commands, while typing.
    fn is_character(self) -> bool {
        matches!(self, Key::Code(KeyCode::Char(_)) | Key::Digit | Key::Printable)
    }

    /// A key event that this pattern matches, for tests and demos.
    pub fn example(self) -> KeyEvent {
        match self {
            Key::Code(code @ KeyCode::BackTab) => KeyEvent::new(code, KeyModifiers::SHIFT),
            Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
            Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Key::Alt(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT),
            Key::Digit => KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE),
            Key::Printable => KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
        }
    }

    /// Every key event this pattern stands for that a test should try:
    /// the example, and for the digit and printable classes each printable
    /// ASCII character they cover.
    pub fn events(self) -> Vec<KeyEvent> {
        match self {
            Key::Digit | Key::Printable => (' '..='~')
                .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
                .filter(|k| self.matches(*k))
                .collect(),
            _ => vec![self.example()],
        }
    }
}

/// What a binding does. The few that need a value carry it (the tab to
/// go to); a digit or typed character comes with the [`Input`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Go to the tab at this index (0 = Check-in).
    GoTab(u8),
    NextTab,
    PrevTab,
    Help,
    ShowWarnings,
    Reload,
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    SetScore,
    ScoreDown,
    ScoreUp,
    ClearScore,
    /// Tick or untick: a sign on the form, an exercise on the Checklist.
    Toggle,
    Type,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    DeleteBack,
    DeleteForward,
    /// Leave the text field (the keys are commands again).
    LeaveField,
    Save,
    PrevDay,
    NextDay,
    Today,
    SwitchLeg,
    CopyPrevious,
    AddExercise,
    ShorterRange,
    LongerRange,
    ToggleMean,
    ShowPhase,
    RecordTest,
    MoveOn,
    /// Suggest the plan for the current phase.
    SuggestPlan,
    /// Mark every exercise of the day that no warning pauses as done.
    TickAll,
    /// The same, for the exercises of the selected row's kind only.
    TickKind,
    /// Start the guided session for the selected exercise.
    Guide,
    /// Pause or resume the session's timer.
    Pause,
    /// Open the form for a user's own exercise.
    NewExercise,
    /// Open the dose form of the selected exercise.
    EditDose,
    /// Propose the exercises the user removed too (plan for a phase).
    ShowRemoved,
    /// Open the selected row: an exercise's how-to, an entry in the form.
    Open,
    /// Take the selected row away: from the plan, or from the journal.
    Delete,
    ReadNote,
    Undo,
    ChoicePrev,
    ChoiceNext,
    Close,
    Yes,
    No,
    SaveAndContinue,
    Discard,
    Cancel,
    Acknowledge,
    Choose,
    /// Record what came of the selected warning.
    RecordOutcome,
    /// Start typing a query to find (the help).
    Find,
    /// The next line that matches the query.
    NextMatch,
    /// The previous line that matches the query.
    PrevMatch,
}

/// A key press resolved: the command and the character it carried, so the
/// code that uses a digit never sees a terminal event (after atuin's
/// `AcceptNth(u8)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input {
    pub command: Command,
    pub ch: Option<char>,
}

impl Input {
    pub fn new(command: Command, ch: Option<char>) -> Input {
        Input { command, ch }
    }

    /// A command with no character, for tests and follow-ups.
    pub fn command(command: Command) -> Input {
        Input { command, ch: None }
    }

    /// The digit the key carried.
    pub fn digit(self) -> Option<u8> {
        self.ch.and_then(|c| c.to_digit(10)).and_then(|d| u8::try_from(d).ok())
    }
}

/// One line of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub when: When,
    pub keys: &'static [Key],
    /// The keys as the help shows them.
    pub label: &'static str,
    /// What happens, in a few words.
    pub does: &'static str,
    pub command: Command,
    /// The footer hint, when this binding earns a place there.
    pub footer: Option<&'static str>,
}

const fn bind(
    context: Context,
    when: When,
    keys: &'static [Key],
    label: &'static str,
    does: &'static str,
    command: Command,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        when,
        keys,
        label,
        does,
        command,
        footer,
    }
}

use Command as C;
use Context as X;
use Key::{Alt, Code, Ctrl, Digit, Printable};
use When as W;

const UP: &[Key] = &[Code(KeyCode::Up), Code(KeyCode::Char('k'))];
const DOWN: &[Key] = &[Code(KeyCode::Down), Code(KeyCode::Char('j'))];
const LEFT: &[Key] = &[Code(KeyCode::Left)];
const RIGHT: &[Key] = &[Code(KeyCode::Right)];
const ESC: &[Key] = &[Code(KeyCode::Esc)];
const ENTER: &[Key] = &[Code(KeyCode::Enter)];

/// The footer hints that keep their place at any width.
pub const PINNED: [&str; 2] = ["q quit", "? help"];

/// The whole table, in the order the help lists it. One binding a line, so
/// the table reads as a table.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Tabs and the app. Digits are never here: they are data keys.
    bind(X::Global, W::Always, &[Code(KeyCode::Tab)], "Tab", "next tab", C::NextTab, Some("Tab next tab")),
    bind(X::Global, W::Always, &[Code(KeyCode::BackTab)], "Shift-Tab", "previous tab", C::PrevTab, None),
    bind(X::Global, W::Always, &[Code(KeyCode::F(1)), Alt('1')], "F1 / Alt-1", "Check-in tab", C::GoTab(0), Some("F1–F4 tabs")),
    bind(X::Global, W::Always, &[Code(KeyCode::F(2)), Alt('2')], "F2 / Alt-2", "Checklist tab", C::GoTab(1), None),
    bind(X::Global, W::Always, &[Code(KeyCode::F(3)), Alt('3')], "F3 / Alt-3", "Trends tab", C::GoTab(2), None),
    bind(X::Global, W::Always, &[Code(KeyCode::F(4)), Alt('4')], "F4 / Alt-4", "History tab", C::GoTab(3), None),
    bind(X::Global, W::Always, &[Code(KeyCode::Char('w'))], "w", "read all warnings in full, record what came of one", C::ShowWarnings, Some("w warnings")),
    bind(X::Global, W::Always, &[Code(KeyCode::Char('r'))], "r", "reload the journal (after using the CLI)", C::Reload, None),
    bind(X::Global, W::Always, &[Code(KeyCode::Char('?'))], "?", "this help", C::Help, Some("? help")),
    bind(X::Global, W::Always, &[Code(KeyCode::Char('q')), Ctrl('c')], "q / Ctrl-c", "quit (asks first if the form has unsaved changes)", C::Quit, Some("q quit")),
    // Check-in form.
    bind(X::CheckIn, W::Always, &[Ctrl('s')], "Ctrl-s", "save the check-in", C::Save, Some("Ctrl-s save")),
    bind(X::CheckIn, W::Always, &[Code(KeyCode::Char('y'))], "y", "copy the scores (rest, walking, tightness, morning) from the previous check-in of this leg (never running pain, the run, cross-training or the signs)", C::CopyPrevious, Some("y copy last")),
    bind(X::CheckIn, W::Always, UP, "↑ / k", "previous field", C::Up, Some("↑↓ field")),
    bind(X::CheckIn, W::Always, DOWN, "↓ / j", "next field", C::Down, None),
    bind(X::CheckIn, W::Always, &[Code(KeyCode::PageUp)], "PgUp", "a page of fields up", C::PageUp, None),
    bind(X::CheckIn, W::Always, &[Code(KeyCode::PageDown)], "PgDn", "a page of fields down", C::PageDown, None),
    bind(X::CheckIn, W::Score, &[Digit], "0–9", "set the score (type 1 then 0 for 10)", C::SetScore, Some("0–9 score")),
    bind(X::CheckIn, W::Score, LEFT, "←", "score one lower", C::ScoreDown, Some("←→ ±1")),
    bind(X::CheckIn, W::Score, RIGHT, "→", "score one higher", C::ScoreUp, None),
    bind(X::CheckIn, W::Score, &[Code(KeyCode::Backspace), Code(KeyCode::Delete)], "Backspace / Delete", "clear: not answered", C::ClearScore, None),
    bind(X::CheckIn, W::Symptom, &[Code(KeyCode::Char(' '))], "Space", "tick or untick the sign", C::Toggle, Some("Space tick")),
    bind(X::CheckIn, W::LeftText, &[Code(KeyCode::Char(' '))], "Space", "type in the field again (after Esc)", C::Toggle, Some("Space edit")),
    bind(X::CheckIn, W::Text, &[Printable], "letters", "type into the field (every printable key is text here)", C::Type, None),
    bind(X::CheckIn, W::Text, ESC, "Esc", "leave the text field", C::LeaveField, Some("Esc leave field")),
    bind(X::CheckIn, W::Text, LEFT, "←", "cursor left", C::CursorLeft, None),
    bind(X::CheckIn, W::Text, RIGHT, "→", "cursor right", C::CursorRight, None),
    bind(X::CheckIn, W::Text, &[Code(KeyCode::Home)], "Home", "start of the text", C::CursorHome, None),
    bind(X::CheckIn, W::Text, &[Code(KeyCode::End)], "End", "end of the text", C::CursorEnd, None),
    bind(X::CheckIn, W::Text, &[Code(KeyCode::Backspace)], "Backspace", "delete before the cursor", C::DeleteBack, None),
    bind(X::CheckIn, W::Text, &[Code(KeyCode::Delete)], "Delete", "delete at the cursor", C::DeleteForward, None),
    bind(X::CheckIn, W::Always, &[Code(KeyCode::Char('['))], "[", "previous day", C::PrevDay, Some("[ ] day")),
    bind(X::CheckIn, W::Always, &[Code(KeyCode::Char(']'))], "]", "next day (never past today)", C::NextDay, None),
    bind(X::CheckIn, W::Always, &[Code(KeyCode::Char('t'))], "t", "back to today", C::Today, None),
    bind(X::CheckIn, W::Always, &[Code(KeyCode::Char('l'))], "l", "switch leg", C::SwitchLeg, Some("l leg")),
    bind(X::CheckIn, W::Always, &[Code(KeyCode::Char('u'))], "u", "undo the last save on this tab (asks first)", C::Undo, Some("u undo")),
    // Checklist.
    bind(X::Checklist, W::Always, UP, "↑ / k", "previous exercise", C::Up, Some("↑↓ move")),
    bind(X::Checklist, W::Always, DOWN, "↓ / j", "next exercise", C::Down, None),
    bind(X::Checklist, W::Score, &[Code(KeyCode::Char(' '))], "Space", "mark done / not done on the day shown", C::Toggle, Some("Space done")),
    bind(X::Checklist, W::Score, &[Code(KeyCode::Char('A'))], "A", "mark every exercise of the day done with its planned sets (a session each; not those a warning pauses)", C::TickAll, Some("A all done")),
    bind(X::Checklist, W::Score, &[Code(KeyCode::Char('K'))], "K", "the same for the selected exercise's kind only", C::TickKind, None),
    bind(X::Checklist, W::Score, &[Digit], "0–9", "pain during the exercise (marks it done)", C::SetScore, Some("0–9 pain")),
    bind(X::Checklist, W::Score, LEFT, "←", "pain one lower", C::ScoreDown, None),
    bind(X::Checklist, W::Score, RIGHT, "→", "pain one higher", C::ScoreUp, None),
    bind(X::Checklist, W::Score, &[Code(KeyCode::Backspace)], "Backspace", "clear the pain score", C::ClearScore, None),
    bind(X::Checklist, W::Always, &[Code(KeyCode::Char('u'))], "u", "undo the last tick, pain or plan change", C::Undo, Some("u undo")),
    bind(X::Checklist, W::Always, &[Code(KeyCode::Char('['))], "[", "previous day (tick a missed day)", C::PrevDay, Some("[ ] day")),
    bind(X::Checklist, W::Always, &[Code(KeyCode::Char(']'))], "]", "next day (never past today)", C::NextDay, None),
    bind(X::Checklist, W::Always, &[Code(KeyCode::Char('t'))], "t", "back to today", C::Today, None),
    bind(X::Checklist, W::Score, &[Code(KeyCode::Enter), Code(KeyCode::Char('i'))], "Enter / i", "how to do it, and cautions", C::Open, Some("i how-to")),
    bind(X::Checklist, W::Always, &[Code(KeyCode::Char('a'))], "a", "add an exercise from the catalogue", C::AddExercise, Some("a add")),
    bind(X::Checklist, W::Score, &[Code(KeyCode::Char('x'))], "x", "remove the exercise from the plan (asks first)", C::Delete, Some("x remove")),
    bind(X::Checklist, W::Always, &[Code(KeyCode::Char('p'))], "p", "the phase: criteria for the next one, symmetry, reasons", C::ShowPhase, Some("p phase")),
    bind(X::Checklist, W::Score, &[Code(KeyCode::Char('g'))], "g", "guided session with a timer (an exercise with sets of reps or holds)", C::Guide, Some("g guide")),
    bind(X::Checklist, W::Always, &[Code(KeyCode::Char('c'))], "c", "add your own (custom) exercise, one your physiotherapist gave you", C::NewExercise, Some("c own")),
    bind(X::Checklist, W::Score, &[Code(KeyCode::Char('e'))], "e", "change the exercise's dose (sets, reps or seconds, sessions a day)", C::EditDose, Some("e dose")),
    bind(X::Checklist, W::Always, &[Code(KeyCode::Char('s'))], "s", "suggest a plan for my phase: add, drop, dose changes to tick", C::SuggestPlan, Some("s plan")),
    bind(X::Checklist, W::Always, &[Code(KeyCode::Char('h'))], "h", "record heel-raise tests (both legs, both knee positions)", C::RecordTest, Some("h heel test")),
    // Trends.
    bind(X::Trends, W::Always, UP, "↑ / k", "previous measure", C::Up, Some("↑↓ measure")),
    bind(X::Trends, W::Always, DOWN, "↓ / j", "next measure", C::Down, None),
    bind(X::Trends, W::Always, LEFT, "←", "shorter range (14/30/90/365 days/all)", C::ShorterRange, Some("←→ range")),
    bind(X::Trends, W::Always, RIGHT, "→", "longer range", C::LongerRange, None),
    bind(X::Trends, W::Always, &[Code(KeyCode::Char('m'))], "m", "7-day rolling mean on / off", C::ToggleMean, Some("m mean")),
    bind(X::Trends, W::Always, &[Code(KeyCode::Char('l'))], "l", "switch leg: which one is drawn solid (the other is dotted)", C::SwitchLeg, Some("l leg")),
    // History.
    bind(X::History, W::Always, UP, "↑ / k", "newer entry", C::Up, Some("↑↓ move")),
    bind(X::History, W::Always, DOWN, "↓ / j", "older entry", C::Down, None),
    bind(X::History, W::Always, &[Code(KeyCode::PageUp)], "PgUp", "a page newer", C::PageUp, None),
    bind(X::History, W::Always, &[Code(KeyCode::PageDown)], "PgDn", "a page older", C::PageDown, None),
    bind(X::History, W::Always, &[Code(KeyCode::Home)], "Home", "newest entry", C::First, None),
    bind(X::History, W::Always, &[Code(KeyCode::End)], "End", "oldest entry", C::Last, None),
    bind(X::History, W::Always, ENTER, "Enter", "edit the entry in the check-in form (saving comes back here)", C::Open, Some("Enter edit")),
    bind(X::History, W::Always, &[Code(KeyCode::Char('n'))], "n", "read the entry's whole note", C::ReadNote, Some("n note")),
    bind(X::History, W::Always, &[Code(KeyCode::Char('d'))], "d", "delete the entry (asks first)", C::Delete, Some("d delete")),
    bind(X::History, W::Always, &[Code(KeyCode::Char('u'))], "u", "undo the last delete", C::Undo, Some("u undo")),
    // First-run setup.
    bind(X::Setup, W::Always, &[Code(KeyCode::Up)], "↑", "previous field", C::Up, Some("↑↓ field")),
    bind(X::Setup, W::Always, &[Code(KeyCode::Down)], "↓", "next field", C::Down, None),
    bind(X::Setup, W::Choice, &[Code(KeyCode::Left)], "←", "previous choice", C::ChoicePrev, Some("←→/Space change")),
    bind(X::Setup, W::Choice, &[Code(KeyCode::Right), Code(KeyCode::Char(' '))], "→ / Space", "next choice", C::ChoiceNext, None),
    bind(X::Setup, W::Text, &[Printable], "digits, -, .", "type the date or the distance", C::Type, None),
    bind(X::Setup, W::Text, LEFT, "←", "cursor left", C::CursorLeft, None),
    bind(X::Setup, W::Text, RIGHT, "→", "cursor right", C::CursorRight, None),
    bind(X::Setup, W::Text, &[Code(KeyCode::Backspace)], "Backspace", "delete before the cursor", C::DeleteBack, None),
    bind(X::Setup, W::Always, &[Code(KeyCode::Enter), Ctrl('s')], "Enter / Ctrl-s", "save the profile and start", C::Save, Some("Enter save")),
    bind(X::Setup, W::Always, &[Code(KeyCode::Esc), Ctrl('c')], "Esc / Ctrl-c", "quit without saving", C::Quit, Some("Esc quit")),
    // Dialogs.
    bind(X::Help, W::Always, UP, "↑ / k", "scroll up", C::Up, Some("↑↓ scroll")),
    bind(X::Help, W::Always, DOWN, "↓ / j", "scroll down", C::Down, None),
    bind(X::Help, W::Always, &[Code(KeyCode::PageUp)], "PgUp", "a page up", C::PageUp, None),
    bind(X::Help, W::Always, &[Code(KeyCode::PageDown), Code(KeyCode::Char(' '))], "PgDn / Space", "a page down", C::PageDown, Some("PgDn page")),
    bind(X::Help, W::Always, &[Code(KeyCode::Home), Code(KeyCode::Char('g'))], "Home / g", "the top", C::First, None),
    bind(X::Help, W::Always, &[Code(KeyCode::End), Code(KeyCode::Char('G'))], "End / G", "the bottom", C::Last, None),
    bind(X::Help, W::Always, &[Code(KeyCode::Char('/'))], "/", "find: type words (Enter or Esc ends typing); the matches are highlighted and the first is shown", C::Find, Some("/ find")),
    bind(X::Help, W::Always, &[Code(KeyCode::Char('n'))], "n", "the next match", C::NextMatch, Some("n/N match")),
    bind(X::Help, W::Always, &[Code(KeyCode::Char('N'))], "N", "the previous match", C::PrevMatch, None),
    bind(X::Help, W::Always, &[Code(KeyCode::Esc), Code(KeyCode::Char('?')), Code(KeyCode::Char('q'))], "Esc / ? / q", "close (during a search, the first press ends the search)", C::Close, Some("Esc close")),
    bind(X::HelpFind, W::Always, &[Printable], "letters", "type the words to find (every printable key is text here)", C::Type, None),
    bind(X::HelpFind, W::Always, &[Code(KeyCode::Backspace)], "Backspace", "delete the last character", C::DeleteBack, None),
    bind(X::HelpFind, W::Always, &[Code(KeyCode::Enter), Code(KeyCode::Esc)], "Enter / Esc", "stop typing: n and N then go from match to match", C::LeaveField, Some("Enter/Esc done")),
    bind(X::WarningList, W::Always, UP, "↑ / k", "previous warning", C::Up, Some("↑↓ warning")),
    bind(X::WarningList, W::Always, DOWN, "↓ / j", "next warning", C::Down, None),
    bind(X::WarningList, W::Always, &[Code(KeyCode::Char('o'))], "o", "record what came of the selected warning: result, date, note (closes it)", C::RecordOutcome, Some("o outcome")),
    bind(X::WarningList, W::Always, &[Code(KeyCode::Char('u'))], "u", "undo the last outcome recorded", C::Undo, Some("u undo")),
    bind(X::WarningList, W::Always, &[Code(KeyCode::Esc), Code(KeyCode::Char('w')), Code(KeyCode::Char('q'))], "Esc / w / q", "close", C::Close, Some("Esc close")),
    bind(X::Confirm, W::Always, &[Code(KeyCode::Char('y')), Code(KeyCode::Enter)], "y / Enter", "yes, do it", C::Yes, Some("y yes")),
    bind(X::Confirm, W::Always, &[Code(KeyCode::Char('n')), Code(KeyCode::Esc)], "n / Esc", "no, keep it", C::No, Some("n/Esc no")),
    bind(X::Unsaved, W::Always, &[Code(KeyCode::Char('s')), Ctrl('s')], "s", "save the form, then go on", C::SaveAndContinue, Some("s save")),
    bind(X::Unsaved, W::Always, &[Code(KeyCode::Char('d'))], "d", "discard the changes, then go on", C::Discard, Some("d discard")),
    bind(X::Unsaved, W::Always, &[Code(KeyCode::Char('c')), Code(KeyCode::Esc)], "c / Esc", "cancel: stay on the form", C::Cancel, Some("c/Esc cancel")),
    bind(X::Alarm, W::Always, &[Code(KeyCode::Enter), Code(KeyCode::Char('a'))], "Enter / a", "acknowledge: I have read this warning", C::Acknowledge, Some("Enter/a acknowledge")),
    bind(X::Picker, W::Always, UP, "↑ / k", "previous exercise", C::Up, Some("↑↓ move")),
    bind(X::Picker, W::Always, DOWN, "↓ / j", "next exercise", C::Down, None),
    bind(X::Picker, W::Always, ENTER, "Enter", "add it to the plan", C::Choose, Some("Enter add")),
    bind(X::Picker, W::Always, ESC, "Esc", "cancel", C::Cancel, Some("Esc cancel")),
    bind(X::Phase, W::Always, UP, "↑ / k", "scroll up", C::Up, Some("↑↓ scroll")),
    bind(X::Phase, W::Always, DOWN, "↓ / j", "scroll down", C::Down, None),
    bind(X::Phase, W::Offer, &[Code(KeyCode::Char('m'))], "m", "move on to the next phase (only when every criterion holds): shows its plan to confirm", C::MoveOn, Some("m move on")),
    bind(X::Session, W::Always, &[Code(KeyCode::Char(' '))], "Space", "count a rep; during a rest, start the next set", C::Toggle, Some("Space rep/next")),
    bind(X::Session, W::Always, ENTER, "Enter", "end the set now; at the end, record the sets and the pain", C::Choose, Some("Enter end set/record")),
    bind(X::Session, W::Always, &[Code(KeyCode::Char('p'))], "p", "pause or resume the timer", C::Pause, Some("p pause")),
    bind(X::Session, W::Always, &[Digit], "0–9", "pain during, at the end (1 then 0 for 10)", C::SetScore, Some("0–9 pain")),
    bind(X::Session, W::Always, &[Code(KeyCode::Backspace)], "Backspace", "clear the pain score", C::ClearScore, None),
    bind(X::Session, W::Always, ESC, "Esc", "stop: the sets finished so far can be recorded; Esc again records nothing", C::Cancel, Some("Esc stop")),
    bind(X::ExerciseForm, W::Text, &[Printable], "letters", "type into the field (every printable key is text here)", C::Type, None),
    bind(X::ExerciseForm, W::Text, &[Code(KeyCode::Up), Code(KeyCode::BackTab)], "↑ / Shift-Tab", "previous field", C::Up, Some("↑↓ field")),
    bind(X::ExerciseForm, W::Text, &[Code(KeyCode::Down), Code(KeyCode::Tab)], "↓ / Tab", "next field", C::Down, None),
    bind(X::ExerciseForm, W::Text, &[Code(KeyCode::Backspace)], "Backspace", "delete the last character", C::DeleteBack, None),
    bind(X::ExerciseForm, W::Text, ENTER, "Enter", "save (a field's mistake is named, nothing saved)", C::Save, Some("Enter save")),
    bind(X::ExerciseForm, W::Text, ESC, "Esc", "cancel: nothing changes", C::Cancel, Some("Esc cancel")),
    bind(X::PlanDiff, W::Always, UP, "↑ / k", "previous line", C::Up, Some("↑↓ move")),
    bind(X::PlanDiff, W::Always, DOWN, "↓ / j", "next line", C::Down, None),
    bind(X::PlanDiff, W::Always, &[Code(KeyCode::Char(' '))], "Space", "tick or untick the line", C::Toggle, Some("Space tick")),
    bind(X::PlanDiff, W::Always, &[Code(KeyCode::Char('r'))], "r", "propose the exercises you removed too (or hide them)", C::ShowRemoved, Some("r removed")),
    bind(X::PlanDiff, W::Always, ENTER, "Enter", "apply the ticked lines (and the phase move) in one step; u undoes the plan change", C::Choose, Some("Enter apply")),
    bind(X::PlanDiff, W::Always, ESC, "Esc", "cancel: nothing changes", C::Cancel, Some("Esc cancel")),
    bind(X::Phase, W::Always, &[Code(KeyCode::Esc), Code(KeyCode::Char('p')), Code(KeyCode::Char('q'))], "Esc / p / q", "close", C::Close, Some("Esc close")),
    bind(X::CapacityTest, W::Always, UP, "↑ / k", "previous count", C::Up, Some("↑↓ field")),
    bind(X::CapacityTest, W::Always, DOWN, "↓ / j", "next count", C::Down, None),
    bind(X::CapacityTest, W::Always, &[Digit], "0–9", "type the reps (leave a count empty to record nothing for it)", C::Type, Some("0–9 reps")),
    bind(X::CapacityTest, W::Always, &[Code(KeyCode::Backspace)], "Backspace", "delete the last digit", C::DeleteBack, None),
    bind(X::CapacityTest, W::Always, ENTER, "Enter", "save the counts typed", C::Save, Some("Enter save")),
    bind(X::CapacityTest, W::Always, ESC, "Esc", "cancel: record nothing", C::Cancel, Some("Esc cancel")),
    bind(X::HowTo, W::Always, &[Code(KeyCode::Esc), Code(KeyCode::Enter), Code(KeyCode::Char('i')), Code(KeyCode::Char('q'))], "Esc / Enter", "close", C::Close, Some("Esc close")),
    bind(X::Note, W::Always, UP, "↑ / k", "scroll up", C::Up, Some("↑↓ scroll")),
    bind(X::Note, W::Always, DOWN, "↓ / j", "scroll down", C::Down, None),
    bind(X::Note, W::Always, &[Code(KeyCode::Esc), Code(KeyCode::Char('n')), Code(KeyCode::Char('q'))], "Esc / n / q", "close", C::Close, Some("Esc close")),
    bind(X::OutcomeForm, W::Always, UP, "↑ / k", "previous field", C::Up, Some("↑↓ field")),
    bind(X::OutcomeForm, W::Always, DOWN, "↓ / j", "next field", C::Down, None),
    bind(X::OutcomeForm, W::Choice, LEFT, "←", "previous result, this warning or all open warnings of this calf, or a day earlier (not before the warning opened)", C::ChoicePrev, Some("←→ change")),
    bind(X::OutcomeForm, W::Choice, RIGHT, "→", "next result, this warning or all open warnings of this calf, or a day later (never past today)", C::ChoiceNext, None),
    bind(X::OutcomeForm, W::Text, &[Printable], "letters", "type the note (every printable key is text here)", C::Type, None),
    bind(X::OutcomeForm, W::Text, LEFT, "←", "cursor left", C::CursorLeft, None),
    bind(X::OutcomeForm, W::Text, RIGHT, "→", "cursor right", C::CursorRight, None),
    bind(X::OutcomeForm, W::Text, &[Code(KeyCode::Backspace)], "Backspace", "delete before the cursor", C::DeleteBack, None),
    bind(X::OutcomeForm, W::Text, &[Code(KeyCode::Delete)], "Delete", "delete at the cursor", C::DeleteForward, None),
    bind(X::OutcomeForm, W::Always, &[Code(KeyCode::Enter), Ctrl('s')], "Enter / Ctrl-s", "record the outcome", C::Save, Some("Enter record")),
    bind(X::OutcomeForm, W::Text, ESC, "Esc", "leave the note", C::LeaveField, Some("Esc leave note")),
    bind(X::OutcomeForm, W::Choice, ESC, "Esc", "cancel: record nothing", C::Cancel, Some("Esc cancel")),
];

/// Where the keyboard is: the innermost context and the kind of field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    pub context: Context,
    pub field: When,
}

impl Focus {
    pub fn new(context: Context, field: When) -> Focus {
        Focus { context, field }
    }

    fn applies(self, binding: &Binding) -> bool {
        let context =
            binding.context == self.context || (binding.context == Context::Global && self.context.takes_global());
        context && (binding.when == When::Always || binding.when == self.field)
    }

    fn typing(self) -> bool {
        self.field == When::Text
    }
}

/// Every binding that would take this key press here. The table is built
/// so that this is never more than one (a test walks every context); while
/// typing, plain characters only ever type.
pub fn candidates(focus: Focus, key: KeyEvent) -> Vec<&'static Binding> {
    BINDINGS
        .iter()
        .filter(|b| focus.applies(b))
        .filter(|b| {
            b.keys.iter().any(|k| {
                let text_only = focus.typing() && k.is_character() && b.when != When::Text;
                !text_only && k.matches(key)
            })
        })
        .collect()
}

/// The binding a key press triggers here, if any.
pub fn resolve(focus: Focus, key: KeyEvent) -> Option<&'static Binding> {
    candidates(focus, key).into_iter().next()
}

/// The key press as the app's code sees it: the command, and the
/// character it carried.
pub fn input(focus: Focus, key: KeyEvent) -> Option<Input> {
    let binding = resolve(focus, key)?;
    let ch = match key.code {
        KeyCode::Char(c) => Some(c),
        _ => None,
    };
    Some(Input::new(binding.command, ch))
}

/// The footer hints for right now, in table order. A hint is left out when
/// its key would do something else here (a letter in a text field types),
/// so the footer never promises what a key will not do.
pub fn footer(focus: Focus) -> Vec<&'static str> {
    let own = BINDINGS.iter().filter(|b| b.context == focus.context);
    let global = BINDINGS.iter().filter(|b| b.context == Context::Global);
    own.chain(global)
        .filter(|b| focus.applies(b))
        .filter(|b| {
            b.keys
                .first()
                .and_then(|k| resolve(focus, k.example()))
                .is_some_and(|winner| std::ptr::eq(winner, *b))
        })
        .filter_map(|b| b.footer)
        .collect()
}

/// The binding of `command` in `context`: the first in table order, so
/// the one the help lists first.
pub fn binding(context: Context, command: Command) -> Option<&'static Binding> {
    BINDINGS.iter().find(|b| b.context == context && b.command == command)
}

/// The keys of `command` in `context` as the help names them: "y / Enter".
/// Empty when the table has no such binding (a test checks every hint the
/// app writes in a sentence).
pub fn label(context: Context, command: Command) -> &'static str {
    binding(context, command).map_or("", |b| b.label)
}

/// Each key of [`label`] on its own: `["Enter", "a"]`.
pub fn names(context: Context, command: Command) -> Vec<&'static str> {
    label(context, command).split(" / ").collect()
}

/// The first key of `command` in `context`, as a hint in a sentence names
/// it: "Ctrl-s saves", "Esc closes", "u undoes".
pub fn key(context: Context, command: Command) -> &'static str {
    names(context, command).first().copied().unwrap_or_default()
}

/// The keys the footer names for `command` in `context`: "↑↓" for the
/// binding of ↑ whose hint is "↑↓ field", "F1–F4" for the tabs.
pub fn footer_key(context: Context, command: Command) -> &'static str {
    binding(context, command)
        .and_then(|b| b.footer)
        .map_or("", |hint| hint.split_once(' ').map_or(hint, |(keys, _)| keys))
}

/// The bottom border of a dialog that ↑/↓ scroll: " ↑↓ scroll · Esc closes ".
pub fn scroll_hint(context: Context) -> String {
    format!(
        " {} scroll · {} closes ",
        footer_key(context, Command::Up),
        key(context, Command::Close)
    )
}

/// A yes/no question's answers: "y / Enter: yes    n / Esc: no", with the
/// words of each after the keys.
pub fn yes_no(yes: &str, no: &str) -> String {
    format!(
        "{}: {yes}    {}: {no}",
        label(Context::Confirm, Command::Yes),
        label(Context::Confirm, Command::No)
    )
}

/// The help: every context with its bindings, in table order. The current
/// context comes first so the overlay opens on what matters now.
pub fn help_sections(current: Context) -> Vec<(Context, Vec<&'static Binding>)> {
    let mut order: Vec<Context> = Vec::new();
    order.push(current);
    for b in BINDINGS {
        if !order.contains(&b.context) {
            order.push(b.context);
        }
    }
    order
        .into_iter()
        .map(|c| (c, BINDINGS.iter().filter(|b| b.context == c).collect()))
        .filter(|(_, list): &(Context, Vec<&Binding>)| !list.is_empty())
        .collect()
}

/// The key table as a Markdown table, one row per context with every
/// binding as the help overlay lists it: docs/keys.md carries this exact text
/// (a test checks), so the manual can never disagree with the keys.
pub fn markdown() -> String {
    let mut out = String::from("| where | keys |\n|---|---|\n");
    for context in Context::ALL {
        let bindings: Vec<String> = BINDINGS
            .iter()
            .filter(|b| b.context == context)
            .map(|b| format!("`{}` {}", b.label, b.does))
            .collect();
        if !bindings.is_empty() {
            out.push_str(&format!("| {} | {} |\n", context.title(), bindings.join(" · ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn command(focus: Focus, key: KeyEvent) -> Option<Command> {
        resolve(focus, key).map(|b| b.command)
    }

    /// Every context, on every kind of field it has, and every key any
    /// binding names (each printable character for the digit and letter
    /// classes): no key may reach two bindings. This is the test that makes
    /// a key bound twice impossible to ship.
    #[test]
    fn walking_every_context_finds_no_key_bound_twice() {
        let mut checked = 0;
        for context in Context::ALL {
            for &field in context.fields() {
                let focus = Focus::new(context, field);
                for binding in BINDINGS.iter().filter(|b| focus.applies(b)) {
                    for key in binding.keys.iter().flat_map(|k| k.events()) {
                        let takers = candidates(focus, key);
                        checked += 1;
                        assert!(
                            takers.len() <= 1,
                            "{key:?} in {context:?} on a {field:?} field is bound to {:?}",
                            takers.iter().map(|b| b.command).collect::<Vec<_>>()
                        );
                    }
                }
            }
        }
        assert!(checked > 500, "the walk tried only {checked} keys");
    }

    /// The walk above, run on a table with a key bound twice, fails.
    #[test]
    fn the_walk_would_catch_a_duplicate() {
        let twice = [
            bind(
                X::Trends,
                W::Always,
                &[Code(KeyCode::Char('m'))],
                "m",
                "",
                C::ToggleMean,
                None,
            ),
            bind(
                X::Global,
                W::Always,
                &[Code(KeyCode::Char('m'))],
                "m",
                "",
                C::Reload,
                None,
            ),
        ];
        let focus = Focus::new(Context::Trends, When::Always);
        let takers = twice
            .iter()
            .filter(|b| focus.applies(b) && b.keys.iter().any(|k| k.matches(press(KeyCode::Char('m')))))
            .count();
        assert_eq!(takers, 2);
    }

    /// Outside the fields that show them as data, a key means the same on
    /// every tab (docs/keys.md).
    #[test]
    fn a_key_means_one_thing_on_every_tab() {
        assert_eq!(one_meaning_per_key(BINDINGS), Ok(()));
    }

    /// A binding that edits the field or value in focus (typing, a score,
    /// a tick): a data key, which may differ from a tab's command keys.
    fn edits_data(b: &Binding) -> bool {
        b.when == When::Text
            || matches!(
                b.command,
                C::SetScore
                    | C::ScoreDown
                    | C::ScoreUp
                    | C::ClearScore
                    | C::Type
                    | C::CursorLeft
                    | C::CursorRight
                    | C::CursorHome
                    | C::CursorEnd
                    | C::DeleteBack
                    | C::DeleteForward
            )
    }

    /// Every command key of the tabs (whatever field or row it needs) means
    /// the same command on every tab that binds it.
    fn one_meaning_per_key(table: &[Binding]) -> Result<(), String> {
        let tabs = [Context::CheckIn, Context::Checklist, Context::Trends, Context::History];
        let commands: Vec<&Binding> = table
            .iter()
            .filter(|b| tabs.contains(&b.context) && !edits_data(b))
            .collect();
        for a in &commands {
            for b in &commands {
                for key in a.keys {
                    if b.keys.contains(key) && a.command != b.command {
                        return Err(format!(
                            "{key:?} is {:?} on {:?} but {:?} on {:?}",
                            a.command, a.context, b.command, b.context
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// The check above fails on a key that means one thing on a selected
    /// row of one tab and another on a second tab (`g` once did).
    #[test]
    fn one_meaning_per_key_would_catch_a_row_key_meaning_two_things() {
        let two = [
            bind(
                X::Checklist,
                W::Score,
                &[Code(KeyCode::Char('g'))],
                "g",
                "",
                C::Guide,
                None,
            ),
            bind(
                X::History,
                W::Always,
                &[Code(KeyCode::Char('g'))],
                "g",
                "",
                C::First,
                None,
            ),
        ];
        assert!(one_meaning_per_key(&two).is_err());
    }

    #[test]
    fn digits_never_switch_tabs_and_function_keys_always_do() {
        for context in Context::ALL.into_iter().filter(|c| c.takes_global()) {
            for &field in context.fields() {
                let focus = Focus::new(context, field);
                for d in '0'..='9' {
                    let got = command(focus, press(KeyCode::Char(d)));
                    assert!(
                        !matches!(got, Some(Command::GoTab(_))),
                        "{d} switches tab in {context:?}"
                    );
                }
                for (n, tab) in (1..=4).zip(0u8..) {
                    assert_eq!(command(focus, press(KeyCode::F(n))), Some(Command::GoTab(tab)));
                    let alt = KeyEvent::new(KeyCode::Char(char::from(b'0' + n)), KeyModifiers::ALT);
                    assert_eq!(
                        command(focus, alt),
                        Some(Command::GoTab(tab)),
                        "Alt-{n} in {context:?}/{field:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn typing_turns_every_printable_key_into_text_and_esc_leaves() {
        let typing = Focus::new(Context::CheckIn, When::Text);
        for c in ' '..='~' {
            assert_eq!(command(typing, press(KeyCode::Char(c))), Some(Command::Type), "{c}");
        }
        assert_eq!(command(typing, Key::Ctrl('s').example()), Some(Command::Save));
        assert_eq!(command(typing, press(KeyCode::Esc)), Some(Command::LeaveField));
        assert_eq!(command(typing, press(KeyCode::Left)), Some(Command::CursorLeft));
        let on_score = Focus::new(Context::CheckIn, When::Score);
        assert_eq!(command(on_score, press(KeyCode::Char('q'))), Some(Command::Quit));
        assert_eq!(command(on_score, press(KeyCode::Char('1'))), Some(Command::SetScore));
        let on_sign = Focus::new(Context::CheckIn, When::Symptom);
        assert_eq!(
            command(on_sign, press(KeyCode::Char('3'))),
            None,
            "a digit on a sign does nothing"
        );
    }

    #[test]
    fn the_input_carries_the_character_not_the_event() {
        let on_score = Focus::new(Context::Checklist, When::Score);
        let got = input(on_score, press(KeyCode::Char('3'))).unwrap();
        assert_eq!((got.command, got.digit()), (Command::SetScore, Some(3)));
    }

    #[test]
    fn modals_take_only_their_own_keys() {
        let alarm = Focus::new(Context::Alarm, When::Always);
        assert!(resolve(alarm, press(KeyCode::Esc)).is_none());
        assert!(resolve(alarm, press(KeyCode::Char('q'))).is_none());
        assert!(resolve(alarm, press(KeyCode::F(2))).is_none());
        assert_eq!(command(alarm, press(KeyCode::Char('a'))), Some(Command::Acknowledge));
    }

    #[test]
    fn footer_lists_what_works_now() {
        let on_symptom = footer(Focus::new(Context::CheckIn, When::Symptom));
        assert!(on_symptom.contains(&"Space tick"));
        assert!(!on_symptom.contains(&"0–9 score"));
        assert!(on_symptom.contains(&"q quit"));
        let typing = footer(Focus::new(Context::CheckIn, When::Text));
        assert!(!typing.contains(&"q quit"), "q types while in a text field");
        assert!(typing.contains(&"Ctrl-s save"));
        assert!(typing.contains(&"Esc leave field"));
        // A text field left with Esc: Space types in it again, no sign to tick.
        let left = footer(Focus::new(Context::CheckIn, When::LeftText));
        assert!(
            left.contains(&"Space edit") && !left.contains(&"Space tick"),
            "{left:?}"
        );
        assert!(left.contains(&"q quit"));
        let empty_plan = footer(Focus::new(Context::Checklist, When::Always));
        assert!(!empty_plan.contains(&"0–9 pain"), "no row to score");
        assert!(footer(Focus::new(Context::Checklist, When::Score)).contains(&"0–9 pain"));
        assert!(!footer(Focus::new(Context::Trends, When::Always)).contains(&"u undo"));
    }

    #[test]
    fn help_starts_with_the_current_context_and_lists_every_binding() {
        let sections = help_sections(Context::History);
        assert_eq!(sections[0].0, Context::History);
        let listed: usize = sections.iter().map(|(_, list)| list.len()).sum();
        assert_eq!(listed, BINDINGS.len());
    }

    /// The hints the app writes in sentences ("Ctrl-s saves", "u undoes")
    /// come from the table: these are the keys they name.
    #[test]
    fn hints_in_sentences_name_the_keys_the_table_binds() {
        assert_eq!(key(X::CheckIn, C::Save), "Ctrl-s");
        assert_eq!(key(X::CheckIn, C::Undo), "u");
        assert_eq!(key(X::CheckIn, C::ClearScore), "Backspace");
        assert_eq!(key(X::Help, C::Close), "Esc");
        assert_eq!(key(X::Global, C::GoTab(0)), "F1");
        assert_eq!(names(X::Alarm, C::Acknowledge), ["Enter", "a"]);
        assert_eq!(footer_key(X::OutcomeForm, C::ChoicePrev), "←→");
        assert_eq!(footer_key(X::Global, C::GoTab(0)), "F1–F4");
        assert_eq!(scroll_hint(X::Note), " ↑↓ scroll · Esc closes ");
        assert_eq!(yes_no("yes", "no"), "y / Enter: yes    n / Esc: no");
        assert_eq!(label(X::Trends, C::Undo), "", "no binding, no key");
    }
}
