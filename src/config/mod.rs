//! The config file: `soleus/config.toml` in the platform config directory
//! (`$XDG_CONFIG_HOME/soleus/config.toml` on Linux), or the file `--config`
//! or `SOLEUS_CONFIG` names. Every key is optional; a missing default file
//! means the defaults. A file with a mistake is refused whole, with one line
//! naming the file, the line, the key and what is allowed.

pub mod theme;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::{Leg, ValidationError};
use crate::units::{Units, WeekStart};

use theme::{COLOUR_ALLOWED, Color, Colour, Meaning, builtin_colour, meaning_key};

/// The file name inside the platform config directory's `soleus` folder.
pub const FILE_NAME: &str = "config.toml";

/// Which leg a check-in is for when `--leg` is not given (and which leg
/// the check-in form opens on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DefaultLeg {
    /// The profile's injured leg, when it names one.
    #[default]
    Injured,
    Left,
    Right,
}

impl DefaultLeg {
    pub fn leg(self) -> Option<Leg> {
        match self {
            DefaultLeg::Injured => None,
            DefaultLeg::Left => Some(Leg::Left),
            DefaultLeg::Right => Some(Leg::Right),
        }
    }
}

/// The tab the terminal app opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FirstTab {
    #[default]
    Checkin,
    Checklist,
    Trends,
    History,
}

/// `bell`: whether the guided session rings the terminal bell at every
/// change between hold, rest and set. On unless the file says `bell = false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Bell(pub bool);

impl Default for Bell {
    fn default() -> Self {
        Bell(true)
    }
}

/// Everything the config file can set.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Config {
    pub units: Units,
    pub week_start: WeekStart,
    pub default_leg: DefaultLeg,
    pub first_tab: FirstTab,
    pub bell: Bell,
    /// Colours for some of the app's meanings, instead of the built-in ones.
    pub theme: BTreeMap<Meaning, Colour>,
}

/// The file as read, before the `[theme]` keys and colours are checked
/// (after, so that an error there can name its line).
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
#[derive(Default)]
struct RawConfig {
    units: Units,
    week_start: WeekStart,
    default_leg: DefaultLeg,
    first_tab: FirstTab,
    bell: Bell,
    theme: BTreeMap<String, toml::Spanned<toml::Value>>,
}

/// Which file is read, and why that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// Named by `--config` or `SOLEUS_CONFIG`: then it must exist.
    pub explicit: bool,
}

impl Location {
    /// `--config` / `SOLEUS_CONFIG` if given, else the platform default.
    pub fn find(explicit: Option<&Path>) -> Option<Location> {
        match explicit {
            Some(path) => Some(Location {
                path: path.to_owned(),
                explicit: true,
            }),
            None => default_path().map(|path| Location { path, explicit: false }),
        }
    }

    /// Reads the file: the defaults when the default file does not exist,
    /// a [`ValidationError`] naming file, line and key when it is wrong.
    pub fn load(&self) -> Result<Config, ValidationError> {
        let shown = crate::sanitize::path(&self.path);
        match read_config_file(&self.path, &shown)? {
            Ok(bytes) => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| ValidationError::new(&format!("config {shown}"), "UTF-8 text", "other bytes"))?;
                parse(&text, &self.path)
            }
            // The default file is not there, or its folder cannot even be
            // looked into (another user's HOME): the defaults. A file that is
            // there but unreadable is an error.
            Err(err) if !self.explicit && (err.kind() == std::io::ErrorKind::NotFound || !self.folder_visible()) => {
                Ok(Config::default())
            }
            Err(err) => Err(ValidationError::new(
                &format!("config {shown}"),
                "a readable config file (see `soleus config init`)",
                &err.to_string(),
            )),
        }
    }
}

/// A config file larger than this is no config soleus reads.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Reads the config file as `import` reads its file: a regular file (a
/// pipe, a device such as `/dev/zero` or a folder is refused before it is
/// opened, since opening a pipe waits for a writer) of at most
/// [`MAX_CONFIG_BYTES`], read through that limit. The outer error is the
/// refusal; the inner one, a file that could not be read.
fn read_config_file(path: &Path, shown: &str) -> Result<std::io::Result<Vec<u8>>, ValidationError> {
    use std::io::Read;
    let not_regular = |meta: &std::fs::Metadata| {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        let got = if kind.is_dir() {
            "a folder"
        } else if kind.is_fifo() {
            "a pipe"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else {
            "not a regular file"
        };
        ValidationError::new(
            &format!("config {shown}"),
            "a regular file (not a folder, device, pipe or socket)",
            got,
        )
    };
    let too_big = || {
        ValidationError::new(
            &format!("config {shown}"),
            &format!("a file of at most {} MiB", MAX_CONFIG_BYTES >> 20),
            "a larger file",
        )
    };
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(not_regular(&meta)),
        Ok(meta) if meta.len() > MAX_CONFIG_BYTES => return Err(too_big()),
        Ok(_) => {}
        Err(err) => return Ok(Err(err)),
    }
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) => return Ok(Err(err)),
    };
    // The file checked again once open: it may have been swapped meanwhile.
    match file.metadata() {
        Ok(meta) if !meta.is_file() => return Err(not_regular(&meta)),
        Ok(_) => {}
        Err(err) => return Ok(Err(err)),
    }
    let mut bytes = Vec::new();
    if let Err(err) = file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes) {
        return Ok(Err(err));
    }
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(too_big());
    }
    Ok(Ok(bytes))
}

/// Creates the folder a new config file goes in, and any folder above it
/// that is missing, owner only (0700) whatever the umask.
pub fn create_folder(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    // The umask may have taken bits away (never added any: 0700 is the
    // most it leaves); the mode is set exactly on each folder made here.
    for d in missing {
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

impl Location {
    fn folder_visible(&self) -> bool {
        self.path.parent().is_some_and(Path::is_dir)
    }
}

/// `<config dir>/soleus/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "soleus").map(|dirs| dirs.config_dir().join(FILE_NAME))
}

/// Parses a config file's text; `file` only names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Config, ValidationError> {
    let error = |span: Option<std::ops::Range<usize>>, key: &str, allowed: &str, got: &str| {
        let line = span.map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        ValidationError::new(
            &format!("config {} line {line}: {key}", crate::sanitize::path(file)),
            allowed,
            got,
        )
    };
    let deserializer = toml::Deserializer::parse(text).map_err(|e| {
        error(
            e.span(),
            "(syntax)",
            "TOML lines of the form key = \"value\"",
            e.message().trim(),
        )
    })?;
    let raw: RawConfig = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let inner = e.inner();
        let message = inner.message().trim();
        let path = e.path().to_string();
        let at = inner.span().and_then(|s| text.get(s)).unwrap_or_default().trim();
        let at = at.strip_prefix('"').and_then(|a| a.strip_suffix('"')).unwrap_or(at);
        let got = if at.is_empty() { message } else { at };
        // An unknown key: serde names it in backquotes.
        if let Some(unknown) = message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
        {
            return error(inner.span(), unknown, &allowed_values(""), unknown);
        }
        match path.as_str() {
            "theme" => error(inner.span(), "theme", "a table of colours: [theme]", got),
            "." => error(inner.span(), "(file)", "a table of keys", got),
            key => error(inner.span(), key, &allowed_values(key), got),
        }
    })?;
    let mut theme = BTreeMap::new();
    for (key, value) in raw.theme {
        let span = Some(value.span());
        let name = format!("theme.{key}");
        let meaning = Meaning::ALL
            .into_iter()
            .find(|m| meaning_key(*m) == key)
            .ok_or_else(|| {
                error(
                    span.clone(),
                    &name,
                    &format!("a key of [theme]: {}", theme_keys()),
                    &key,
                )
            })?;
        let shown = match value.get_ref() {
            toml::Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let colour = value
            .get_ref()
            .as_str()
            .and_then(|t| t.parse::<Colour>().ok())
            .ok_or_else(|| error(span, &name, COLOUR_ALLOWED, &shown))?;
        theme.insert(meaning, colour);
    }
    Ok(Config {
        units: raw.units,
        week_start: raw.week_start,
        default_leg: raw.default_leg,
        first_tab: raw.first_tab,
        bell: raw.bell,
        theme,
    })
}

fn theme_keys() -> String {
    let names: Vec<String> = Meaning::ALL.iter().map(|m| meaning_key(*m)).collect();
    names.join(", ")
}

/// What a key accepts, as the error message says it.
fn allowed_values(key: &str) -> String {
    match key {
        "units" => "\"km\" or \"mi\"".to_owned(),
        "week_start" => "\"monday\" or \"sunday\"".to_owned(),
        "default_leg" => "\"injured\" (the profile's leg), \"left\" or \"right\"".to_owned(),
        "first_tab" => "\"checkin\", \"checklist\", \"trends\" or \"history\"".to_owned(),
        "bell" => "true or false".to_owned(),
        _ if key.starts_with("theme.") => COLOUR_ALLOWED.to_owned(),
        _ => "a key among units, week_start, default_leg, first_tab, bell and [theme]".to_owned(),
    }
}

impl Config {
    /// The settings in force, as TOML (what `soleus config show` prints).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

/// The file `soleus config init` writes: every key at its default, each
/// with a comment saying what it does and what it accepts.
pub fn commented_default() -> String {
    let mut text = String::from(
        "# soleus configuration. Every key is optional: delete a line to get its default back.\n\
         # `soleus config show` prints the settings in force; `soleus config path` where this file is.\n\n\
         # Distances shown in the app, status and report: \"km\" or \"mi\".\n\
         # The journal and its exports always hold km; `checkin --run-mi` takes miles whatever this says.\n\
         units = \"km\"\n\n\
         # First day of a week (adherence, the report's weekly table): \"monday\" or \"sunday\".\n\
         week_start = \"monday\"\n\n\
         # Leg a check-in is for when --leg is not given, and the leg the form opens on:\n\
         # \"injured\" (the profile's injured leg, if it names one), \"left\" or \"right\".\n\
         default_leg = \"injured\"\n\n\
         # Tab the app opens on: \"checkin\", \"checklist\", \"trends\" or \"history\".\n\
         first_tab = \"checkin\"\n\n\
         # The guided session rings the terminal bell at every change between hold, rest and set: true or false.\n\
         bell = true\n\n\
         # Colours of what the app shows, by meaning. Each is \"default\" (the terminal's own colour),\n\
         # a name (red, light-blue, dark-gray...), an index 0-255 or \"#rrggbb\".\n\
         # NO_COLOR=1 in the environment turns every colour off, whatever this table says.\n\
         [theme]\n",
    );
    for meaning in Meaning::ALL {
        let colour = Colour(builtin_colour(meaning).unwrap_or(Color::Reset));
        let _ = writeln!(text, "{} = \"{}\"", meaning_key(meaning), colour.name());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Config {
        parse(text, Path::new("c.toml")).unwrap()
    }

    fn parse_err(text: &str) -> String {
        parse(text, Path::new("c.toml")).unwrap_err().to_string()
    }

    #[test]
    fn every_key_is_read() {
        let c = parse_ok(
            "units = \"mi\"\nweek_start = \"sunday\"\ndefault_leg = \"right\"\nfirst_tab = \"trends\"\n\
             [theme]\nalert_urgent = \"light-magenta\"\nborder = \"#112233\"\nmuted = \"244\"\n",
        );
        assert_eq!(c.units, Units::Mi);
        assert_eq!(c.week_start, WeekStart::Sunday);
        assert_eq!(c.default_leg, DefaultLeg::Right);
        assert_eq!(c.first_tab, FirstTab::Trends);
        assert_eq!(c.theme[&Meaning::AlertUrgent], Colour(Color::LightMagenta));
        assert_eq!(c.theme[&Meaning::Border], Colour(Color::Rgb(0x11, 0x22, 0x33)));
        assert_eq!(c.theme[&Meaning::Muted], Colour(Color::Indexed(244)));
    }

    /// Issue 23: `--config /dev/zero` grew to 2.3 GiB; a FIFO blocked.
    #[test]
    fn only_a_regular_file_of_at_most_a_mebibyte_is_read() {
        let explicit = |path: &Path| Location {
            path: path.to_owned(),
            explicit: true,
        };
        let err = explicit(Path::new("/dev/zero")).load().unwrap_err().to_string();
        assert!(err.contains("a regular file"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let err = explicit(dir.path()).load().unwrap_err().to_string();
        assert!(err.contains("a regular file"), "{err}");
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; (MAX_CONFIG_BYTES + 1) as usize]).unwrap();
        let err = explicit(&big).load().unwrap_err().to_string();
        assert!(err.contains("at most 1 MiB"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn a_new_config_folder_is_owner_only_whatever_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        create_folder(&deep).unwrap();
        for d in [dir.path().join("a"), deep] {
            assert_eq!(std::fs::metadata(&d).unwrap().permissions().mode() & 0o777, 0o700);
        }
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse_ok(""), Config::default());
        assert_eq!(parse_ok("# nothing\n"), Config::default());
    }

    #[test]
    fn the_commented_file_is_the_defaults() {
        let text = commented_default();
        let c = parse_ok(&text);
        assert_eq!((c.units, c.week_start), (Units::Km, WeekStart::Monday));
        assert_eq!((c.default_leg, c.first_tab), (DefaultLeg::Injured, FirstTab::Checkin));
        assert_eq!(c.theme.len(), Meaning::ALL.len());
        for meaning in Meaning::ALL {
            let expected = builtin_colour(meaning).unwrap_or(Color::Reset);
            assert_eq!(c.theme[&meaning].0, expected, "{meaning:?}");
        }
    }

    #[test]
    fn a_bad_value_names_line_key_and_allowed_values() {
        let err = parse_err("# mine\nunits = \"miles\"\n");
        assert_eq!(
            err,
            "config c.toml line 2: units: expected \"km\" or \"mi\", got \"miles\""
        );
        let err = parse_err("\n\nweek_start = \"tuesday\"");
        assert!(
            err.starts_with("config c.toml line 3: week_start: expected \"monday\" or \"sunday\""),
            "{err}"
        );
        let err = parse_err("[theme]\ntitle = \"sky\"\n");
        assert!(
            err.starts_with("config c.toml line 2: theme.title: expected a colour"),
            "{err}"
        );
        assert!(err.ends_with("got \"sky\""), "{err}");
    }

    #[test]
    fn a_bad_type_is_refused() {
        let err = parse_err("units = 3\n");
        assert!(
            err.starts_with("config c.toml line 1: units: expected \"km\" or \"mi\""),
            "{err}"
        );
        let err = parse_err("first_tab = true\n");
        assert!(err.contains("line 1: first_tab: expected \"checkin\""), "{err}");
        let err = parse_err("theme = \"dark\"\n");
        assert!(err.contains("line 1: theme: expected a table"), "{err}");
    }

    #[test]
    fn an_unknown_key_is_refused() {
        let err = parse_err("units = \"km\"\ncolour = \"blue\"\n");
        assert!(
            err.starts_with("config c.toml line 2: colour: expected a key among units"),
            "{err}"
        );
        let err = parse_err("[theme]\n\nalert_urgentt = \"red\"\n");
        assert!(
            err.starts_with("config c.toml line 3: theme.alert_urgentt: expected a key of [theme]"),
            "{err}"
        );
        assert!(err.contains("alert_urgent,"), "{err}");
    }

    #[test]
    fn broken_toml_is_refused() {
        let err = parse_err("units = \"km\"\nunits km\n");
        assert!(err.starts_with("config c.toml line 2: (syntax)"), "{err}");
    }

    #[test]
    fn a_missing_default_file_is_the_defaults_a_missing_named_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.toml");
        let default = Location {
            path: path.clone(),
            explicit: false,
        };
        assert_eq!(default.load().unwrap(), Config::default());
        let named = Location { path, explicit: true };
        assert!(named.load().is_err());
    }
}
