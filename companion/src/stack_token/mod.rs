//! Stack tokens: thread-bound values and thread locals without closures (Part IV).
