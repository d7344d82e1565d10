use std::fmt;

/// A value the user gave that the journal cannot accept. It always names the
/// field and what is allowed, so the message alone tells them how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The field as the user knows it (`pain_rest`, `date`, `symptom`...).
    pub field: String,
    /// What would have been accepted.
    pub allowed: String,
    /// What was given.
    pub got: String,
}

impl ValidationError {
    pub fn new(field: &str, allowed: &str, got: &str) -> Self {
        Self {
            field: field.to_owned(),
            allowed: allowed.to_owned(),
            got: got.to_owned(),
        }
    }

    /// The same error, reported under a more specific field name (for example
    /// `checkins[3].pain_rest` inside an import file).
    pub fn within(mut self, prefix: &str) -> Self {
        self.field = format!("{prefix}.{}", self.field);
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: expected {}, got {:?}", self.field, self.allowed, self.got)
    }
}

impl std::error::Error for ValidationError {}
