use std::error::Error;

fn context(file: &str) -> Rc<Context> {
    Rc::new(Context { file: file.to_string() })
}

fn boxed(error: ParseError) -> Box<dyn Error + Send + Sync> {
    Box::new(error)
}

#[test]
fn becomes_a_send_sync_error() {
    let error = boxed(ParseError::new(3, context("a.toml")));
    assert_eq!(error.to_string(), "parse error on line 3");
}

#[test]
fn context_is_readable_on_the_parsing_thread() {
    let error = ParseError::new(7, context("b.toml"));
    companion::stack_token!(token);
    assert_eq!(error.file(token), Some("b.toml"));
}

#[test]
fn context_is_hidden_on_other_threads() {
    let error = ParseError::new(1, context("c.toml"));
    let seen = std::thread::spawn(move || {
        companion::stack_token!(token);
        error.file(token).map(str::to_owned)
    })
    .join()
    .unwrap();
    assert_eq!(seen, None);
}

#[test]
fn context_is_released_when_the_error_drops_on_its_thread() {
    let shared = context("d.toml");
    let error = ParseError::new(2, shared.clone());
    assert_eq!(Rc::strong_count(&shared), 2);
    drop(error);
    assert_eq!(Rc::strong_count(&shared), 1);
}
