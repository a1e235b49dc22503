// `TCellOwner<Network>` is one per process, and tests may run in parallel threads:
// `wait_for_new` makes each test wait for the previous test's owner to be dropped.

#[test]
fn each_friend_gets_one_greeting() {
    let mut owner = NetworkOwner::wait_for_new();
    let (ada, bo, cy) = (person("Ada"), person("Bo"), person("Cy"));
    befriend(&mut owner, &ada, &bo);
    befriend(&mut owner, &ada, &cy);
    greet_friends(&mut owner, &ada);
    assert_eq!(owner.ro(&bo).inbox, ["hello from Ada"]);
    assert_eq!(owner.ro(&cy).inbox, ["hello from Ada"]);
    assert!(owner.ro(&ada).inbox.is_empty());
}

#[test]
fn friendship_goes_one_way() {
    let mut owner = NetworkOwner::wait_for_new();
    let (ada, bo) = (person("Ada"), person("Bo"));
    befriend(&mut owner, &ada, &bo);
    greet_friends(&mut owner, &bo);
    assert!(owner.ro(&ada).inbox.is_empty());
}

#[test]
fn a_person_who_is_their_own_friend_greets_themselves() {
    // With Rc<RefCell<Person>> this is the case that panicked: the sender was borrowed
    // for reading while the same person was borrowed for writing as a friend.
    let mut owner = NetworkOwner::wait_for_new();
    let ada = person("Ada");
    befriend(&mut owner, &ada, &ada);
    greet_friends(&mut owner, &ada);
    assert_eq!(owner.ro(&ada).inbox, ["hello from Ada"]);
}

#[test]
fn greeting_twice_sends_two_messages() {
    let mut owner = NetworkOwner::wait_for_new();
    let (ada, bo) = (person("Ada"), person("Bo"));
    befriend(&mut owner, &ada, &bo);
    greet_friends(&mut owner, &ada);
    greet_friends(&mut owner, &ada);
    assert_eq!(owner.ro(&bo).inbox.len(), 2);
}
