"""Follow-ups: tasks with a due date and an assignee, and each person's agenda."""
