// An error type for a parser. The rest of the program collects errors as
// `Box<dyn Error + Send + Sync>`, but the parser wants each error to carry
// its context, an `Rc` that only means something on the parsing thread.
// As written, `ParseError` is neither `Send` nor `Sync`.

use companion::stack_token::StackToken;
use std::fmt;
use std::rc::Rc;

/// What the parser knows about where it is.
pub struct Context {
    pub file: String,
}

pub struct ParseError {
    pub line: usize,
    context: Rc<Context>,
}

impl ParseError {
    pub fn new(line: usize, context: Rc<Context>) -> Self {
        ParseError { line, context }
    }

    /// The file being parsed, when asked on the thread that made the error;
    /// `None` on any other thread.
    pub fn file<'s>(&'s self, _token: &'s StackToken) -> Option<&'s str> {
        Some(&self.context.file)
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
