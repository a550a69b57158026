//! The crate's one error type.

use std::fmt;

/// A specialised `Result` whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong in clipmark, boxed so that `Result` stays one word wide.
///
/// The message (`Display`) is one line, meant to be shown to a user as is.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read or written.
    Io {
        /// The file involved (or `-` for standard input/output).
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// Input bytes are not valid UTF-8.
    NotUtf8 {
        /// The file involved (or `-` for standard input).
        path: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A document or record is not well-formed JSON.
    Json {
        /// Where (file name, line or record number), when known.
        context: String,
        /// The parser's message.
        message: String,
    },
    /// Well-formed input that breaks the format's rules (wrong field, offset out of range,
    /// a span whose `text` does not match its offsets, ...).
    Invalid {
        /// Where (file name, line or record number, span index), when known.
        context: String,
        /// What is wrong.
        message: String,
    },
    /// A model file is damaged or of the wrong version.
    Model(String),
    /// The command line was used wrongly.
    Usage(String),
}

impl Error {
    /// Builds an error of the given kind.
    pub fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// A format or validation error with its context.
    pub fn invalid(context: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Invalid { context: context.into(), message: message.into() })
    }

    /// A JSON syntax error with its context.
    pub fn json(context: impl Into<String>, err: impl fmt::Display) -> Error {
        Error::new(ErrorKind::Json { context: context.into(), message: err.to_string() })
    }

    /// A usage error of the command line.
    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage(message.into()))
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<String>, err: &std::io::Error) -> Error {
        Error::new(ErrorKind::Io { path: path.into(), message: err.to_string() })
    }

    /// Returns the same error with `outer` prepended to its context (for example a file name).
    pub fn within(self, outer: &str) -> Error {
        let kind = match *self.0 {
            ErrorKind::Json { context, message } => {
                ErrorKind::Json { context: join_context(outer, &context), message }
            }
            ErrorKind::Invalid { context, message } => {
                ErrorKind::Invalid { context: join_context(outer, &context), message }
            }
            other => other,
        };
        Error::new(kind)
    }
}

fn join_context(outer: &str, inner: &str) -> String {
    match (outer.is_empty(), inner.is_empty()) {
        (true, _) => inner.to_string(),
        (_, true) => outer.to_string(),
        _ => format!("{outer}: {inner}"),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one_line = |s: &str| s.replace(['\n', '\r'], " ");
        match &*self.0 {
            ErrorKind::Io { path, message } => write!(f, "{path}: {}", one_line(message)),
            ErrorKind::NotUtf8 { path, offset } => {
                write!(f, "{path}: not UTF-8 text (invalid byte sequence at byte {offset})")
            }
            ErrorKind::Json { context, message } if context.is_empty() => {
                write!(f, "invalid JSON: {}", one_line(message))
            }
            ErrorKind::Json { context, message } => {
                write!(f, "{context}: invalid JSON: {}", one_line(message))
            }
            ErrorKind::Invalid { context, message } if context.is_empty() => {
                write!(f, "{}", one_line(message))
            }
            ErrorKind::Invalid { context, message } => {
                write!(f, "{context}: {}", one_line(message))
            }
            ErrorKind::Model(m) => write!(f, "model: {}", one_line(m)),
            ErrorKind::Usage(m) => write!(f, "{}", one_line(m)),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line_with_context() {
        let e =
            Error::invalid("record 3", "entity 2: text \"a\nb\" does not match").within("in.jsonl");
        assert_eq!(e.to_string(), "in.jsonl: record 3: entity 2: text \"a b\" does not match");
        let e = Error::new(ErrorKind::NotUtf8 { path: "x.txt".into(), offset: 7 });
        assert!(e.to_string().starts_with("x.txt: not UTF-8"));
    }
}
