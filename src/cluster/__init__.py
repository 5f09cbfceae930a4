"""Redis-coordinated implementations for a clustered deployment (several API replicas, one Selenium Grid):
agent runs (`cluster.runs`) and the portal session pool (`cluster.pool`)."""
