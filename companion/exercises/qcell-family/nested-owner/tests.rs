fn files(sizes: &[u64]) -> Dir {
    Dir { file_sizes: sizes.to_vec(), subdirs: Vec::new() }
}

#[test]
fn an_empty_directory_uses_nothing() {
    assert_eq!(disk_usage(&files(&[])), Usage { bytes: 0, largest_file: 0 });
}

#[test]
fn a_flat_directory_adds_its_files() {
    assert_eq!(disk_usage(&files(&[3, 9, 4])), Usage { bytes: 16, largest_file: 9 });
}

#[test]
fn subdirectories_are_counted() {
    let tree = Dir { file_sizes: vec![1], subdirs: vec![files(&[5, 2]), files(&[7])] };
    assert_eq!(disk_usage(&tree), Usage { bytes: 15, largest_file: 7 });
}

#[test]
fn deep_trees_are_counted() {
    let mut tree = files(&[1]);
    for depth in 2..=20 {
        tree = Dir { file_sizes: vec![depth], subdirs: vec![tree] };
    }
    assert_eq!(disk_usage(&tree), Usage { bytes: (1..=20).sum(), largest_file: 20 });
}
