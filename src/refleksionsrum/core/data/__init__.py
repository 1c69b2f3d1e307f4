"""The team's own numbers: data sources from config.toml, readers, and the Anhøj runs analysis."""
