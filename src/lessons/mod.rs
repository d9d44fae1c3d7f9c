//! The lesson inside the playground: patterns, exercises and their checks, the quiz.
