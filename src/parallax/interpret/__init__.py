"""Interpret: framing, timeline, per-outlet view and the cited summary."""
