// A small social network, ported from `Rc<RefCell<Person>>` to `Rc<TCell<..>>`: the
// permission to change any person is now one `NetworkOwner`, passed to every function
// that changes people. The port compiles except for `greet_friends`, where the
// RefCell version could panic and the compiler now refuses it. Fix `greet_friends`.

use std::rc::Rc;

use qcell::{TCell, TCellOwner};

/// The marker type that names the network's owner.
pub struct Network;
pub type NetworkOwner = TCellOwner<Network>;
pub type PersonCell = TCell<Network, Person>;

pub struct Person {
    pub name: String,
    pub friends: Vec<Rc<PersonCell>>,
    pub inbox: Vec<String>,
}

pub fn person(name: &str) -> Rc<PersonCell> {
    Rc::new(TCell::new(Person { name: name.to_string(), friends: Vec::new(), inbox: Vec::new() }))
}

/// `a` counts `b` among its friends (one direction only).
pub fn befriend(owner: &mut NetworkOwner, a: &Rc<PersonCell>, b: &Rc<PersonCell>) {
    owner.rw(a).friends.push(Rc::clone(b));
}

/// Puts "hello from <sender's name>" in the inbox of each of the sender's friends.
pub fn greet_friends(owner: &mut NetworkOwner, sender: &PersonCell) {
    let me = owner.ro(sender);
    for friend in &me.friends {
        owner.rw(friend).inbox.push(format!("hello from {}", me.name));
    }
}
