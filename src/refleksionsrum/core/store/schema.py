"""The database schema's version, readable without importing the database layer."""

# The schema's history; Store migrates a database from any earlier version at open.
# 0: the meeting tables without the meta table (no version recorded at all).
# 1: meta records schema_version and the revision that live views poll.
# 2: drafts (unfinished entry lines and forms) are kept in the draft table.
# 3: trial_action.closed_by names the meeting whose evaluation closed it (indexed), so
#    finding the open trial actions reads only those, however long the history.
# 4: meeting.revision (bumped with every write to the meeting, watched by live views)
#    and meeting.facilitator / facilitator_seen (who drives the phase and the timer).
# 5: session_file.mtime_ns and size are BIGINT (PostgreSQL's INTEGER is 32 bits).
SCHEMA_VERSION = 5
