//! Rows that cannot be read: a value no soleus path writes (a distance of
//! 1e308 km, a date of 30 February) put there by another program or an
//! older version. Such a row is left out of what is read and named, never
//! allowed to lock the whole journal away (see docs/storage.md, "Values
//! already in the file").

use std::collections::BTreeMap;

use rusqlite::Row;
use rusqlite::types::ValueRef;

use crate::domain::ValidationError;
use crate::domain::import::UnreadableRecord;

/// Whether `error` says that a row's values cannot be read (a conversion of
/// a stored value), as opposed to the file or SQLite failing.
pub(super) fn is_unreadable(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
    )
}

/// A lookup of one row that is about to be written over: a row that cannot
/// be read counts as absent, so that the write replaces it.
pub(super) fn absent_if_unreadable<T>(found: rusqlite::Result<Option<T>>) -> rusqlite::Result<Option<T>> {
    match found {
        Err(e) if is_unreadable(&e) => Ok(None),
        other => other,
    }
}

/// The table a query reads: the word after its first ` FROM `.
fn table_of(sql: &str) -> &str {
    let upper = sql.to_ascii_uppercase();
    let Some(at) = upper.find(" FROM ") else {
        return "journal";
    };
    sql[at + 6..]
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty())
        .unwrap_or("journal")
}

/// Describes the row `row` of the query `sql`, which `error` refused.
pub(super) fn describe(sql: &str, row: &Row<'_>, error: &rusqlite::Error) -> UnreadableRecord {
    let table = table_of(sql);
    let stmt = row.as_ref();
    let mut values = BTreeMap::new();
    for (i, name) in stmt.column_names().into_iter().enumerate() {
        let value = row.get_ref(i).map_or(serde_json::Value::Null, json);
        values.insert(name.to_owned(), value);
    }
    let key = |name: &str| values.get(name).map(shown).unwrap_or_default();
    let record = match table {
        "checkin" => format!("check-in of {} {}", key("date"), key("leg")),
        "run" => format!("run {} of {}", key("id"), key("date")),
        "completion" => format!("exercise {} of {}", key("exercise"), key("date")),
        "capacity_test" => format!("heel-raise test of {} {}", key("date"), key("leg")),
        "outcome" => format!("outcome of {} {} {}", key("rule"), key("date"), key("leg")),
        "acknowledgement" => format!("acknowledgement of {} {}", key("rule"), key("date")),
        "phase_change" => format!("phase change of {}", key("date")),
        "plan_span" => format!("plan history of {}", key("exercise")),
        "plan" => format!("plan entry {}", key("exercise")),
        "exercise" => format!("exercise {}", key("id")),
        "profile" => "profile".to_owned(),
        other => format!("{other} row"),
    };
    UnreadableRecord {
        table: table.to_owned(),
        record,
        problem: problem(error),
        row: values,
    }
}

/// What is wrong, in one short line: the field and what it allows.
fn problem(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::FromSqlConversionFailure(_, _, detail) => match detail.downcast_ref::<ValidationError>() {
            Some(e) => {
                // `check-in of 2026-06-20 left.run_km` names the record
                // again: keep the field.
                let field = e.field.rsplit('.').next().unwrap_or(&e.field);
                format!("{field}: expected {}, got {}", e.allowed, short(&e.got))
            }
            None => short(&detail.to_string()),
        },
        rusqlite::Error::InvalidColumnType(_, name, kind) => format!("{name} holds {kind}"),
        rusqlite::Error::IntegralValueOutOfRange(_, value) => {
            format!("a whole number out of range, {}", short(&value.to_string()))
        }
        other => short(&other.to_string()),
    }
}

/// A stored value as text for a message: a huge number in exponent form,
/// control characters made visible, at most 40 characters.
pub(super) fn short(text: &str) -> String {
    if text.len() > 16
        && let Ok(number) = text.parse::<f64>()
    {
        return format!("{number:e}");
    }
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(40)
        .collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => short(s),
        other => short(&other.to_string()),
    }
}

/// A stored value as it is, for the export: numbers as numbers (an
/// infinite one as text), text as text, bytes as hex.
fn json(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(r) => serde_json::Number::from_f64(r).map_or_else(|| r.to_string().into(), Into::into),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => b.iter().map(|byte| format!("{byte:02x}")).collect::<String>().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_the_first_after_from() {
        assert_eq!(table_of("SELECT c.date FROM checkin c LEFT JOIN run r ON 1"), "checkin");
        assert_eq!(table_of("SELECT id FROM run WHERE id = ?1"), "run");
        assert_eq!(table_of("SELECT 1"), "journal");
    }

    #[test]
    fn huge_numbers_and_control_characters_are_shortened() {
        assert_eq!(short(&format!("1{}", "0".repeat(308))), "1e308");
        assert_eq!(short("2025-02-30"), "2025-02-30");
        assert_eq!(short("a\u{1b}[2Jb"), "a?[2Jb");
        assert_eq!(short(&"x".repeat(50)).chars().count(), 41);
    }
}
