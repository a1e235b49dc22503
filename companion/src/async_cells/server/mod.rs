//! A loopback key-value server: the protocol, the shared store, and a twin
//! that keeps the store in `Rc<RefCell<_>>`.
//!
//! Every connection of the server reads lines and answers each with one
//! line. All connections share one [`Store`], so a value one client sets is
//! what another gets. The protocol, its parsing and its replies are here; a
//! server is an accept loop that spawns one task per connection, and a
//! connection task is a loop of "read a line, open the store, answer it,
//! write the reply". How a server opens the store is the one thing that tells
//! two servers apart: [`refcell`] borrows a `RefCell` for each request,
//! [`branded`] opens a `GhostCell` with the owner its executor lends to the
//! poll.
//!
//! | request | reply |
//! |---|---|
//! | `GET key` | `VALUE value`, or `NONE` if the key has no value |
//! | `SET key value` | `OLD value` with the value it replaced, or `NONE` |
//! | `COUNT` | `COUNT n`: how many requests the store has answered, this one included |
//! | anything else | `ERROR` and why |
//!
//! A key is one word; a value is the rest of the line after the key and one
//! space, so it may hold spaces.
//!
//! [`client::drive`] is the load to test a server with: many connections at
//! once, each sending its lines and checking every reply.
//!
//! ```
//! use companion::async_cells::server::Store;
//!
//! let mut store = Store::default();
//! assert_eq!(store.answer("SET greeting hello there").to_string(), "NONE");
//! assert_eq!(store.answer("GET greeting").to_string(), "VALUE hello there");
//! assert_eq!(store.answer("SET greeting bye").to_string(), "OLD hello there");
//! assert_eq!(store.answer("COUNT").to_string(), "COUNT 4");
//! assert_eq!(store.answer("DROP greeting").to_string(), "ERROR unknown command `DROP`");
//! ```
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::fmt;

pub mod branded;
pub mod client;
pub mod refcell;

/// One parsed request line.
///
/// # Example
///
/// ```
/// use companion::async_cells::server::Request;
///
/// assert_eq!(Request::parse("SET k a b"), Ok(Request::Set { key: "k", value: "a b" }));
/// assert!(Request::parse("GET").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request<'a> {
    /// `GET key`: the key's value.
    Get {
        /// The key to read.
        key: &'a str,
    },
    /// `SET key value`: store the value, reply with the one it replaced.
    Set {
        /// The key to write.
        key: &'a str,
        /// The new value: the rest of the line.
        value: &'a str,
    },
    /// `COUNT`: how many requests the store has answered.
    Count,
}

/// Why a line is not a request.
///
/// # Example
///
/// ```
/// use companion::async_cells::server::{ParseError, Request};
///
/// assert_eq!(Request::parse(""), Err(ParseError::Empty));
/// assert_eq!(ParseError::Empty.to_string(), "empty line");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError<'a> {
    /// The line has no command.
    Empty,
    /// The first word is not a command of the protocol.
    Unknown(&'a str),
    /// The command lacks its key, or `SET` its value.
    MissingArgument(&'static str),
    /// The command has words it does not take.
    TrailingWords(&'static str),
}

impl fmt::Display for ParseError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("empty line"),
            ParseError::Unknown(command) => write!(f, "unknown command `{command}`"),
            ParseError::MissingArgument(usage) => write!(f, "usage: {usage}"),
            ParseError::TrailingWords(usage) => write!(f, "usage: {usage}"),
        }
    }
}

impl<'a> Request<'a> {
    /// Parses one line (without its line ending).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::server::{ParseError, Request};
    ///
    /// assert_eq!(Request::parse("GET k"), Ok(Request::Get { key: "k" }));
    /// assert_eq!(Request::parse("COUNT"), Ok(Request::Count));
    /// assert_eq!(Request::parse("GET k v"), Err(ParseError::TrailingWords("GET key")));
    /// ```
    pub fn parse(line: &'a str) -> Result<Self, ParseError<'a>> {
        let (command, rest) = line.split_once(' ').unwrap_or((line, ""));
        match command {
            "" => Err(ParseError::Empty),
            "GET" => match rest {
                "" => Err(ParseError::MissingArgument("GET key")),
                key if key.contains(' ') => Err(ParseError::TrailingWords("GET key")),
                key => Ok(Request::Get { key }),
            },
            "SET" => match rest.split_once(' ') {
                Some((key, value)) if !key.is_empty() => Ok(Request::Set { key, value }),
                _ => Err(ParseError::MissingArgument("SET key value")),
            },
            "COUNT" if rest.is_empty() => Ok(Request::Count),
            "COUNT" => Err(ParseError::TrailingWords("COUNT")),
            unknown => Err(ParseError::Unknown(unknown)),
        }
    }
}

/// One reply line; `Display` writes it without its line ending.
///
/// # Example
///
/// ```
/// use companion::async_cells::server::Reply;
///
/// assert_eq!(Reply::Old("7".to_string()).to_string(), "OLD 7");
/// assert_eq!(Reply::None.to_string(), "NONE");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The value a `GET` found.
    Value(String),
    /// The value a `SET` replaced.
    Old(String),
    /// No value: the key had none.
    None,
    /// The number of requests answered, for `COUNT`.
    Count(u64),
    /// The line was not a request; why.
    Error(String),
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reply::Value(value) => write!(f, "VALUE {value}"),
            Reply::Old(value) => write!(f, "OLD {value}"),
            Reply::None => f.write_str("NONE"),
            Reply::Count(count) => write!(f, "COUNT {count}"),
            Reply::Error(why) => write!(f, "ERROR {why}"),
        }
    }
}

/// The state every connection shares: the keys and their values, and how
/// many requests have been answered.
///
/// A server keeps one `Store` for all its connections and opens it for one
/// request at a time; nothing in it waits, so no borrow of it needs to be
/// held across an `.await`.
///
/// # Example
///
/// ```
/// use companion::async_cells::server::{Reply, Request, Store};
///
/// let mut store = Store::default();
/// store.apply(Request::Set { key: "k", value: "1" });
/// assert_eq!(store.apply(Request::Get { key: "k" }), Reply::Value("1".to_string()));
/// assert_eq!(store.requests(), 2);
/// ```
#[derive(Debug, Default)]
pub struct Store {
    values: HashMap<String, String>,
    requests: u64,
}

impl Store {
    /// Carries out one request.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::server::{Reply, Request, Store};
    ///
    /// let mut store = Store::default();
    /// assert_eq!(store.apply(Request::Set { key: "k", value: "1" }), Reply::None);
    /// assert_eq!(store.apply(Request::Set { key: "k", value: "2" }), Reply::Old("1".to_string()));
    /// ```
    pub fn apply(&mut self, request: Request<'_>) -> Reply {
        self.requests += 1;
        let found = match request {
            Request::Get { key } => self.values.get(key).cloned().map(Reply::Value),
            Request::Set { key, value } => self.values.insert(key.to_string(), value.to_string()).map(Reply::Old),
            Request::Count => Some(Reply::Count(self.requests)),
        };
        found.unwrap_or(Reply::None)
    }

    /// Parses one line and carries it out: the reply a server writes back.
    /// A line that does not parse is answered with [`Reply::Error`], and
    /// counted like any other request.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::server::{Reply, Store};
    ///
    /// let mut store = Store::default();
    /// assert_eq!(store.answer("GET nothing"), Reply::None);
    /// assert_eq!(store.answer("SET").to_string(), "ERROR usage: SET key value");
    /// ```
    pub fn answer(&mut self, line: &str) -> Reply {
        match Request::parse(line) {
            Ok(request) => self.apply(request),
            Err(why) => {
                self.requests += 1;
                Reply::Error(why.to_string())
            }
        }
    }

    /// How many requests the store has answered.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::server::Store;
    ///
    /// let mut store = Store::default();
    /// store.answer("COUNT");
    /// assert_eq!(store.requests(), 1);
    /// ```
    pub fn requests(&self) -> u64 {
        self.requests
    }

    /// The value of `key`, if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::server::Store;
    ///
    /// let mut store = Store::default();
    /// store.answer("SET k v");
    /// assert_eq!(store.get("k"), Some("v"));
    /// ```
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_spaces_and_keys_do_not_take_any() {
        assert_eq!(Request::parse("SET k  two  spaces"), Ok(Request::Set { key: "k", value: " two  spaces" }));
        assert_eq!(Request::parse("SET k "), Ok(Request::Set { key: "k", value: "" }));
        assert_eq!(Request::parse("SET  v"), Err(ParseError::MissingArgument("SET key value")));
        assert_eq!(Request::parse("SET k"), Err(ParseError::MissingArgument("SET key value")));
        assert_eq!(Request::parse("GET a b"), Err(ParseError::TrailingWords("GET key")));
        assert_eq!(Request::parse("GET "), Err(ParseError::MissingArgument("GET key")));
        assert_eq!(Request::parse("COUNT x"), Err(ParseError::TrailingWords("COUNT")));
        assert_eq!(Request::parse("get k"), Err(ParseError::Unknown("get")));
    }

    #[test]
    fn every_line_is_counted_and_answered() {
        let mut store = Store::default();
        let replies: Vec<String> =
            ["", "SET a 1", "GET a", "nonsense", "COUNT"].iter().map(|line| store.answer(line).to_string()).collect();
        assert_eq!(replies, ["ERROR empty line", "NONE", "VALUE 1", "ERROR unknown command `nonsense`", "COUNT 5"]);
    }
}
