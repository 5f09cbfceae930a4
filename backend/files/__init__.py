"""Files the agent produced (Excel exports, screenshots), served only to their owner."""
