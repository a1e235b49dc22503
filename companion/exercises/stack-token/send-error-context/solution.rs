// An error type for a parser. The rest of the program collects errors as
// `Box<dyn Error + Send + Sync>`; the context is an `Rc` that only means
// something on the parsing thread, so it travels inside a `Sticky`.

use companion::stack_token::{StackToken, Sticky};
use std::fmt;
use std::rc::Rc;

/// What the parser knows about where it is.
pub struct Context {
    pub file: String,
}

pub struct ParseError {
    pub line: usize,
    // `Sticky` is `Send + Sync` whatever it holds: the `Rc` stays on the
    // thread that made the error, and is dropped there.
    context: Sticky<Rc<Context>>,
}

impl ParseError {
    pub fn new(line: usize, context: Rc<Context>) -> Self {
        ParseError { line, context: Sticky::new(context) }
    }

    /// The file being parsed, when asked on the thread that made the error;
    /// `None` on any other thread.
    pub fn file<'s>(&'s self, token: &'s StackToken) -> Option<&'s str> {
        self.context.try_get(token).ok().map(|context| context.file.as_str())
    }
}

impl fmt::Debug for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ParseError {{ line: {} }}", self.line)
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "parse error on line {}", self.line)
    }
}

impl std::error::Error for ParseError {}
