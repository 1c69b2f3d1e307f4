"""Material every test folder shares: sample meetings, app helpers, one tmux driver, waiting."""
