// Measures a directory tree. The running totals live in cells, and `record` updates
// two of them at once with `rw2`. It works for a flat directory, but panics as soon
// as there is a subdirectory. Change the owner (and the cells), not the signature of
// `disk_usage`, so that nested calls work.

use qcell::{TCell, TCellOwner};

pub struct Dir {
    pub file_sizes: Vec<u64>,
    pub subdirs: Vec<Dir>,
}

#[derive(Debug, PartialEq)]
pub struct Usage {
    pub bytes: u64,
    pub largest_file: u64,
}

/// The marker type that names this module's owner.
struct Tally;

/// Adds one file to the totals.
fn record(owner: &mut TCellOwner<Tally>, bytes: &TCell<Tally, u64>, largest: &TCell<Tally, u64>, size: u64) {
    let (bytes, largest) = owner.rw2(bytes, largest);
    *bytes += size;
    *largest = (*largest).max(size);
}

/// The total size of the files in `dir` and below it, and the largest of them.
pub fn disk_usage(dir: &Dir) -> Usage {
    let mut owner = TCellOwner::<Tally>::new();
    let bytes = owner.cell(0);
    let largest = owner.cell(0);
    for &size in &dir.file_sizes {
        record(&mut owner, &bytes, &largest, size);
    }
    for subdir in &dir.subdirs {
        let below = disk_usage(subdir);
        *owner.rw(&bytes) += below.bytes;
        let largest = owner.rw(&largest);
        *largest = (*largest).max(below.largest_file);
    }
    Usage { bytes: *owner.ro(&bytes), largest_file: *owner.ro(&largest) }
}
