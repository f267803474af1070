"""Team work on one project: members and roles, assignments and the reliability sample, and
the live feed of what the other members change."""
