use bumpalo_herd::Herd;
use companion::arena::ArenaList;

fn pool_of_two() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap()
}

#[test]
fn returns_the_new_total() {
    let herd = Herd::new();
    ArenaList::new(&herd, |list, mut token, herd| {
        list.extend(1..=100, &herd.get(), &mut token);
        let total = pool_of_two().install(|| scale_and_total(&list, &mut token, 3));
        assert_eq!(total, 3 * 5050);
    });
}

#[test]
fn scales_every_value_once() {
    let herd = Herd::new();
    ArenaList::new(&herd, |list, mut token, herd| {
        list.extend([4, -2, 7], &herd.get(), &mut token);
        pool_of_two().install(|| scale_and_total(&list, &mut token, -10));
        assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [-40, 20, -70]);
    });
}

#[test]
fn an_empty_list_totals_zero() {
    let herd = Herd::new();
    ArenaList::new(&herd, |list, mut token, _herd| {
        assert_eq!(scale_and_total(&list, &mut token, 5), 0);
    });
}
