"""Redis-coordinated implementations for a clustered deployment (several API replicas, one Selenium Grid)."""
