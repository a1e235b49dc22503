use std::cell::Cell;

/// Counts how many times values of this type are dropped.
#[derive(Clone)]
struct Counted<'a>(u32, &'a Cell<u32>);

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.1.set(self.1.get() + 1);
    }
}

#[test]
fn walks_backward_through_the_back_links() {
    let mut list = List::new();
    for i in 1..=4 {
        list.push_back(i);
    }
    assert_eq!(list.values_backward(), [4, 3, 2, 1]);
}

#[test]
fn dropping_the_list_drops_every_value_once() {
    let drops = Cell::new(0);
    {
        let mut list = List::new();
        for i in 0..3 {
            list.push_back(Counted(i, &drops));
        }
    }
    assert_eq!(drops.get(), 3, "every node must be freed when the list is dropped");
}

#[test]
fn a_long_list_is_freed_too() {
    let drops = Cell::new(0);
    {
        let mut list = List::new();
        for i in 0..1000 {
            list.push_back(Counted(i, &drops));
        }
        let backward = list.values_backward();
        assert_eq!(backward.first().map(|c| c.0), Some(999));
        // `backward` holds clones: dropping them counts as well.
    }
    assert_eq!(drops.get(), 2000);
}
