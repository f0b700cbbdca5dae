"""One router per URL prefix."""
