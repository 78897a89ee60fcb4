"""Packaged content (questions, rituals) and the validation that guards it."""
