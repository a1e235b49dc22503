//! claim: a thread-local whose value has a destructor cannot be declared for tokens: std would destroy it at thread exit even while a token lives.
companion::token_local!(static NAME: String = const { String::new() });

fn main() {
    companion::stack_token!(token);
    println!("{}", NAME.get(token));
}
