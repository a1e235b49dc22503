// A directory actor answers lookups through a `Ret`, and a client actor asks
// it and logs what it heard. A `Ret` that is dropped unused delivers `None`,
// so the client hears about every question, answered or not.

use companion::actors::{Actor, Cx, Ret, call};
use std::collections::HashMap;

pub struct Directory {
    entries: HashMap<String, u32>,
}

impl Directory {
    pub fn init<'id>(_: &mut Cx<'id, '_, Self>, entries: &[(&str, u32)]) -> Option<Self> {
        let entries = entries.iter().map(|&(name, n)| (name.to_string(), n)).collect();
        Some(Directory { entries })
    }

    /// Answers with the number of `name`. An unknown name gets no answer.
    pub fn lookup<'id>(&mut self, _: &mut Cx<'id, '_, Self>, name: String, answer: Ret<'id, u32>) {
        if let Some(&n) = self.entries.get(&name) {
            answer.ret(n);
        }
        // Otherwise `answer` is dropped here, and the client hears `None`.
    }
}

pub struct Client<'id> {
    directory: Actor<'id, Directory>,
    pub log: Vec<String>,
}

impl<'id> Client<'id> {
    pub fn init(_: &mut Cx<'id, '_, Self>, directory: Actor<'id, Directory>) -> Option<Self> {
        Some(Client { directory, log: Vec::new() })
    }

    /// Asks the directory for `name`; the answer, or its absence, is logged.
    pub fn ask(&mut self, cx: &mut Cx<'id, '_, Self>, name: String) {
        let label = name.clone();
        // `to_actor`, not `some_to_actor`: a dropped reply is delivered too.
        let answer = Ret::to_actor(cx.this(), move |client, _cx, n: Option<u32>| {
            let line = match n {
                Some(n) => format!("{label}: {n}"),
                None => format!("{label}: no reply"),
            };
            client.log.push(line);
        });
        call!([self.directory], lookup(name, answer));
    }
}
