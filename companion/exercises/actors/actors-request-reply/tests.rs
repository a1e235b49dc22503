use companion::actors::{ActorOwn, Ret, Runtime, actor, call};
use std::time::Instant;

const ENTRIES: &[(&str, u32)] = &[("ada", 1815), ("alan", 1912)];

/// A directory and a client of it, in a fresh runtime; `f` drives them.
fn with_pair(f: impl for<'id> FnOnce(&mut Runtime<'id>, &ActorOwn<'id, Directory>, &ActorOwn<'id, Client<'id>>)) {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let directory = actor!(rt, Directory::init(ENTRIES), Ret::nop());
        let client = actor!(rt, Client::init(directory.clone()), Ret::nop());
        rt.run(now, false);
        f(&mut rt, &directory, &client);
    });
}

fn log_of<'id>(rt: &mut Runtime<'id>, client: &ActorOwn<'id, Client<'id>>) -> Vec<String> {
    client.query(rt, |c, _| c.log.clone()).expect("the client is ready")
}

#[test]
fn a_known_name_is_answered() {
    with_pair(|rt, _, client| {
        call!([client], ask("ada".to_string()));
        rt.run(rt.now(), false);
        assert_eq!(log_of(rt, client), ["ada: 1815"]);
    });
}

#[test]
fn an_unknown_name_is_logged_as_no_reply() {
    with_pair(|rt, _, client| {
        call!([client], ask("grace".to_string()));
        rt.run(rt.now(), false);
        assert_eq!(log_of(rt, client), ["grace: no reply"]);
    });
}

#[test]
fn every_question_gets_one_line_in_order() {
    with_pair(|rt, _, client| {
        for name in ["ada", "grace", "alan"] {
            call!([client], ask(name.to_string()));
        }
        rt.run(rt.now(), false);
        assert_eq!(log_of(rt, client), ["ada: 1815", "grace: no reply", "alan: 1912"]);
    });
}

#[test]
fn a_stopped_directory_answers_no_reply() {
    with_pair(|rt, directory, client| {
        directory.kill("closed");
        rt.run(rt.now(), false);
        assert!(directory.is_stopped());
        // The call to a stopped actor is dropped with its arguments: the `Ret` too.
        call!([client], ask("ada".to_string()));
        rt.run(rt.now(), false);
        assert_eq!(log_of(rt, client), ["ada: no reply"]);
    });
}
