"""Live views of one meeting from several processes: noticing changes, the read model."""
