//! Part I: first principles.
