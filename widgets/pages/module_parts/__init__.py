"""The parts a module page is made of: sign-in, confidence form, progress, steps."""
