"""What a clustered deployment shares through Redis: agent runs across API replicas (`cluster.runs`)."""
