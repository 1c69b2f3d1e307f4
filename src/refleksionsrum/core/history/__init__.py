"""The team's memory across meetings: the history, the trial-action board, the learning log."""
