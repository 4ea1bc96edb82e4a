"""The routing stage: the nodes, their health, and choosing one among those the policy allowed."""
