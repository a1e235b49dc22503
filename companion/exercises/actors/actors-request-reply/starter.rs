// A directory actor answers lookups through a `Ret`, and a client actor asks
// it and logs what it heard: "ada: 1815" for a known name, "grace: no reply"
// when no answer comes. As written, `lookup` never answers, and the client
// asks with a reply that is silent when it is dropped, so nothing is logged.
// Make the directory answer known names, and make every question the client
// asks end in exactly one line of its log.

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
        // TODO: answer from `self.entries`.
        let _ = (name, answer);
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

    /// Asks the directory for `name`; the answer is logged when it comes.
    pub fn ask(&mut self, cx: &mut Cx<'id, '_, Self>, name: String) {
        let label = name.clone();
        let answer = Ret::some_to_actor(cx.this(), move |client, _cx, n: u32| {
            client.log.push(format!("{label}: {n}"));
        });
        call!([self.directory], lookup(name, answer));
    }
}
