"""Tests of facilitation: clocks across a long meeting, time keys, presentation mode."""
