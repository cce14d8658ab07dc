//! Enums stored as their snake_case names: statuses, kinds, priorities.

/// Implements `NAMES`, `as_str`, `from_name`, `ToSql` and `FromSql` for an enum whose variants
/// are stored as the given names (the same names serde uses).
macro_rules! sql_as_name {
    ($ty:ty { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every name, in the order the variants are declared.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The name stored in the database and shown by the CLI.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),+ }
            }

            /// The variant stored as `name`.
            pub fn from_name(name: &str) -> Option<Self> {
                match name { $($name => Some(Self::$variant),)+ _ => None }
            }
        }

        impl rusqlite::types::ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $ty {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let name = value.as_str()?;
                Self::from_name(name).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(format!("unknown name {name}").into())
                })
            }
        }
    };
}

pub(crate) use sql_as_name;
